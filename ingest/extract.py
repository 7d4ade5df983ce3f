"""Clause text -> lead units, cooperating units, quantified targets, deadlines.

Pure functions over strings. Unit lists are split by the note's own punctuation
(、，；), never by word segmentation: jieba cuts 省发展改革委会同 into 改/革委会/同.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .records import Target, UnitRef
from .units import Directory, is_generic

# ---------------------------------------------------------------- unit notes

FIRST_LEADS = re.compile(
    r"(?:列|排)(?:在)?第一位(?:者|的)?(?:部门|单位)?为牵头(?:单位|部门)(?:[，,]?下同)?"
)
CARRY_FORWARD = re.compile(
    r"以下(?:各项)?(?:任务|措施|任务措施|工作)?(?:均需|均由|均要|均)(?P<units>.+?)(?:负责)?落实"
    r"[，,]?(?:不再(?:一一)?列出)"
)
_LABELLED = re.compile(
    r"^(?P<label>牵头单位|牵头部门|责任单位|责任部门|主责单位|配合单位|配合部门|参与单位|协同单位|协办单位)"
    r"\s*[:：]\s*(?P<units>.+)$"
)
_JOINTLY = re.compile(r"^由?(?P<lead>.+?)会同(?P<coop>.+?)(?:共同)?(?:牵头)?(?:负责)?(?:落实)?$")
_LEAD = re.compile(r"^(?P<units>.+?)(?:共同)?(?:牵头负责|牵头抓总|牵头|主责|负总责)$")
_COOP = re.compile(r"^(?P<units>.+?)(?:共同)?(?:配合落实|参与落实|配合|参与|协助|协同|协办)$")
_IMPLEMENT = re.compile(r"^(?P<units>.+?)(?:负责落实|具体落实|抓好落实|落实)$")
_RESPONSIBLE = re.compile(r"^由?(?P<units>.+?)(?:分别|按职责分工|按职责|依职责)?(?:负责)$")
_SEGMENT_SPLIT = re.compile(r"[，,；;。]")
_LIST_SPLIT = re.compile(r"[、，,]|以及|及(?=[省市国中])")
_ETC = re.compile(r"(?P<etc>等(?:有关|相关|其他)?(?:部门|单位|方面)?)$")


@dataclass
class NoteState:
    """Conventions that carry from one note to the next within a document."""

    first_leads: bool = False
    carried: list[str] = field(default_factory=list)  # units added to every later note


@dataclass(frozen=True)
class Mention:
    as_written: str
    role: str
    start: int  # offset in the note
    generic: bool
    inherited: bool = False


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _blank(words: str) -> str:
    """Take a convention out of a note, keeping offsets: a separator, then spaces."""
    return "；" + " " * (len(words) - 1)


def _split_top(text: str, pattern: re.Pattern) -> list[tuple[str, int]]:
    """Split on ``pattern`` outside brackets; return (piece, offset) pairs. Unbalanced
    brackets (a typo in the note) are ignored rather than swallowing the rest."""
    balanced = _balanced(text)
    pieces, depth, last = [], 0, 0
    i = 0
    while i < len(text):
        ch = text[i]
        if balanced and ch in "(（":
            depth += 1
        elif balanced and ch in ")）":
            depth = max(0, depth - 1)
        elif depth == 0:
            match = pattern.match(text, i)
            if match and match.end() > i:
                pieces.append((text[last:i], last))
                last = i = match.end()
                continue
        i += 1
    pieces.append((text[last:], last))
    return [(p, o) for p, o in pieces if p.strip()]


def _units_in(text: str, offset: int, role: str) -> list[Mention]:
    """Split a unit list by its punctuation: 省教育厅、省国资委等有关部门."""
    out: list[Mention] = []
    for piece, at in _split_top(text, _LIST_SPLIT):
        lead_ws = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        at += lead_ws
        prefix = re.match(r"^(?:由|请|要求)", piece)
        if prefix:
            piece, at = piece[prefix.end():], at + prefix.end()
        etc = _ETC.search(piece)
        extra = None
        if etc and etc.start() > 0:
            word = etc.group("etc")
            extra = (word, at + etc.start()) if word != "等" else None
            piece = piece[: etc.start()]
        elif etc and etc.start() == 0 and etc.group("etc") != "等":
            out.append(Mention(piece, role, offset + at, generic=True))
            continue
        piece = re.sub(r"(?:分别|共同|按职责分工|按职责)$", "", piece)
        if piece:
            out.append(Mention(piece, role, offset + at, generic=is_generic(piece)))
        if extra:
            out.append(Mention(extra[0], role, offset + extra[1], generic=True))
    return out


def parse_note(note: str, state: NoteState | None = None) -> list[Mention]:
    """Units named in one note, in the order written, with their roles.

    Handles (X、Y牵头,Z配合), （X参与）, （X、Y负责）, the first-listed-leads convention
    (列第一位者为牵头单位，下同), 牵头单位：X / 配合单位：Y, 由X会同Y负责, and carry-forward
    notes (以下任务措施均需各市政府落实，不再列出) whose units join every later note.
    """
    state = state if state is not None else NoteState()
    body = note
    if FIRST_LEADS.search(body):
        state.first_leads = True
        body = FIRST_LEADS.sub(lambda m: _blank(m.group(0)), body)
    carry = CARRY_FORWARD.search(body)
    carried_now: list[Mention] = []
    if carry:
        carried_now = [
            Mention(m.as_written, "coop", m.start, m.generic, inherited=True)
            for m in _units_in(carry.group("units"), carry.start("units"), "coop")
        ]
        body = body[: carry.start()] + _blank(carry.group(0)) + body[carry.end():]

    segments = _split_top(body, _SEGMENT_SPLIT)
    has_lead_word = bool(re.search(r"牵头|主责|负总责|牵头单位|会同", body))
    mentions: list[Mention] = []
    for seg, at in segments:
        stripped = seg.strip()
        at += len(seg) - len(seg.lstrip())
        if not stripped:
            continue
        labelled = _LABELLED.match(stripped)
        if labelled:
            label = labelled.group("label")
            role = "lead" if label.startswith(("牵头", "责任", "主责")) else "coop"
            if label.startswith("责任") and has_lead_word:
                role = "coop"
            mentions += _units_in(labelled.group("units"), at + labelled.start("units"), role)
            continue
        jointly = _JOINTLY.match(stripped)
        if jointly and "会同" in stripped:
            mentions += _units_in(jointly.group("lead"), at + jointly.start("lead"), "lead")
            mentions += _units_in(jointly.group("coop"), at + jointly.start("coop"), "coop")
            continue
        for pattern, role in ((_LEAD, "lead"), (_COOP, "coop"), (_IMPLEMENT, None),
                              (_RESPONSIBLE, None)):
            match = pattern.match(stripped)
            if not match:
                continue
            found = _units_in(match.group("units"), at + match.start("units"), role or "lead")
            if role is None:
                if has_lead_word:
                    found = [Mention(m.as_written, "coop", m.start, m.generic) for m in found]
                elif state.first_leads and pattern is _RESPONSIBLE:
                    found = [
                        Mention(m.as_written, "lead" if i == 0 else "coop", m.start, m.generic)
                        for i, m in enumerate(found)
                    ]
            mentions += found
            break
    written = {m.as_written for m in mentions}
    for as_written in state.carried:
        if as_written not in written:
            mentions.append(Mention(as_written, "coop", -1, is_generic(as_written), inherited=True))
    for m in carried_now:
        if m.as_written not in written:
            mentions.append(Mention(m.as_written, "coop", m.start, m.generic))
        state.carried.append(m.as_written)
    return mentions


def _split_run_together(mentions: list[Mention], directory: Directory) -> list[Mention]:
    """Split a list item the note wrote without punctuation (省科技厅省财政厅) when the
    directory's units cover it exactly; otherwise keep it as written."""
    out: list[Mention] = []
    for m in mentions:
        if m.generic or directory.resolve(m.as_written) is not None:
            out.append(m)
            continue
        found = directory.find(m.as_written)
        covered = [(s, e) for s, e, _ in found]
        contiguous = all(a[1] == b[0] for a, b in zip(covered, covered[1:]))
        if len(found) >= 2 and contiguous and covered[0][0] == 0 and covered[-1][1] == len(m.as_written):
            out += [
                Mention(m.as_written[s:e], m.role, m.start + s if m.start >= 0 else -1, False,
                        m.inherited)
                for s, e in covered
            ]
        else:
            out.append(m)
    return out


def unit_refs(
    mentions: list[Mention], directory: Directory, level: str | None = None, inherited=False
) -> tuple[tuple[UnitRef, ...], tuple[UnitRef, ...]]:
    lead, coop = [], []
    for m in _split_run_together(mentions, directory):
        unit = None if m.generic else directory.resolve(m.as_written, level)
        name = unit.name if unit else re.sub(r"^等", "", m.as_written)
        ref = UnitRef(
            name=name,
            as_written=m.as_written,
            role=m.role,
            generic=m.generic,
            known=unit is not None or m.generic,
            inherited=m.inherited or inherited,
        )
        (lead if m.role == "lead" else coop).append(ref)
    return tuple(lead), tuple(coop)


# ---------------------------------------------------------------- targets

_MEASURES = (
    "个百分点", "场次", "人次", "千瓦时", "千瓦", "千米", "公里", "平方米", "平方公里", "公顷",
    "个", "家", "所", "项", "场", "人", "名", "吨", "亩", "户", "座", "条", "处", "张", "台",
    "套", "辆", "艘", "件", "篇", "部", "次", "倍", "元", "%", "％",
)
_QUANTITY = re.compile(
    r"(?P<pre>达到|达|超过|不少于|不低于|至少|稳定在|保持在|控制在|提高到|提升至|提升到|增加到|突破)?"
    r"(?P<num>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>(?:万亿|亿|万|千)?(?:" + "|".join(re.escape(m) for m in _MEASURES) + r"))"
    r"(?P<post>以上|左右|以内|以下)?"
)
_TARGET_VERBS = re.compile(
    r"(?:打造|培育|建设|建成|创建|确定|认定|新增|实施|组织|推出|引进|举办|新建|改扩建|培训|"
    r"扶持|遴选|布局|形成|设立|增长|提高|提升|推动|完成|开展|发展|吸引|带动|达到|达|力争|"
    r"突破|累计|新培育|新认定|认证|招引|储备|落地|实现)"
    r"[\u4e00-\u9fa5“”\"]{0,4}$"
)
_CLAUSE_BOUND = re.compile(r"[，,；;。：:！!？?]")
_YEAR_MARK = re.compile(r"(?:到|至|截至|截止到|力争到)\s*((?:19|20)\d{2})\s*年")
_PERIOD = re.compile(r"每年|年均|累计")
_STRONG_CMP = ("以上", "左右", "超过", "不少于", "不低于", "至少", "以内", "以下")
_CMP_NAMES = {"达": "达到", "不低于": "不少于", "至少": "不少于", "稳定在": None,
              "保持在": None, "控制在": None, "提高到": "达到", "提升至": "达到",
              "提升到": "达到", "增加到": "达到", "突破": "超过"}
_NOT_AFTER = ("月", "工作日", "小时", "季度", "周")


def _segment(text: str, pos: int) -> tuple[int, int]:
    start = pos
    while start > 0 and not _CLAUSE_BOUND.match(text[start - 1]):
        start -= 1
    end = pos
    while end < len(text) and not _CLAUSE_BOUND.match(text[end]):
        end += 1
    return start, end


def extract_targets(text: str, offset: int = 0) -> tuple[Target, ...]:
    """Quantified targets in one paragraph (the note already cut off).

    A number is a target when it states a goal: it carries a comparator (以上/左右/
    超过/不少于/达到) or follows a goal verb (打造/培育/新增…). Thresholds inside a
    metric (投资500万元以上技改项目, 1000亿元以上的县, 过50亿元的) and ranges (1-2个)
    are not targets.
    """
    found: list[tuple[re.Match, str | None]] = []
    candidates = []
    for m in _QUANTITY.finditer(text):
        lead = text[max(0, m.start() - 12) : m.start()]
        if re.search(r"\d\s*\S?\s*[-－—~～至到]$", lead) or re.match(
            r"[-－—~～]\d", text[m.end("num"):]
        ):
            continue  # a range: 1-2个
        if m.group("unit").endswith("个") and re.match(
            r"\s*(?:" + "|".join(_NOT_AFTER) + ")", text[m.end():]
        ):
            continue  # 1个月内 is a time limit
        if m.group("pre") is None and lead.endswith(("过", "第", "前", "近", "约")):
            continue  # 产值过50亿元的: a threshold
        candidates.append(m)
    for k, m in enumerate(candidates):
        start, end = m.start("num"), m.end()
        after = text[end:]
        if m.group("post") in ("以上", "以下") and after.startswith("的"):
            continue  # 1000亿元以上的县: a threshold in the metric
        seg_start, seg_end = _segment(text, start)
        later = [x for x in candidates[k + 1:] if x.start() < seg_end]
        qualifier = m.group("post") in ("以上", "以下") or m.group("unit").endswith("元")
        if later and qualifier and re.match(r"[\u4e00-\u9fa5]", after[:1]) and after[:1] not in "和及、或":
            # 投资500万元以上技改项目1万个左右: the first number qualifies the second.
            continue
        pre = m.group("pre")
        post = m.group("post")
        comparator = None
        if post in _STRONG_CMP:
            comparator = post
        elif pre:
            comparator = _CMP_NAMES.get(pre, pre)
        if pre == "稳定在" and post is None:
            comparator = None
        if comparator is None and not pre:
            previous = found[-1][0] if found else None
            if previous and re.fullmatch(r"[和及、]", text[previous.end():m.start()]):
                comparator = found[-1][1]  # 分别达到65%和55%: the pair shares its verb
            elif m.group("unit").endswith("元"):
                continue  # a bare sum of money describes, it does not set a goal
            elif not _TARGET_VERBS.search(text[seg_start:m.start()]):
                continue  # 寿光5个“千亿”县: a fact, not a goal
        found.append((m, comparator))

    targets = []
    years = [(ym.end(), int(ym.group(1))) for ym in _YEAR_MARK.finditer(text)] if found else []
    for m, comparator in found:
        start = m.start("num")
        seg_start, seg_end = _segment(text, m.start())
        year = None
        for end, value in years:  # the nearest 到YYYY年 before the number
            if end > start:
                break
            year = value
        period_match = None
        for pm in _PERIOD.finditer(text[seg_start:start]):
            period_match = pm.group(0)
        value = float(m.group("num"))
        unit = m.group("unit").replace("％", "%")
        targets.append(
            Target(
                text=text[seg_start:seg_end].strip(),
                metric=_metric(text, seg_start, seg_end, m),
                value=value,
                unit=unit,
                comparator=comparator,
                year=year,
                period=period_match,
                start=offset + m.start(),
                end=offset + m.end(),
            )
        )
    return tuple(targets)


def _metric(text: str, seg_start: int, seg_end: int, m: re.Match) -> str:
    """The thing counted: the noun after the number (打造200家左右链主企业) or, when
    the number closes the phrase, what comes before it (集聚区达120家)."""
    tail = text[m.end():seg_end]
    after = _split_top(tail, re.compile(r"[、和]"))
    after_text = after[0][0].strip().lstrip("的") if after and after[0][1] == 0 else ""
    if len(after_text) >= 2 and not re.match(r"\d", after_text):
        return after_text
    pieces = _split_top(text[seg_start:m.start()], re.compile(r"[、]"))
    before = pieces[-1][0] if pieces else ""
    before = re.sub(r"^(?:力争)?(?:到|至)?\s*\d{4}\s*年|^(?:每年|年均|累计)", "", before)
    before = re.sub(r"[\d.]+\D{0,3}和$", "", before)
    before = re.sub(r"(?:达到|达|超过|不少于|不低于|至少|稳定在|保持在|分别|均|总体|各)+$", "", before)
    return before.strip() or after_text


# ---------------------------------------------------------------- deadlines

_DEADLINE = re.compile(
    r"(?:(?:到|至|截至|截止到)\s*(?:19|20)\d{2}\s*年(?:底|末|年底)?(?:前)?)|"
    r"(?:(?:19|20)\d{2}\s*年(?:\d{1,2}\s*月(?:\d{1,2}\s*日)?|底|末|年底)?(?:前|之前|以前))|"
    r"长期坚持|持续推进"
)


def extract_deadlines(text: str) -> tuple[str, ...]:
    seen: list[str] = []
    for m in _DEADLINE.finditer(text):
        word = m.group(0)
        if word not in seen:
            seen.append(word)
    return tuple(seen)
