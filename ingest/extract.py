"""Clause text -> lead units, cooperating units, quantified targets, deadlines.

Pure functions over strings. Unit lists are split by the note's own punctuation
(、，；), never by word segmentation: jieba cuts 省发展改革委会同 into 改/革委会/同.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .lazyre import lazy_compile
from .notes import LABEL_DOING, LABEL_ROLE
from .records import Target, UnitRef
from .units import (
    LEVELS_LISTED,
    Directory,
    is_generic,
    is_national_class,
    is_vague,
    resolve_in,
)

# ---------------------------------------------------------------- unit notes
#
# A note is a sequence of unit groups separated by list punctuation, each group closed
# by a role word (牵头/负责/指导/配合/参与 …) or, when it has none, taking the role word
# of the next group that has one: （人社部、科技部，各省级人民政府按职责分工负责） gives
# every named ministry and the generic group the same role. Labelled fields
# (牵头单位：X；配合单位：Y / 负责部门：X；适用范围：…) and item markers (X（牵头）、Y) are read
# as the label says. The role words are data (ROLE_WORDS), not code branches.

FIRST_LEADS = lazy_compile(
    r"(?:列|排)(?:在)?(?:第一位|首位)(?:者|的)?(?:部门|单位)?为牵头(?:单位|部门)(?:[，,]?下同)?"
)
# 列逗号之前的为牵头单位，其他有关单位按职责分工配合，下同: the units before the note's first
# comma lead, the rest cooperate (many cities' notes carry no role word at all)
COMMA_LEADS = lazy_compile(
    r"(?:列|排)?(?:在)?(?:第一个)?(?:逗号|分号)(?:之)?前(?:面)?(?:的|者)?(?:部门|单位)?(?:为|是)牵头"
    r"(?:单位|部门)(?:[，,；;]?(?:其他|其余|其它|后面|之后)[^。；;)）]*?(?:配合|参与|协助|协同)"
    r"(?:单位|部门)?)?(?:[，,；;]?下同)?")
CARRY_FORWARD = lazy_compile(
    r"以下(?:各项)?(?:任务|措施|任务措施|工作)?(?:均需|均由|均要|均)(?P<units>.+?)(?:负责)?落实"
    r"[，,]?(?:不再(?:一一)?列出)"
)

# role word -> role. "resp" words (负责, 落实 …) lead unless the note names an explicit
# lead elsewhere (then they cooperate) or the first-listed-leads convention is in force.
ROLE_WORDS: dict[str, str] = {
    "牵头负责": "lead", "牵头抓总": "lead", "牵头落实": "lead", "牵头组织": "lead",
    "牵头": "lead", "主责": "lead", "负总责": "lead", "主办": "lead", "督促指导": "lead",
    "统筹指导": "lead", "指导": "lead", "统筹": "lead",
    "配合落实": "coop", "参与落实": "coop", "共同参与": "coop", "配合": "coop", "参与": "coop",
    "协助": "coop", "协同": "coop", "协办": "coop", "支持": "coop", "参加": "coop",
    "负责落实": "resp", "具体落实": "resp", "抓好落实": "resp", "组织实施": "resp",
    "负责": "resp", "落实": "resp", "承担": "resp", "实施": "resp",
}
_ROLE_ALT = "|".join(sorted(ROLE_WORDS, key=len, reverse=True))
_MODIFIER = r"(?:分别|共同|按职责分工|按照职责分工|按职能分工|按职责|依职责|依据职责|各自|具体)"
_ROLE_TAIL = lazy_compile(rf"(?:{_MODIFIER})*(?P<word>{_ROLE_ALT})(?:{_MODIFIER})?$")
_LEAD_PREFIX = lazy_compile(rf"^(?:{_MODIFIER})*(?:由|请|要求)?(?:{_MODIFIER})*")
# (the note-paragraph test's role words, and 实施 / 支持 too)
_LABEL = lazy_compile(
    rf"^(?P<label>{LABEL_ROLE}|实施|支持){LABEL_DOING}(?:单位|部门|机构|司局)|责任人|牵头方)"
    r"\s*[:：]\s*(?P<units>.*)$"
)
_OTHER_LABEL = lazy_compile(r"^[\u4e00-\u9fa5]{2,6}\s*[:：]")  # 适用范围： 完成时限： …
_LABEL_ROLES = (("配合", "coop"), ("参与", "coop"), ("协同", "coop"), ("协办", "coop"),
                ("协助", "coop"), ("支持", "coop"), ("承办", "coop"), ("责任", "resp"),
                ("负责", "resp"), ("实施", "resp"), ("落实", "resp"))
_ITEM_ROLE = lazy_compile(rf"[(（](?P<word>{_ROLE_ALT})(?:单位|部门)?[)）]$")
# (and the spaces before a further label on the same line: 牵头单位：X  配合单位：Y,
# 责任单位：X　完成时限：2024年底)
_SEGMENT_SPLIT = lazy_compile(r"[，,；;。]|[ \t\u3000]+(?=[\u4e00-\u9fa5]{2,8}\s*[:：])")
_LIST_SPLIT = lazy_compile(r"[、，,]|以及|(?<=等)[和及与]|及(?=[省市国中各有])")
_ETC = lazy_compile(
    r"(?P<etc>等(?:省级|市级|县级|省直|市直)?(?:有关|相关|其他|各)?(?:部门|单位|方面|机构|地区)?"
    r"(?:[和及与、](?:有关|相关|其他)?(?:部门|单位|机构|地区))?)$"
)
_EXPLICIT_LEAD = lazy_compile(r"牵头|主责|负总责|会同")
_JOINTLY = lazy_compile(r"^(?P<lead>.+?)会同(?P<coop>.+?)$")


# a note's part that says when or how long, not who: 5月底取得明显成效并持续推进,
# 2023年底前完成, 持续优化, 长期坚持
_WHEN = lazy_compile(
    r"^(?:(?:\d{4}|[一二]〇[一二三四五六七八九〇]{2})年|\d{1,2}月|[一二三四]季度|(?:上|下)半年|年底|年内|"
    r"年中|持续|长期|逐步|按年度|每年|定期|分阶段)(?!.*(?:局|厅|委|办|部门|政府|单位|中心|公司)$)")


@dataclass
class NoteState:
    """Conventions that carry from one note to the next within a document."""

    first_leads: bool = False
    comma_leads: bool = False  # the units before a note's first comma lead, the others cooperate
    carried: list[str] = field(default_factory=list)  # units added to every later note


@dataclass(frozen=True)
class Mention:
    as_written: str
    role: str
    start: int  # offset in the note
    generic: bool
    inherited: bool = False
    role_word: str = ""


_BRACKETS = lazy_compile(r"[()（）〔〕【】]")  # (各区〔县、市〕政府: one unit)


def _balanced(text: str) -> bool:
    return _bracketed(text) is not None


def _bracketed(text: str) -> list[tuple[int, int]] | None:
    """Spans of the outermost bracket pairs, or None when the brackets do not balance."""
    if not _BRACKETS.search(text):
        return []
    spans, depth, opened = [], 0, 0
    for bracket in _BRACKETS.finditer(text):
        if bracket.group() in "(（〔【":
            if depth == 0:
                opened = bracket.start()
            depth += 1
        else:
            depth -= 1
            if depth < 0:
                return None
            if depth == 0:
                spans.append((opened, bracket.end()))
    return spans if depth == 0 else None


_BLANK_RUN = lazy_compile(r"；\s+")  # what _blank leaves


def _blank(words: str) -> str:
    """Take a convention out of a note, keeping offsets: a separator, then spaces."""
    return "；" + " " * (len(words) - 1)


def _split_top(text: str, pattern: re.Pattern) -> list[tuple[str, int]]:
    """Split on ``pattern`` outside brackets; return (piece, offset) pairs. Unbalanced
    brackets (a typo in the note) are ignored rather than swallowing the rest."""
    inside = _bracketed(text) or []  # unbalanced: no bracket protects anything
    pieces, last = [], 0
    for match in pattern.finditer(text):
        start = match.start()
        if match.end() == start or (inside and any(a < start < b for a, b in inside)):
            continue
        pieces.append((text[last:match.start()], last))
        last = match.end()
    pieces.append((text[last:], last))
    return [(p, o) for p, o in pieces if p.strip()]


_TAIL_WORDS = lazy_compile(rf"(?:{_MODIFIER}|等)+$")
_LEAD_BRACKET = lazy_compile(r"^[(（][^()（）]*[)）]\s*")
_TWO_LETTERS = lazy_compile(r"[\u4e00-\u9fffA-Za-z][^\u4e00-\u9fffA-Za-z]*[\u4e00-\u9fffA-Za-z]")


def _units_in(text: str, offset: int, role: str, role_word: str = "") -> list[Mention]:
    """Split a unit list by its punctuation: 省教育厅、省国资委等有关部门. A generic tail
    (等有关部门和单位) is peeled off the named unit and kept as a generic mention."""
    out: list[Mention] = []
    marked_at: set[int] = set()
    for piece, at in _levels_joined(text, _split_top(text, _LIST_SPLIT)):
        found, marked, extra = _item(piece, role, role_word)
        out += [Mention(name, item_role, offset + at + shift, generic, role_word=item_word)
                for name, item_role, shift, generic, item_word in found]
        if marked:
            marked_at.add(len(out) - 1 - (1 if extra else 0))
    if marked_at and role != "coop":
        # 责任单位：X（牵头）、Y — the marked unit leads, the others in the list cooperate.
        out = [m if i in marked_at or m.role == "coop" else replace(m, role="coop")
               for i, m in enumerate(out)]
    return out


_EACH_LEVEL = lazy_compile(r"\s*各[省市县区]\s*")
_BARE_LEVEL = lazy_compile(r"\s*[省市县区乡镇](?:[(（][^()（）]{1,8}[)）])?\s*")
_LEVEL_GOVERNMENT = lazy_compile(r"\s*[省市县区乡镇](?:[(（][^()（）]{1,8}[)）])?(?:人民)?政府\s*")


def _levels_joined(text: str, pieces: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """各区、县（市）政府 and 各市、县、区政府 are one class of bodies, the governments of
    every level listed: 各 and 政府 reach over the 、 (各区、市各部门 stays two)."""
    out: list[tuple[str, int]] = []
    k = 0
    while k < len(pieces):
        piece, at = pieces[k]
        end = k + 1
        if _EACH_LEVEL.fullmatch(piece):
            while end < len(pieces) - 1 and _BARE_LEVEL.fullmatch(pieces[end][0]):
                end += 1
            joined = all(text[pieces[j][1] + len(pieces[j][0])] == "、" for j in range(k, end))
            if end < len(pieces) and joined and _LEVEL_GOVERNMENT.fullmatch(pieces[end][0]):
                out.append((text[at:pieces[end][1] + len(pieces[end][0])], at))
                k = end + 1
                continue
            end = k + 1
        out.append((piece, at))
        k = end
    return out


@lru_cache(maxsize=8192)  # a document names the same units in note after note
def _item(piece: str, role: str, role_word: str) -> tuple[tuple, bool, bool]:
    """One item of a unit list -> (its mentions as (as written, role, offset in the item,
    generic, role word), whether a role mark (（牵头）) set its role, whether a generic tail
    was peeled off it)."""
    out = []
    at = 0
    # a convention blanked out where brackets kept the list from splitting at it
    # (第一章（以下…不再列出）) ends the unit before it
    blank = _BLANK_RUN.search(piece)
    if blank:
        piece = piece[: blank.start()].rstrip("（( ")
    lead_ws = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    at += lead_ws
    prefix = _LEAD_PREFIX.match(piece)
    if prefix and prefix.end():
        piece, at = piece[prefix.end():], at + prefix.end()
        at += len(piece) - len(piece.lstrip())
        piece = piece.lstrip()
    lead_bracket = _LEAD_BRACKET.match(piece)
    if lead_bracket:  # a bracketed aside (or a blanked convention) before the unit
        piece, at = piece[lead_bracket.end():], at + lead_bracket.end()
    item_role, item_word = role, role_word
    marked = _ITEM_ROLE.search(piece)
    if marked:  # 责任单位：省科技厅（牵头）、省财政厅
        item_word = marked.group("word")
        item_role = "lead" if ROLE_WORDS[item_word] != "coop" else "coop"
        piece = piece[: marked.start()].rstrip()
    etc = _ETC.search(piece)
    extra = None
    if etc and etc.start() > 0:
        word = etc.group("etc")
        extra = (word, at + etc.start()) if word != "等" else None
        piece = piece[: etc.start()]
    elif etc and etc.start() == 0 and etc.group("etc") != "等":
        return ((piece, item_role, at, True, item_word),), False, False
    piece = _TAIL_WORDS.sub("", _ASIDE_AFTER.sub("", piece)).rstrip()
    if _TWO_LETTERS.search(piece):  # two letters at least
        out.append((piece, item_role, at, is_generic(piece), item_word))
    if extra:
        out.append((extra[0], item_role, extra[1], True, item_word))
    return tuple(out), bool(marked), bool(extra)


# 各区政府（含大鹏新区管委会、前海管理局，下同）: what the body includes is no part of its name
_ASIDE_AFTER = lazy_compile(r"[（(](?:含|包括|不含|下同)[^（()）]*[)）]$")


@dataclass
class _Group:
    text: str
    at: int
    word: str | None  # the role word closing the group, None when it has none
    role: str | None  # lead | coop | resp, from the word or a label
    label: bool = False


def _group(seg: str, at: int, label_role: tuple[str, str] | None) -> list[_Group]:
    """One comma-separated segment of a note -> its unit groups."""
    stripped = seg.strip()
    at += len(seg) - len(seg.lstrip())
    labelled = _LABEL.match(stripped)
    if labelled:
        label = labelled.group("label")
        role = next((r for key, r in _LABEL_ROLES if key in label), "lead")
        units = labelled.group("units")
        tail = _ROLE_TAIL.search(units)
        if tail and tail.start() > 0:
            units = units[: tail.start()]
        return [_Group(units, at + labelled.start("units"), label, role, label=True)]
    if _OTHER_LABEL.match(stripped) or _WHEN.match(stripped):
        # 适用范围：… is not a unit field, nor is when (6月底前完成，牵头单位：X)
        return [_Group("", at, "", None, label=True)]
    jointly = _JOINTLY.match(stripped)
    if jointly:
        coop = jointly.group("coop")
        tail = _ROLE_TAIL.search(coop)
        word = tail.group("word") if tail else "会同"
        lead_role = "lead"
        if tail and tail.start() > 0:
            coop = coop[: tail.start()]
        return [_Group(jointly.group("lead"), at + jointly.start("lead"), word, lead_role),
                _Group(coop, at + jointly.start("coop"), "会同", "coop")]
    tail = _ROLE_TAIL.search(stripped)
    if tail and tail.start() > 0:
        word = tail.group("word")
        return [_Group(stripped[: tail.start()], at, word, ROLE_WORDS[word])]
    if label_role is not None:
        return [_Group(stripped, at, label_role[1], label_role[0], label=True)]
    return [_Group(stripped, at, None, None)]


def parse_note(note: str, state: NoteState | None = None) -> list[Mention]:
    """Units named in one note, in the order written, with their roles.

    Handles (X、Y牵头,Z配合), （X参与）, （X、Y负责）, （X指导，Y参与）, groups that share
    one role word (X、Y，各省级人民政府按职责分工负责), the first-listed-leads convention
    (列第一位者为牵头单位，下同) across groups, 牵头单位：X / 配合单位：Y / 负责部门：X；
    适用范围：…, 责任单位：X（牵头）、Y, 由X会同Y负责, 分别由X、Y负责, and carry-forward
    notes (以下任务措施均需各市政府落实，不再列出) whose units join every later note.
    """
    state = state if state is not None else NoteState()
    body = note
    if len(body) >= 2 and body[0] in "(（" and body[-1] in ")）" and _balanced(body[1:-1]):
        body = " " + body[1:-1] + " "  # the note with its brackets: same offsets
    if FIRST_LEADS.search(body):
        state.first_leads = True
        body = FIRST_LEADS.sub(lambda m: _blank(m.group(0)), body)
    if COMMA_LEADS.search(body):
        state.comma_leads = True
        body = COMMA_LEADS.sub(lambda m: _blank(m.group(0)), body)
    carry = CARRY_FORWARD.search(body)
    carried_now: list[Mention] = []
    if carry:
        carried_now = [
            Mention(m.as_written, "coop", m.start, m.generic, inherited=True, role_word="落实")
            for m in _units_in(carry.group("units"), carry.start("units"), "coop")
        ]
        body = body[: carry.start()] + _blank(carry.group(0)) + body[carry.end():]

    groups: list[_Group] = []
    label_role: tuple[str, str] | None = None
    for seg, at in _split_top(body, _SEGMENT_SPLIT):
        if not seg.strip():
            continue
        found = _group(seg, at, label_role)
        for g in found:
            if g.label:
                label_role = (g.role, g.word) if g.role else None
        groups += [g for g in found if g.text.strip()]

    # A group without a role word takes the word of the next group that has one;
    # trailing ones cooperate when a lead is named, else lead.
    pending: list[_Group] = []
    for g in groups:
        if g.word is None:
            pending.append(g)
            continue
        for p in pending:
            p.word, p.role = g.word, g.role
        pending = []
    has_lead = any(g.role == "lead" for g in groups)
    if state.comma_leads and pending and len(pending) == len(groups) and len(groups) > 1:
        # no role word anywhere: the document's convention says who leads
        pending[0].word, pending[0].role = "", "lead"
        pending, has_lead = pending[1:], True
    for p in pending:
        p.word, p.role = "", "coop" if has_lead else "lead"

    explicit_lead = bool(_EXPLICIT_LEAD.search(body)) or has_lead
    # 责任单位：A，B、C where the document said 逗号前为牵头单位: the first comma's units lead
    resp = [g for g in groups if g.role == "resp"]
    by_comma = state.comma_leads and not explicit_lead and len(resp) > 1
    mentions: list[Mention] = []
    for g in groups:
        role = g.role
        if role == "resp":
            role = "coop" if explicit_lead and not g.label else "lead"
            if g.label and explicit_lead and any(x.role == "lead" and x.label for x in groups):
                role = "coop"  # 牵头单位：X；责任单位：Y
        found = _units_in(g.text, g.at, role, g.word or "")
        if by_comma and g.role == "resp":
            found = [replace(m, role="lead" if g is resp[0] else "coop") for m in found]
        elif g.role == "resp" and state.first_leads and not explicit_lead:
            found = [replace(m, role="coop") for m in found]
            if not any(m.role == "lead" for m in mentions) and found:
                found[0] = replace(found[0], role="lead")
        mentions += found
    written = {m.as_written for m in mentions}
    for as_written in state.carried:
        if as_written not in written:
            mentions.append(Mention(as_written, "coop", -1, is_generic(as_written),
                                    inherited=True, role_word="落实"))
    for m in carried_now:
        if m.as_written not in written:
            mentions.append(replace(m, inherited=False))
        state.carried.append(m.as_written)
    return mentions


_GLUE = lazy_compile(r"^(?:和|及|以及|与|、|，|,|等|\s)+$")
_CONJ = lazy_compile(r"以及|[和及与]")


def _split_run_together(mentions: list[Mention], directory: Directory) -> list[Mention]:
    """Split an item the note wrote without list punctuation when the directory's units
    cover it: 省科技厅省财政厅, 教育部和人力资源社会保障部, 民政部等有关部门和单位 (a
    directory unit glued to a generic tail is always an extraction error). A 和 inside a
    unit's own name (人力资源和社会保障部) is kept: the whole resolves first."""
    out: list[Mention] = []
    for m in mentions:
        if m.generic or directory.resolve(m.as_written) is not None:
            out.append(m)
            continue
        text = m.as_written
        found = directory.find(text)
        pieces: list[tuple[int, int, bool]] = []  # (start, end, generic)
        last, ok = 0, bool(found)
        for s, e, _ in found:
            gap = text[last:s]
            if gap and not _GLUE.match(gap):
                ok = False
                break
            pieces.append((s, e, False))
            last = e
        rest = text[last:]
        if ok and rest:
            stripped = re.sub(r"^(?:和|及|以及|与|、)", "", rest)
            if is_generic(stripped) or _ETC.fullmatch(stripped) or re.fullmatch(
                    r"(?:等)?(?:有关|相关|其他)?(?:部门|单位)(?:[和及](?:单位|部门))?", stripped):
                pieces.append((len(text) - len(stripped), len(text), True))
            else:
                ok = False
        if not ok:
            # 教育部和省农科院: split at a conjunction when either side is a directory unit.
            conj = [c for c in _CONJ.finditer(text)]
            parts, pos = [], 0
            for c in conj:
                left = text[pos:c.start()]
                if directory.resolve(left) is not None or is_generic(left):
                    parts.append((pos, c.start()))
                    pos = c.end()
            if parts:
                parts.append((pos, len(text)))
                pieces = [(s, e, is_generic(text[s:e])) for s, e in parts if e > s]
                ok = True
        if ok and (len(pieces) >= 2 or any(g for _, _, g in pieces)):
            out += [
                Mention(text[s:e], m.role, m.start + s if m.start >= 0 else -1, g,
                        m.inherited, m.role_word)
                for s, e, g in pieces
            ]
        else:
            out.append(m)
    return out


def fuzzy_unit(surface: str, directory: Directory, level: str | None = None):
    """The directory unit an OCR misreading most likely names (省发展改茸委 → 省发展改革委):
    a surface of the same length differing in at most one character in five."""
    if len(surface) < 4:
        return None
    limit = max(1, len(surface) // 5)
    best = None
    for candidate, unit in directory.surfaces():
        if len(candidate) != len(surface):
            continue
        misses = sum(1 for a, b in zip(candidate, surface) if a != b)
        if misses <= limit and (best is None or misses < best[0] or (
                misses == best[0] and level and unit.level == level)):
            best = (misses, unit)
    return best[1] if best else None


def unit_refs(
    mentions: list[Mention], directory: Directory, level: str | None = None, inherited=False,
    source: str = "note", fuzzy: bool = False, province: str | None = None,
) -> tuple[tuple[UnitRef, ...], tuple[UnitRef, ...]]:
    """Mentions -> unit references. With ``fuzzy`` (text from OCR) a unit the directory
    does not know is matched to the nearest directory name and marked ``source: ocr``.
    In a document of another ``province`` a provincial body is that province's, outside
    the directory (省财政厅 → 河南省财政厅, not known)."""
    lead, coop = [], []
    seen: set[tuple[str, str]] = set()
    for m in _split_run_together(mentions, directory):
        unit = None if m.generic else directory.resolve(m.as_written, level)
        ref_source = source
        if unit is None and fuzzy and not m.generic:
            unit = fuzzy_unit(m.as_written, directory, level)
            ref_source = "ocr" if unit is not None else source
        known = unit is not None
        if province and not m.generic:
            unit, known = resolve_in(directory, m.as_written, province, unit)
        name = unit.name if unit else re.sub(r"^等", "", m.as_written)
        if unit is None:  # 工程所在地县级人民政府…部门: the county's department, wherever
            name = _PLACE_OF.sub("", name)
        if unit is None and _NOT_A_NAME.search(name):
            continue  # （以下除标注…的措施外，适用范围均为…）: a remark, not a body
        if (name, m.role) in seen:
            continue
        seen.add((name, m.role))
        ref = _unit_ref(name, m.as_written, m.role, m.generic, known or m.generic,
                        m.inherited or inherited, m.role_word, ref_source)
        (lead if m.role == "lead" else coop).append(ref)
    return tuple(lead), tuple(coop)


# the place a body acts for, before a level (工程所在地, 违法行为发生地的): the body's name
# is the level's (县级人民政府住房城乡建设主管部门), as the documents name it elsewhere
_PLACE_OF = lazy_compile(r"^[\u4e00-\u9fa5]{0,10}?(?:所在地|发生地|登记地|注册地|住所地|经营地)的?"
                       r"(?=县|市|省|设区的市|乡|镇|区)")
# what a body's name never holds: a clause's grammar (的…外, 均为, 以下)
_NOT_A_NAME = lazy_compile(r"^(?:以下|以上|除|凡|对|如)|的[^、]{0,12}外|均为|适用|^(?:下同|同上)$")


@lru_cache(maxsize=16384, typed=True)  # records are frozen: one per distinct value will do
def _unit_ref(name: str, as_written: str, role: str, generic: bool, known: bool,
              inherited: bool, role_word: str, source: str) -> UnitRef:
    return UnitRef(name=name, as_written=as_written, role=role, generic=generic, known=known,
                   inherited=inherited, role_word=role_word, source=source)


# ---------------------------------------------------------------- targets

_MEASURES = (
    "个百分点", "场次", "人次", "千瓦时", "千瓦", "千米", "公里", "平方米", "平方公里", "公顷",
    "个", "家", "所", "项", "场", "人", "名", "吨", "亩", "户", "座", "条", "处", "张", "台",
    "套", "辆", "艘", "件", "篇", "部", "次", "倍", "元", "%", "％",
)
_PRE = ("达到", "达", "超过", "不少于", "不低于", "不得少于", "不得低于", "不应少于", "不应低于",
        "至少", "稳定在", "保持在", "控制在", "提高到", "提升至", "提升到", "增加到", "突破")
_QUANTITY = lazy_compile(
    r"(?P<pre>" + "|".join(_PRE) + ")?"
    r"(?P<num>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>(?:万亿|亿|万|千)?(?:" + "|".join(re.escape(m) for m in _MEASURES) + r"))"
    r"(?P<post>以上|左右|以内|以下)?"
)
# where a quantity can start: the first digit of a run (where the rest of the run cannot
# start one if it did not), or the first character of a ``pre`` word
_QUANTITY_START = lazy_compile(r"\d+|[" + "".join(sorted({word[0] for word in _PRE})) + "]")


def _quantities(text: str):
    """``_QUANTITY.finditer(text)``, trying the pattern only where a match can start."""
    after = 0
    for start in _QUANTITY_START.finditer(text):
        if start.start() >= after:
            m = _QUANTITY.match(text, start.start())
            if m:
                yield m
                after = m.end()


_TARGET_VERBS = lazy_compile(
    r"(?:打造|培育|建设|建成|创建|确定|认定|新增|实施|组织|推出|引进|举办|新建|改扩建|培训|"
    r"扶持|遴选|布局|形成|设立|增长|提高|提升|推动|完成|开展|发展|吸引|带动|达到|达|力争|"
    r"突破|累计|新培育|新认定|认证|招引|储备|落地|实现)"
    r"[\u4e00-\u9fa5“”\"]{0,4}$"
)
_BOUNDS = "，,；;。：:！!？?"  # what ends the clause of a sentence a target is read in
_YEAR_MARK = lazy_compile(r"(?:到|至|截至|截止到|力争到)\s*((?:19|20)\d{2})\s*年|"
                        # 1998年达到2000名: a year that the goal verb follows in its phrase
                        r"(?<![从自于\d])((?:19|20)\d{2})\s*年(?:底|末|年底)?(?:前)?(?=[^，,。；;起]{0,20}?"
                        r"(?:达到|超过|提高到|提升到|突破|增加到|扩大到|不少于|不低于))")
_PERIOD = lazy_compile(r"每年|年均|累计")
# (a requirement: a verb of providing before it; 年收入不超过…3倍的家庭 is a threshold)
_CMP_APART = lazy_compile(r"(?:配建|配备|配置|建设|建成|安装|预留|设置|确保|保障|提供|应当|应|须|要)"
                        r"(不低于|不少于|超过|达到)[\u4e00-\u9fa5]{1,6}$")
_STRONG_CMP = ("以上", "左右", "超过", "不少于", "不低于", "至少", "以内", "以下")
_CMP_NAMES = {"达": "达到", "不低于": "不少于", "不得少于": "不少于", "不得低于": "不少于",
              "不应少于": "不少于", "不应低于": "不少于", "至少": "不少于", "稳定在": None,
              "保持在": None, "控制在": None, "提高到": "达到", "提升至": "达到",
              "提升到": "达到", "增加到": "达到", "突破": "超过"}
_NOT_AFTER = ("月", "工作日", "小时", "季度", "周")
_RANGE_BEFORE = lazy_compile(r"\d\s*\S?\s*[-－—~～至到]$")
_RANGE_AFTER = lazy_compile(r"[-－—~～]\d")
_TIME_AFTER = lazy_compile(r"\s*(?:" + "|".join(_NOT_AFTER) + ")")


_LAST_BOUND = lazy_compile(f"[{_BOUNDS}][^{_BOUNDS}]*\\Z")  # the last before an end
_NO_BOUND = lazy_compile(f"[^{_BOUNDS}]*")


def _segment(text: str, pos: int) -> tuple[int, int]:
    """The span around ``pos`` between _BOUNDS marks."""
    last = _LAST_BOUND.search(text, 0, pos)
    return (last.start() + 1 if last else 0), _NO_BOUND.match(text, pos).end()


def extract_targets(text: str, offset: int = 0) -> tuple[Target, ...]:
    """Quantified targets in one paragraph (the note already cut off).

    A number is a target when it states a goal: it carries a comparator (以上/左右/
    超过/不少于/达到) or follows a goal verb (打造/培育/新增…). Thresholds inside a
    metric (投资500万元以上技改项目, 1000亿元以上的县, 过50亿元的) and ranges (1-2个)
    are not targets.
    """
    found: list[tuple[re.Match, str | None]] = []
    candidates = []
    for m in _quantities(text):
        lead = text[max(0, m.start() - 12) : m.start()]
        if _RANGE_BEFORE.search(lead) or _RANGE_AFTER.match(text, m.end("num")):
            continue  # a range: 1-2个
        if m.group("unit").endswith("个") and _TIME_AFTER.match(text, m.end()):
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
            # 配建不低于固定车位25%的充电设施: the comparator before a short metric
            apart = _CMP_APART.search(text[seg_start:m.start()])
            if apart:
                comparator = _CMP_NAMES.get(apart.group(1), apart.group(1))
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
    years = [(ym.end(), int(ym.group(1) or ym.group(2)))
             for ym in _YEAR_MARK.finditer(text)] if found else []
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
    after = _split_top(tail, _AFTER_SPLIT)
    after_text = after[0][0].strip().lstrip("的") if after and after[0][1] == 0 else ""
    if len(after_text) >= 2 and not after_text[0].isdecimal():  # (what \d matches)
        return after_text
    pieces = _split_top(text[seg_start:m.start()], _BEFORE_SPLIT)
    before = pieces[-1][0] if pieces else ""
    before = _WHEN_BEFORE.sub("", before)
    before = _NUMBER_AND.sub("", before)
    before = _VERB_BEFORE.sub("", before)
    if not (before.strip() or after_text) and seg_start > 1:
        # …分3年扩大招生规模，到1998年达到2000名: what the phrase before it counts
        prior = re.split(r"[，,；;。]", text[:seg_start - 1])[-1]
        prior = re.sub(r"^.*?(?:年起|年开始|年以来)", "", prior)
        return prior.strip()[-20:]
    return before.strip() or after_text


_AFTER_SPLIT = lazy_compile(r"[、和]")
_BEFORE_SPLIT = lazy_compile(r"[、]")
_WHEN_BEFORE = lazy_compile(r"^(?:力争)?(?:到|至)?\s*\d{4}\s*年|^(?:每年|年均|累计)")
_NUMBER_AND = lazy_compile(r"[\d.]+\D{0,3}和$")
_VERB_BEFORE = lazy_compile(r"(?:达到|达|超过|不[得应]?少于|不[得应]?低于|至少|稳定在|保持在|分别|均|总体|各)+$")


# ---------------------------------------------------------------- deadlines

_DEADLINE = lazy_compile(
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


# ---------------------------------------------------------------- duties in sentences
#
# Regulations, 办法, 预案 and many plans assign duties in the text, not in a note:
# 省财政厅会同省住房城乡建设厅负责…, 由省农业农村厅牵头，省财政厅配合, 县级人民政府应当…,
# 发展改革委会同财政部等有关部门研究提出了办理意见, 出现…时，指挥部必须…. A sentence
# assigns a duty when a chain of bodies stands in subject position (its start, after 由,
# or after a leading 时，/后，clause) and a duty verb follows. Bodies are directory
# units, generic government bodies (各级人民政府), bodies named by function (国务院教育
# 行政部门, 各级财政、住房城乡建设部门 = two bodies) and organisations the directory does
# not know, named by what they are (国家粮食应急工作指挥部, 中国储备粮管理总公司).


@dataclass(frozen=True)
class _Body:
    start: int
    end: int
    generic: bool
    names: tuple[str, ...]  # one, or several for a shared-suffix list


# where a sentence, and what its subject is assigned, ends (kb/ask.py reads the same span)
SENTENCE_CUT = lazy_compile(r"[。；;！!？?：:\n]")
_SUBJECT_PREFIX = lazy_compile(
    r"^(?:第[一二三四五六七八九十百零〇]+条[\s\u3000]*|"
    r"\d+(?:[.．]\d+)+[\s\u3000]*(?:[^\s\u3000，,。；;]{2,20}[\s\u3000]+)?|"
    r"[（(]?[一二三四五六七八九十\d]+[)）、.．][\s\u3000]*)?"
    r"(?:此外|同时|其中|另外|对此|为此|此后|随后|之后|目前|当前|今后)?[，,]?[\s\u3000]*")
_REGION_NOTE = r"(?:（[^（）]{1,10}）|\([^()]{1,10}\))"  # 省（市）, 省（自治区、直辖市）
_GENERIC_BODY = lazy_compile(
    # 各有关省（市）教育主管部门, 各有关省（市）人民政府, 各省（自治区、直辖市）: the provinces
    # concerned, a bracket saying which kinds, then the government or one of its departments
    r"各(?:有关|相关)?(?:省|市|县|地区)(?:" + _REGION_NOTE + r"|(?=有关|相关|[\u4e00-\u9fa5]{0,4}?"
    r"(?:行政主管部门|主管部门|行政部门)))(?:人民政府|政府)?"
    r"(?:[\u4e00-\u9fa5]{0,4}?(?:行政主管部门|主管部门|行政部门|部门))?|"
    r"(?:各级|地方各级|县级以上(?:地方)?(?:各级)?|各(?:省|市|县|地)?级?|省级|市级|县级|市、县|"
    r"省、市、县|市县)(?:人民政府|政府)(?:办公厅(?:（室）|\(室\))?|办公室)?(?:(?:[和及、]|及其)?(?:有关|相关)?"
    r"(?:行政主管部门|主管部门|部门|单位))?"
    r"|各(?:省、自治区、直辖市|省（区、市）|省\(区、市\))(?:人民政府)?"
    r"|各地区、各(?:有关)?部门|各地区|各(?:有关)?部门"  # the pair: two bodies
    r"|(?:国务院|国家|中央和国家机关|中央国家机关)各?有关(?:行政主管|主管|行政)?部门"  # the State Council's departments concerned
    # 省、自治区、直辖市人民政府有关主管部门: the provinces' governments, or their departments concerned
    r"|省、自治区、直辖市(?:人民政府|政府)(?:(?:有关|相关)?[\u4e00-\u9fa5]{0,8}?(?:行政主管|主管|行政)?部门)?"
)
_COOP_VERBS = "配合|参与|协助|协同"  # a body doing one of these takes part in others' duty
_DUTY_VERB = lazy_compile(
    r"^(?:要|应当|应(?![对用急变])|须|必须|需|不得|可(?=根据|按照|依据|视)|立即|迅速|负责|牵头|主要负责|具体负责|统一负责|共同负责|分别负责|"
    r"会同|指导|组织|统筹|研究提出|制定|做好|加强|落实|按照|根据|依据|依照|遵照|结合|对|将|可以|及时|定期|适时|尽快|"
    r"分别(?=对|按照|根据|依照|依据|在|负责|制定|组织|做好)|"
    r"予以(?=配合|协助|支持)|"
    + _COOP_VERBS + "|"
    r"联合|协调|督促|审核|审批|下达|拨付|核定|负总责|承担|开展|建立|完善|抓紧|认真|切实|"
    r"进一步|加快|积极|继续|已|已经|提出|意见|认为|研究|拟|统一|归口|"
    r"组成|组建|成立|设立|派出|委托|编制|起草|拟订|草拟|修订|建议[，,]?|"
    r"支付|贷款|补贴|补助|筹措|出资|投入|给予|安排|"
    # what a regulation's authorities do: 核准颁发, 受理, 查处, 责令, 划定…
    r"核准|颁发|核发|受理|查处|责令|严格(?=按照|执行|落实|遵守|依照|依法)|"
    # 县招商局…全方位为投资企业提供服务: whom the body serves
    r"(?:全方位|全力|主动)?为(?=[^，,。；;]{1,20}?提供)|"
    # 各省（区、市）国土资源主管部门向部报送工作情况报告: whom it reports to
    r"(?:及时|按时|定期|每年)?向(?=[^，,。；;]{1,20}?(?:报送|报告|汇报|提交|通报)))"
)
# when and from what a body pays: 中国人民银行每年从黄金收售价差款中支付…
_WHEN_FROM = lazy_compile(r"(?:每年|每季度|每月|逐年|当年|年内)?(?:从[^，,。；;]{1,20}?中)?"
                        r"(?:定额|全额|足额|按比例|按规定)?")
# a body, then when it acts (在…后，/ 在…时，), then its duty
_AFTER_WHICH = lazy_compile(r"在[^，,。；;]{2,40}?(?:之后|以后|后|时)[，,]")
# between bodies in subject position (X或者Y应当…: either acts)
_CHAIN_GLUE = lazy_compile(r"、|，|,|和|及|以及|与|或者")
_ORG_GLUE = lazy_compile(r"[、及和]|以及|或者")  # between bodies the directory does not know
_FREQUENCY = lazy_compile(r"(?:(?:[一二两三四五六七八九十]+次|多次|先后|曾经?|随即|又|再|均|都|也|还)"
                        r"(?=分别|[一二两三四五六七八九十]+次|多次|先后|[组派委设成对于在])|"
                        r"[一二两三四五六七八九十]+次|多次|先后|曾经?|随即)+(?:分别)?")
_DUTY_ADVERB = lazy_compile(r"(?:正在|已经|已|将|还将|也将|仍将|还要|也要|继续|抓紧|积极|主动|正)"
                          r"(?=会同|牵头|负责|组织|统筹|制定|指导|研究|编制|起草|拟订|修订|与|同[^意时])")
_IS_IN_CHARGE = lazy_compile(r"^[是为][^，,；;。]{0,40}?的?(?:主管|责任|牵头|主办|归口管理)(?:单位|部门|机构|主体)")
_DUTY_ADVERBIAL = lazy_compile(r"(?:在(?:各自)?(?:的)?职责范围内|按照?(?:各自)?(?:的)?(?:职责|职能)(?:分工)?|"
                             r"根据(?:各自)?(?:的)?职责(?:分工)?|依法|依职责|各自|"
                             # 依照职业标准牵头组织开发…: by what, then the duty verb
                             r"(?:依照|按照|根据|依据|参照)[^，,。；;、]{1,16}?(?=牵头|负责|会同|组织|制定))[，,]?")
_NEXT = (r"(?=[及和或、会负应要必须需按根依对在于将可统牵组立迅提研实审制管批指协督主具等一共报已也还正分均两又再，,支拨贷补筹出投每从核签承确另征受决解同建健持召配参]|编[制写]|的?(?:统筹)?(?:领导|指导)下|"
         # 由财政局、招商局初审; 由县招商局商园区管委会负责解释 (商: in consultation with)
         r"初[审核]|积极|商(?=[\u4e00-\u9fa5]{1,16}?(?:局|委|厅|部|会|办|政府|中心))|$)")
_ORG_NAME = lazy_compile(
    # (市人工智能（软件）攻坚办: a word in brackets inside the name)
    r"(?:中国|国家|国务院|中央|省|市|县（市、区）|县)?(?:(?!要)[\u4e00-\u9fa5]|（[\u4e00-\u9fa5]{1,6}）(?=[\u4e00-\u9fa5])){1,16}?"
    r"(?:指挥部办公室|指挥部|领导小组办公室|领导小组|协调小组|工作小组|工作组|联席会议|办公厅|办公室|"
    r"总公司|集团公司|银行|分行|兵团|组委会|管委会|中心|"
    r"委员会|总局|人民政府|政府|机关|秘书长|办事处|派出所|部|局|委|厅|署|办|"
    # an institution of government (监察机构, 法制机构), not a market one (医疗机构, 中介机构)
    r"(?<=监察|法制|管理|监管|执法|审计|派出|直属|办事|工作|协调|主管|督察|检察|监督|登记|消防|指挥)机构)"
    # (党工委组织部, 区委宣传部: a party committee's department, not the committee)
    r"(?!(?:组织|宣传|统战|政法|社会工作)部)" + _NEXT
    # an institution's own board, named alone: 理事会负责选定院所长…
    + r"|(?:理事会|董事会|监事会)(?=负责|应当|应|须|要(?![求点素])|决定|审议|审定|选定|行使)"
)
# levels listed before one function they share: 市、区 / 市、县 (…住房城乡建设管理部门)
_LEVELS_SHARING = lazy_compile(r"(?:省|市|县|区)(?:、(?:省|市|县|区))+(?=[\u4e00-\u9fa5])")
# a company, an institution or a class of them the duty falls on, when a modal or a duty
# verb follows: 国网四川电力要加快建设…, 供电企业应当…, 电网企业负责…, 医保经办机构要…
# (never 各类企业, 有关企业, 重点企业)
_PARTY_MODAL = r"要(?![求点素])|应当|应(?![用对急])|须|必须"
_PARTY = lazy_compile(
    r"(?!各|有关|相关|重点|其他|其它|所有|广大|本|该|上述|涉及|符合|相应|中小|民营|外资|国有|规模以上|"
    r"支持|推动|鼓励|引导|促进|加快|加强|推进|完善|建立|健全|发展|保障|服务|"
    r"为|配合|协助|委托|聘请|邀请|引入|通过|由|向|与|对|依托|组织|督促|指导|要求|提升|提高)"
    r"(?:(?![的和及与或]|鼓励|支持|引导|推动|要求|督促|组织|指导|推进|加快|对)[\u4e00-\u9fa5]){2,12}?"
    r"(?:(?:有限公司|公司|企业|电力|电网)"
    rf"(?={_PARTY_MODAL}|需要?(?!求)|负责|牵头|会同|统一|严格(?=按照|执行|落实|依照)|"
    r"按照|加强|做好|开展|落实)"
    # (an institution by a modal only: 委托第三方机构开展… is who is hired, not who must)
    # (a hospital too: 医联体牵头医院牵头、成员单位共同参与…, 各医院要…)
    rf"|(?:机构|医院)(?={_PARTY_MODAL}|负责|牵头))")
# a county or district named as the subject of a modal is its government: 梓潼县要…,
# 涪城区应当… (a class or a kind of area is none: 各区要, 贫困县要, 城区要, 开发区要)
_PLACE_SUBJECT = lazy_compile(
    r"(?![各全本该每其我此上下])[\u4e00-\u9fa5]{2,4}?(?<!地|城|园|社|景|山|辖|市|片|校|街|矿|灾|牧|林|库|老|边|验|范|发|能|护|困|点|强|级|郊|特|先|辐)"
    r"(?:县|区)(?=要(?![求点素])|应当|必须|须)")
_NOT_ORG = lazy_compile(r"(?:全部|内部|局部|外部|干部|本部|总部|各部|东部|西部|中部|北部|南部|"
                      r"一部|结局|格局|布局|当局|大局|开局|本办|举办|创办|承办|主办|督办|代办|"
                      r"本委|会办|部署)$")
# two levels joined by 和 or 及 before a function (a list with 、 only, 市、县财政部门…可
# 根据…, is left unread as before)
_LEVELS_JOINED = r"(?:设区的市|省|市)(?:和|及)(?:县（市、区）|县（市）区|县（市）|县)"
_SCOPE = (rf"(?:{LEVELS_LISTED}(?:人民)?政府|"  # 设区的市、县（市、区）人民政府: levels listed
          rf"{_LEVELS_JOINED}|"  # 市和县（市）价格主管部门: the levels, no government named
          r"(?:省|市|县（市、区）|县（市）区|县（市）|县|设区的市|县级以上(?:地方)?|省级|市级|县级)(?:人民)?政府|"
          r"县（市、区）|县（市）区|县（市）|"
          r"国务院|中央|各级|地方各级|县级以上(?:地方)?(?:各级)?|设区的市(?:级)?|省级|市级|县级|本级|"
          r"各(?:省|市|县)级|各地|地方|有关|相关|省|市(?!场|民|政(?!府))|县(?!域))")
_ORG_SUFFIX = lazy_compile(r"(?:部|委|局|厅|署|办|院|行|会|室|总公司)$")
_FUNCTION_BODY = lazy_compile(
    # (由违法行为发生地的县级以上人民政府…部门: the body of the place where it happens)
    r"(?P<place>[\u4e00-\u9fa5]{0,10}?(?:所在地|发生地|登记地|注册地|住所地|经营地)的?)?"
    # (能源（电力）主管部门: a function with its other name in brackets)
    rf"(?P<scope>{_SCOPE})?(?P<funcs>[\u4e00-\u9fa5]{{2,10}}?(?:（[\u4e00-\u9fa5]{{1,6}}）)?"
    r"(?:、[\u4e00-\u9fa5]{2,10}?(?:（[\u4e00-\u9fa5]{1,6}）)?)*)"
    r"(?P<kind>行政主管部门|行政部门|主管部门|部门|(?<=公安|税务|海关|登记|审批)机关(?!消防|交通|派出|[\u4e00-\u9fa5]{0,6}(?:机构|部门)))"
)


_FUNCTION_PAIRS = lazy_compile(r"发展和改革|住房和城乡建设|人力资源和社会保障|工业和信息化|经济和信息化|海洋与渔业|卫生和计划生育|"
                             r"文化和旅游|自然资源和规划|海洋和渔业|新闻出版广电和")


def _function_body(sentence: str, pos: int) -> _Body | None:
    m = _FUNCTION_BODY.match(sentence, pos)
    if not m:
        return None
    # 民政、公安、国家安全、人民银行等有关部门: the list's own 等有关 is not a function word
    words = re.sub(r"等(?:有关|相关|其他)?$", "", m.group("funcs"))
    # (和 inside a function's own name: 发展和改革部门, 住房和城乡建设部门; in a list of
    # three or more functions, any item's: 经济和信息化、财政、海洋与渔业等部门)
    paired = _FUNCTION_PAIRS.sub("", words)
    if words.count("、") >= 2:
        paired = re.sub(r"(?<=[\u4e00-\u9fa5]{2})[和与](?=[\u4e00-\u9fa5]{2})", "", paired)
    if not words or re.search(r"[的了在是为与对将和及由]|有关|相关|其他|^(?:[本该此其请要须需可并已把被让使报经]|应(?!急))|"
                              r"牵头|负责|参与|配合|会同|协助|建立|成立|确定|明确|"
                              # (补贴标准不得超过物价部门核定的…: a limit, no function;
                              # 不动产登记 is one)
                              r"不(?!动产)|超过|低于|高于|少于", paired) \
            or _VERB_FIRST.match(paired):
        return None
    place = m.group("place") or ""
    # (取得所在地县级人民政府…部门颁发的许可证: the verb before the place is no part of it)
    cut = max((v.end() for v in _BEFORE_PLACE.finditer(place)), default=0)
    start = m.start() + cut
    place = place[cut:]
    scope = place + (m.group("scope") or "")
    funcs = words.split("、")
    if _ORG_SUFFIX.search(funcs[0]) and not _NOT_ORG.search(funcs[0]):
        # 发展改革委、水利部、交通部等部门: bodies named in full, then 等部门; only
        # function words share the suffix (财政、住房城乡建设部门; 主办部门 is no 主办).
        return None
    generic = scope.startswith(("各", "地方", "县级以上", "有关", "相关")) or not scope \
        or bool(m.group("place"))
    # a body named in full inside a function list (…、人民银行等部门) keeps its name
    names = tuple(f if _ORG_SUFFIX.search(f) and not _NOT_ORG.search(f)
                  else f"{scope}{f}{m.group('kind')}" for f in funcs)
    return _Body(start, m.end(), generic, names)


# a verb opening what would be a function: 满足部门联合抽查需求, 通过现有渠道统筹做好部门联合…
# are no bodies (a function is a field: 科技, 财政, 住房城乡建设)
_VERB_FIRST = lazy_compile(r"满足|通过|做好|统筹|实现|推动|加强|促进|支持|保障|确保|协调|督促|依托|利用|"
                         r"加大|提升|提高|完善|健全|推进|落实|开展|强化|优化|深化|鼓励|引导|发挥|围绕|"
                         r"聚焦|针对|面向|加快|推行|实行|实施|打破|破除|减少|避免|防止|形成|整合|共享")


# (never a character of a place word: 所在地 holds 在, 经营地 经)
_BEFORE_PLACE = lazy_compile(r"取得|获得|领取|申领|申请|报经|报请|报送|经过|向|由|办理|提交|应当|必须|可以|"
                           r"[，,]")


# words of acting, not naming: 主要承担联席会议…, 按要求参加联席会议 are no bodies
_ACTING = lazy_compile(r"承担|负责|参加|参与|开展|召开|及时|按要求|主要|积极|认真|报送|提出|通报|"
                     r"加强|推进|落实|做好|配合|批示|指示|同志")


_SET_UNDER = lazy_compile(r"下设(?=[\u4e00-\u9fa5]{0,6}(?:办公室|秘书处|小组|工作组|中心)$)")


def _org_bodies(sentence: str, start: int) -> list[_Body]:
    """Bodies the directory does not know, chained from ``start`` (glued by 、及和)."""
    out: list[_Body] = []
    pos = start
    while True:
        body = _function_body(sentence, pos)
        levels = _LEVELS_SHARING.match(sentence, pos) if body is None else None
        if levels:
            # 市、区住房城乡建设管理部门, 市、县财政部门: each level's own body of that function
            shared = _function_body(sentence, levels.end())
            if shared is not None and len(shared.names) == 1 and not shared.names[0].startswith(
                    ("省", "市", "县", "区", "各", "有关", "相关")):
                # (市、县 or 省、市、县 are a province's levels at large, 市级/县级 bodies; 市、区 a
                # municipality and its districts, named as written)
                tiers = levels.group(0).split("、")
                at_large = "县" in tiers or "省" in tiers
                names = tuple(level + ("级" if at_large else "") + shared.names[0]
                              for level in tiers)
                body = _Body(pos, shared.end, at_large, names)
        party = _PARTY.match(sentence, pos) if body is None else None
        if party:
            body = _Body(party.start(), party.end(), False, (party.group(0),))
        place = _PLACE_SUBJECT.match(sentence, pos) if body is None else None
        if place:
            body = _Body(place.start(), place.end(), False, (place.group(0),))
        if body is None:
            m = _ORG_NAME.match(sentence, pos)
            # (设区的市人民政府: the law's name for a city with districts, 的 and all)
            if not m or _NOT_ORG.search(m.group(0)) or _ACTING.search(m.group(0)) or re.search(
                    r"[的了在是为与对将由或和已哪向可]|会同|正在|成立|设立|组建|还应|应当|提交|核发|^[本该此其有请报送除经以我]|"
                    r"^(?:建议|要求|争取|责成|委托|同意|抄送|适时|及时|定期|调整|聘请|根据|按照|依据|依照|完善|建立|健全|加强|推进|听取|征求|"
                    r"支持|鼓励|引导|督促|依托|通过|发挥|推动|促进|严格|认真|切实|进一步|全面|加快|加大|审查|"
                    r"审核|检查|明确|做好|确保|实施|提高|增强|降低|减少|扩大|维护|保障|落实|优化|改善|深化|强化|"
                    r"简化|转变)",
                    _FUNCTION_PAIRS.sub("", m.group(0)).replace("设区的市", "设区市")) or (
                    m.group(0).endswith("部") and sentence.startswith("分", m.end())):
                # (…负担部分: 部分 is "part", no 部)
                break
            # 指挥部下设办公室，负责日常工作: the office is the 指挥部's (指挥部办公室)
            name = _SET_UNDER.sub("", m.group(0))
            if name.endswith("中心") and not name.startswith(("省", "市", "县", "区", "国家")):
                break  # (a centre is a body with its place first: 市数治中心, not 建强…中心)
            body = _Body(m.start(), m.end(), is_generic(name), (name,))
        out.append(body)
        pos = body.end
        glue = _ORG_GLUE.match(sentence, pos)
        if not glue:
            break
        pos = glue.end()
    return out


def _generic_names(body: str) -> tuple[str, ...]:
    """省级人民政府及其有关部门 names two bodies: 省级人民政府, 省级人民政府有关部门."""
    pair = re.match(r"^(各地区)、(各.+)$", body)  # 各地区、各部门: every locality, every department
    if pair:
        return pair.group(1), pair.group(2)
    both = re.match(r"^(?P<gov>.+?(?:人民政府|政府))(?:及其|[和及、])(?P<rest>.+)$", body)
    if not both:
        return (body,)
    return both.group("gov"), both.group("gov") + both.group("rest")


def _known_bodies(sentence: str, directory: Directory) -> list[_Body]:
    head = sentence[:160]
    spans = [_Body(s, e, False, (head[s:e],)) for s, e, _ in directory.find(head)]
    spans += [_Body(m.start(), m.end(), True, _generic_names(m.group(0)))
              for m in _GENERIC_BODY.finditer(head)]
    spans.sort(key=lambda b: (b.start, -b.end))
    merged: list[_Body] = []
    for b in spans:
        if merged and b.start < merged[-1].end:
            continue
        merged.append(b)
    return merged


def _with_unknown(spans: list[_Body], sentence: str, at: int) -> list[_Body]:
    extra = _org_bodies(sentence, at)
    known = next((b for b in spans if b.start == at), None)
    if not extra or (known is not None and known.end >= extra[0].end):
        return spans
    # A body named in full (各级财政部门) wins over a unit name inside it (财政部).
    kept = [s for s in spans if not any(s.start < b.end and b.start < s.end for b in extra)]
    return sorted(kept + extra, key=lambda b: b.start)


# what follows the bodies opening an item of a list that an introducing sentence gave
# its duty: 公安部门有关户籍信息, 卫生健康部门的出生医学证明信息, 教育部门负责…
_ITEM_AFTER_BODIES = lazy_compile(r"(?:等(?:有关|相关)?(?:部门|单位))?(?:有关|的|负责|提供|对)")


def item_subjects(text: str, directory: Directory) -> list[Mention]:
    """The bodies an item of a list opens with, when the sentence introducing the list
    assigns its duty item by item (有关部门和单位有责任向税务部门提供以下信息：（一）公安部门有关户籍
    人口基本信息…): each such body does that item."""
    sentence = text.strip()
    prefix = _SUBJECT_PREFIX.match(sentence)
    at = prefix.end() if prefix else 0
    spans = _known_bodies(sentence, directory)
    chain, end = _follow(sentence, at, _with_unknown(spans, sentence, at))
    if not chain or not _ITEM_AFTER_BODIES.match(sentence, end):
        return []
    offset = len(text) - len(text.lstrip())
    return [Mention(name, "lead", offset + b.start, _generic(b, name), role_word="负责")
            for b in chain for name in b.names]


# 山东省经济和信息化委员会（以下简称省经信委）依法负责…: the name's short form, between the
# body and its duty
_SHORT_FORM_NOTE = lazy_compile(r"[（(](?:以下)?(?:简称|称)[^）)（(]{1,20}[）)]")


# 市发展改革委（市粮食和物资储备局）负责…: one body under its two names (a bureau that
# carries a second plate); read as the first, named as written with both
_SECOND_NAME = lazy_compile(r"(?<=[局委办厅部署院会室心])[（(]((?:省|市|县|区|国家)[\u4e00-\u9fa5、]{1,20}?"
                          r"(?:局|委|办|厅|部|署|中心|办公室|委员会))[）)]")


def text_duties(text: str, directory: Directory) -> list[Mention]:
    """Units assigned a duty by the sentences of ``text`` (offsets into ``text``)."""
    notes = [(m.start(), m.end()) for m in _SHORT_FORM_NOTE.finditer(text)]
    notes += [(m.start(), m.end()) for m in _SECOND_NAME.finditer(text)]
    if not notes:
        return _text_duties(text, directory)
    notes.sort()
    plain, at = [], 0
    for note_start, note_end in notes:
        plain.append(text[at:note_start])
        at = note_end
    found = _text_duties("".join(plain) + text[at:], directory)
    out = []
    for mention in found:  # offsets back into the text as written
        start = mention.start
        for note_start, note_end in notes:
            if note_start > start:
                break
            start += note_end - note_start
        name = mention.as_written
        end = start + len(name)
        second = next((text[s:e] for s, e in notes if s == end and text[s + 1] in "省市县区国"
                       and text[start:end] == name), "")
        out.append(replace(mention, start=start, as_written=name + second))
    return out


def _text_duties(text: str, directory: Directory) -> list[Mention]:
    out: list[Mention] = []
    pos = 0
    # 有关部门应当履行下列职责：（一）发展和改革部门将…；（二）财政部门按时拨付…: after such an
    # introduction, an item opening with a body is that body's duty, whatever its verb
    intro = _DUTIES_LISTED.search(text)
    for piece in SENTENCE_CUT.split(text):
        start = pos
        pos += len(piece) + 1
        sentence = piece.strip()
        if len(sentence) < 6:
            continue
        start += len(piece) - len(piece.lstrip())
        listed = intro is not None and start >= intro.end() and _ITEM_MARK.match(sentence)
        found = _sentence_duties(sentence, start, directory, bool(listed))
        if any(m.role == "lead" for m in out):
            # 应急部要…认真组织实施。各地区、各有关部门要积极支持…相关工作: once a body
            # leads, those who back the work afterwards take part in it (before any lead,
            # 各级政府要积极支持职业培训 is a duty of its own)
            found = [replace(m, role="coop", role_word="支持") if m.role == "lead"
                     and _BACKING.match(text, m.start) else m for m in found]
        # 联席会议由教育部、财政部组成，教育部为牵头单位: the lead is no member besides
        leading = {m.as_written for m in found if m.role == "lead"}
        found = [m for m in found if not (m.role_word == "组成" and m.as_written in leading)]
        seen = {m.as_written for m in found}
        found += [m for m in _guided_by(sentence, start, directory) if m.as_written not in seen]
        seen = {m.as_written for m in found}
        found += [m for m in _modifier_duties(sentence, start, directory)
                  if m.as_written not in seen]
        leads = [m for m in found if m.role == "lead"]
        # 由财政局、招商局初审，报县财经领导小组审定: a review, then the decision on it, each a
        # body's (but 由X牵头编制规划，报省政府批准: the plan is X's, the approval a formality)
        at = leads[0].start - start if leads else 0
        procedure = bool(leads) and sentence[at - 1: at] == "由" \
            and bool(_REVIEW_STEP.match(sentence, leads[-1].start - start
                                        + len(leads[-1].as_written)))
        if not any(m.role == "lead" for m in out) and (not leads or procedure):
            seen = {m.as_written for m in found}
            found += [m for m in _deciders(sentence, start, directory)
                      if m.as_written not in seen]
        out += found
    return out


_REVIEW_STEP = lazy_compile(r"(?:负责)?(?:初审|初核|审核|审查|核实|核查|评审|受理)")
# where a clause sends something: 报所在地县级人民政府公安机关备案, 向省商务厅报送材料
_TO_BODY = lazy_compile(r"(?:报送|报请|报经|报告|上报|呈报|抄送|提交|交由|报|向|交|送)(?:给|至|到)?"
                      r"(?P<which>(?:所在地的?|当地|同级|本级|原|上一级|上级)?)")


def recipients(text: str, directory: Directory) -> list[str]:
    """Bodies ``text`` sends things to (reports, filings, applications), as written, in
    order: who receives is no duty holder, yet often what is asked (报到哪个机关备案)."""
    out: list[str] = []
    for sentence in SENTENCE_CUT.split(text):
        spans = None
        for m in _TO_BODY.finditer(sentence):
            spans = spans if spans is not None else _known_bodies(sentence, directory)
            chain, _ = _follow(sentence, m.end(), _with_unknown(spans, sentence, m.end()))
            # (报当地县（市、区）人民政府公安机关: which one, as written)
            names = [name for body in chain for name in body.names if not is_vague(name)]
            names[:1] = [m.group("which") + name for name in names[:1]]
            out += [name for name in names if name not in out]
    return out


# a subject whose first verb is to back the work: …要积极支持, …要积极对接和支持
_BACKING = lazy_compile(r"[^，,。；;]{0,40}?(?:要|应当|应|须|必须|也要|还要)?(?:积极|大力|全力)"
                      r"(?:对接和|配合和)?支持")


# A duty written as a modifier of what is set up: 建立市场监管部门牵头的联席会议制度,
# 建立司法行政、编制管理、财政等单位参加的协调机制.
_MODIFIER_DUTY = lazy_compile(r"(?P<etc>等(?:有关|相关)?(?:部门|单位|机构|方面))?"
                            r"(?P<verb>牵头|参加|参与|配合)(?:组成)?的")
# what a list of bodies set up by the sentence follows (建立…, 由…)
_SET_UP = lazy_compile(r"(?:建立|成立|组建|设立|健全|完善|形成|实行|实施|由|以)")
_STEM_LIST = lazy_compile(r"[\u4e00-\u9fa5]{2,12}(?:、[\u4e00-\u9fa5]{2,10})+$")


# …接受宣传、网信部门的有关业务统筹指导和宏观管理: the bodies guiding the work lead it
# (纳入…部际协调小组统筹指导: the work is put under the body's guidance)
# (在市人工智能（软件）攻坚办统筹协调下: a body's other name in brackets, and its coordination)
_GUIDED_BY = lazy_compile(r"(?:接受|服从|在|纳入)(?=[\u4e00-\u9fa5、（）]{2,30}?的?(?:有关|相关)?(?:业务)?"
                        r"(?:统筹|统一|具体)?(?:领导|指导|监督|管理|协调下))")
_GUIDANCE = lazy_compile(r"的|(?:统筹|统一|具体)?(?:领导|指导|协调(?=下))")


def _guided_by(sentence: str, offset: int, directory: Directory) -> list[Mention]:
    out: list[Mention] = []
    spans = None
    for m in _GUIDED_BY.finditer(sentence):
        spans = spans if spans is not None else _known_bodies(sentence, directory)
        chain, end = _follow(sentence, m.end(), _with_unknown(spans, sentence, m.end()))
        if chain and _GUIDANCE.match(sentence, end):
            out += [Mention(name, "lead", offset + b.start, _generic(b, name), role_word="指导")
                    for b in chain for name in b.names]
    return out


# 应当报请国务院有关主管部门…审查 / 报经省人民政府批准: who approves what is sent up;
# 接受和配合科学技术行政管理部门…组织开展的保密检查: who runs what one takes part in
_APPROVER = lazy_compile(r"(?:报请|报经|提请|报送|报)(?:原|上一级|上级|同级|所在地的?)?")
_APPROVES = lazy_compile(r"(?:依法)?(?:审查|批准|审批|核准|审核|审定|同意)")
_RUN_BY = lazy_compile(r"(?:接受|配合)(?:和|并)?(?:配合|接受)?")
_RUNS = lazy_compile(r"(?:依法)?(?:组织)?(?:开展|实施|进行)?的")
_GOVERNMENT_WORD = lazy_compile(r"部门|政府|机关")


def _deciders(sentence: str, offset: int, directory: Directory) -> list[Mention]:
    """The bodies that approve what the sentence's subject sends up, or run what it takes
    part in: the duty of the sentence that names no other."""
    out: list[Mention] = []
    spans = None
    for opening, closing, word in ((_APPROVER, _APPROVES, "批准"), (_RUN_BY, _RUNS, "组织")):
        for m in opening.finditer(sentence):
            if _GOVERNMENT_WORD.search(sentence, 0, m.start()):
                # (省人民政府有关行业主管部门应当制定用水定额，报同级水行政主管部门审核: a body,
                # though unread, is the subject; the one approving is only a recipient)
                break
            spans = spans if spans is not None else _known_bodies(sentence, directory)
            chain, end = _follow(sentence, m.end(), _with_unknown(spans, sentence, m.end()))
            if chain and closing.match(sentence, end):  # (each closing holds a word)
                # (报同级人民政府批准: a government no name says which, beside the body
                # that sends it up)
                out += [Mention(name, "lead", offset + b.start, _generic(b, name), role_word=word)
                        for b in chain for name in b.names
                        if not is_vague(name) and name not in ("人民政府", "政府")]
    return out


def _modifier_duties(sentence: str, offset: int, directory: Directory) -> list[Mention]:
    out: list[Mention] = []
    spans = None
    for m in _MODIFIER_DUTY.finditer(sentence):
        role = "lead" if m.group("verb") == "牵头" else "coop"
        word = m.group("verb")
        seg = max(sentence.rfind(c, 0, m.start()) for c in "，,；;") + 1
        bodies: list[_Body] = []
        spans = spans if spans is not None else _known_bodies(sentence, directory)
        # a list starts the segment, follows what sets it up, or is a known body
        starts = {seg, *(e.end() for e in _SET_UP.finditer(sentence, seg, m.start())),
                  *(b.start for b in spans if seg <= b.start < m.start())}
        for at in sorted(starts):
            chain, end = _follow(sentence, at, _with_unknown(spans, sentence, at))
            tail = re.match(r"等(?:有关|相关)?(?:部门|单位|机构|方面)?", sentence[end:])
            if chain and (end == m.start() or (tail and end + tail.end() == m.start())):
                bodies = chain
                break
        if not bodies and m.group("etc"):
            # function words sharing the 等单位 (司法行政、编制管理、…、市场监管等单位)
            stems = _STEM_LIST.search(sentence[seg:m.start()])
            if stems:
                items = stems.group(0).split("、")
                lead_in = list(_SET_UP.finditer(items[0]))
                skip = lead_in[-1].end() if lead_in else 0  # 建立司法行政 → 司法行政
                items[0] = items[0][skip:]
                at = seg + stems.start() + skip
                if len(items[0]) >= 2 and not any(re.search(r"[的了是和与]", i) for i in items):
                    names = tuple(i if _ORG_SUFFIX.search(i) else f"{i}部门" for i in items)
                    bodies = [_Body(at, m.start(), True, names)]
        out += [Mention(name, role, offset + b.start, _generic(b, name), role_word=word)
                for b in bodies for name in b.names]
    return out


# 由X… / …，请X…: what stands before the body a sentence gives a duty to
# …批示发展改革委、科技部…认真研究: whoever is instructed or entrusted does it
_INSTRUCTING = "批示|指示|责成|委托|交由"
# (不再由X承担: no longer X's)
_AGENT_MARK = lazy_compile(rf"(?<!不再)(?<!不得)(?<!无须)(?<!无需)由|(?<=[，,])(?:请|建议)|"
                         # 主动汇报，争取请政府牵头成立…: the body sought leads
                         rf"(?<=[，,])(?:积极|主动)?争取(?:由|请)|{_INSTRUCTING}|"
                         # 应当经县（市）区教育行政部门核定, 经省级人民政府批准，…: a body
                         # that approves
                         r"(?:(?<=应当|必须)|(?<=[，,）)])|^)经(?=[^，,。；;]{2,30}?"
                         r"(?:部门|机构|机关|政府|厅|局|委|署)"
                         r"[^，,。；;]{0,30}?(?:核定|批准|审核|审批|审查|考核|认定|指定))|"
                         # 取得所在地县级人民政府畜牧兽医主管部门颁发的许可证: who issues it
                         r"(?:取得|获得|领取|持有)(?=[^，,。；;]{2,30}?(?:部门|机构|机关)(?:依法)?"
                         r"(?:颁发|核发|发放|签发|发给|批准))")
_ASKED_BEFORE = lazy_compile(rf"(?:请|{_INSTRUCTING})$")
# a sentence that opens by asking a body to act: 由X… 请X… 建议X… 责成X…
_ASKING = lazy_compile(r"由|请|建议|要求|责成")


_DUTIES_LISTED = lazy_compile(r"(?:履行|承担|负责|做好)?(?:下列|以下|如下)(?:职责|工作|任务|事项)[：:]")
_ITEM_MARK = lazy_compile(r"[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|[一二三四五六七八九十]+、")


def _sentence_duties(sentence: str, offset: int, directory: Directory,
                     listed: bool = False) -> list[Mention]:
    spans = _known_bodies(sentence, directory)
    prefix = _SUBJECT_PREFIX.match(sentence)
    i = prefix.end() if prefix else 0
    asking = _ASKING.match(sentence, i)
    if asking:
        i = asking.end()
    candidates = [i]
    # 资金由X会同Y分配 / 具体办法由X制定: 由 + bodies inside the sentence; …，请X在…前完成:
    # a request names the body that does it.
    candidates += [m.end() for m in _AGENT_MARK.finditer(sentence) if m.end() != i]
    # 出现…时，国家粮食应急工作指挥部必须…: a subject after a leading adverbial clause.
    candidates += [m.end() for m in re.finditer(r"(?:时|后|前|下|中|外|上)[，,](?:有关|相关)?",
                                                 sentence[:80])]
    # 按照预算管理规定，省住房城乡建设厅会同省财政厅…: after a leading prepositional phrase.
    lead_in = re.match(r"^(?:按照|根据|依据|依照|为了?|对于?|经|结合|在)[^，,]{1,40}[，,]", sentence[i:])
    if lead_in:
        candidates.append(i + lead_in.end())
    for at in candidates:
        mentions = _chain(sentence, at, _with_unknown(spans, sentence, at), offset,
                          listed=listed and at == i)
        if mentions:
            break
    else:
        at = None
        mentions = []
    # …，由省级人民政府提出申请，由国家发展改革委会同财政部提出方案: every 由/请 names a duty
    if at is not None:
        for m in _AGENT_MARK.finditer(sentence):
            if m.end() > at:
                mentions += _chain(sentence, m.end(), _with_unknown(spans, sentence, m.end()),
                                   offset)
    # 省财政厅负责资金分配，省住房城乡建设厅负责技术指导 / 根据…批示，2004年4月，国土资源部
    # 两次组成专家组…: a body opening a later part of the sentence is that part's subject
    taken = {m.start for m in mentions}
    for comma in re.finditer(r"[，,]", sentence):
        after = comma.end()
        if at is not None and after <= at or offset + after in taken:
            continue
        found = _chain(sentence, after, _with_unknown(spans, sentence, after), offset)
        mentions += [m for m in found if m.start not in taken]
        taken |= {m.start for m in found}
    if not mentions:
        # 建立完善与宣传、网信、公安等部门的沟通协调机制: a sentence without a subject (the
        # paragraph's, said before) still names the partners the work is shared with
        opening = _SUBJECTLESS_WITH.match(sentence, i)
        if opening:
            mentions = [Mention(name, "coop", offset + b.start, _generic(b, name), role_word="配合")
                        for b in _partners_after(sentence, opening.end(), spans, "与", _TOGETHER)
                        for name in b.names]
    return mentions


_SUBJECTLESS_WITH = lazy_compile(r"(?:要|应当|应)?(?:进一步)?(?:建立|完善|健全|加强)+(?=与)")


def _consulted(sentence: str, pos: int, spans: list[_Body]):
    """商 + bodies + a duty (由省发展改革委商省财政厅确定): the bodies consulted, who take
    part, and where they end; None when 商 starts no such phrase (商定, 商务)."""
    if not sentence.startswith("商", pos):
        return None
    partners, end = _follow(sentence, pos + 1, _with_unknown(spans, sentence, pos + 1))
    if not partners or not re.match(r"(?:负责|确定|制定|提出|研究|决定|办理|审核|审定|核定|"
                                    r"同意|解释|印发|下达|分配|组织|实施)", sentence[end:]):
        return None
    return partners, end


def _follow(sentence: str, after: int, spans: list[_Body]) -> tuple[list[_Body], int]:
    """The chain of bodies starting at ``after`` (glued by 、和及), and where it ends; a
    body the directory does not know may continue a chain (外交部和总参谋部)."""
    chain: list[_Body] = []
    while True:
        body = next((b for b in spans if b.start == after), None)
        if body is None and chain:
            unknown = _org_bodies(sentence, after)
            body = unknown[0] if unknown else None
        if body is None:
            break
        chain.append(body)
        after = body.end
        glue = _CHAIN_GLUE.match(sentence, after)
        if not glue:
            break
        nxt = glue.end()
        if not any(b.start == nxt for b in spans) and not _org_bodies(sentence, nxt):
            break
        after = nxt
    return chain, after


# X、Y和其他有关部门 / X和国家有关部门 / X和省有关部门: a vague tail after the bodies named
_AND_OTHERS = lazy_compile(r"(?:以及|[和及])(?:(?:其他|其它)(?:有关|相关)?|(?:省|市|县|区|地方|各级|本级)?"
                         r"(?:其他|其它)?(?:有关|相关))(?:部门|单位|方面)(?:和单位)?")


# what follows partners named after 与 when they share the work: 一起/共同…, or a mechanism
# set up with them (建立沟通协调机制, …等部门的沟通协调机制)
_TOGETHER = lazy_compile(r"(?:等(?:有关|相关)?(?:部门|单位|方面)?)?(?:一起|一道|共同|签订|签署|协商|商定|"
                       r"的?(?:建立)?(?:沟通|协调|协作|联动|合作|配合)+(?:工作)?机制|"
                       r"建立(?:健全)?(?:沟通|协调|协作|联动|合作)+(?:工作)?机制)")


# …or the coordination a body named before must strengthen with them: 市场监管部门要加强与
# 公安、商务等部门的协调配合 (a sentence without such a body names no partners by it)
_COORDINATED = lazy_compile(_TOGETHER.pattern + r"|(?:等(?:有关|相关)?(?:部门|单位|方面)?)?"
                          r"的(?:沟通|协调|协作|联动|合作)*(?:配合|协作|联动)")


def _partners_after(sentence: str, pos: int, spans: list[_Body], word: str,
                    then: re.Pattern | None = None) -> list[_Body]:
    """The first bodies named after ``word`` from ``pos`` on (and followed by ``then``,
    when given): 会同X, 与X…建立协调机制."""
    for m in re.finditer(word, sentence[pos:]):
        at = pos + m.end()
        partners, end = _follow(sentence, at, _with_unknown(spans, sentence, at))
        if partners and (then is None or then.match(sentence, end)):
            return partners
    return []


_UPON = lazy_compile(r"(?:发现|认定|接到|收到|受理|查明|获悉)[^。；;]{0,80}?[，,](?:应当|应|要|须|必须)")
# (农发行安顺分行及其分支机构按照…发放贷款: its branches with it)
_ITS_STAFF = lazy_compile(r"(?:及其|和其|及)(?:工作人员|执法人员|分支机构|下属机构|所属单位)"
                          r"(?=不得|应当|应|须|必须|要|按照|根据|依照|依据|负责)")
_ITS_HEAD = lazy_compile(r"的?(?:主要)?(?:负责人|负责同志|领导同志|主要领导)(?=要|应|须|必须|负责|亲自|主动)")


def _chain(sentence: str, at: int, spans: list[_Body], offset: int,
           listed: bool = False) -> list[Mention]:
    """Bodies starting exactly at ``at``, then 会同 + partners, then a duty verb."""
    lead, pos = _follow(sentence, at, spans)
    if not lead:
        return []
    others = _AND_OTHERS.match(sentence, pos)  # X、Y和其他有关部门在职责范围内…
    if others:
        pos = others.end()
    for _ in range(3):  # X、Y在职责范围内，分别负责… / X按照职责，依法对…进行监督
        adverbial = _DUTY_ADVERBIAL.match(sentence, pos)
        if not adverbial and sentence[pos:pos + 1] in ("，", ","):  # X等部门，在各自职责范围内…
            adverbial = _DUTY_ADVERBIAL.match(sentence, pos + 1)
        if not adverbial or adverbial.end() == pos:
            break
        pos = adverbial.end()
    frequency = _FREQUENCY.match(sentence, pos)  # 国土资源部两次组成专家组…
    if frequency:
        pos = frequency.end()
    head = _ITS_HEAD.match(sentence, pos)  # 主办部门的主要负责人要主动协商: the body's head acts
    if head:
        pos = head.end()
    staff = _ITS_STAFF.match(sentence, pos)  # …等主管部门及其工作人员不得要求…: its staff bound
    if staff:
        pos = staff.end()
    pos = _WHEN_FROM.match(sentence, pos).end()
    after = _AFTER_WHICH.match(sentence, pos)  # 省商务厅在征求…意见后，核准颁发…
    if after:
        pos = after.end()
    adverb = _DUTY_ADVERB.match(sentence, pos)  # 国办正在牵头…, 国办已会同…
    if adverb:
        pos = adverb.end()
    coop: list[_Body] = []
    consulted = _consulted(sentence, pos, spans)
    if sentence.startswith(("会同", "联合"), pos):  # (省应急厅联合省公安厅开展…, as 会同)
        coop, end = _follow(sentence, pos + 2, _with_unknown(spans, sentence, pos + 2))
        if coop:
            pos = end
    elif consulted:  # 由县招商局商园区管委会负责解释: X in consultation with Y
        coop, pos = consulted
    else:
        # 国办将与国家标准委、国务院信息办等单位一起组织…, 省财政厅要与省水利厅共同…,
        # 县级政务新媒体要与本地区融媒体中心建立沟通协调机制: the partners cooperate.
        modal = re.match(r"(?:要|应当|应|须|需|必须|还要|也要)(?=[与同和])", sentence[pos:])
        at_with = pos + (modal.end() if modal else 0)
        if sentence[at_with:at_with + 1] in ("与", "同", "和"):
            partners, end = _follow(sentence, at_with + 1,
                                    _with_unknown(spans, sentence, at_with + 1))
            together = _TOGETHER.match(sentence, end)
            if partners and together:
                coop, pos = partners, end + together.end()
    by_role = sentence[at - 1: at] in ("由", "经")  # (经X核定: X approves)
    # 请X… / 批示X…: whatever follows is X's to do
    asked = at > 0 and _ASKED_BEFORE.search(sentence, 0, at) is not None
    etc = re.match(r"(?:等(?:有关|相关|其他)?(?:部门|单位|方面)?(?:和(?:有关)?单位)?|"
                   r"[和及]各?(?:有关|相关)(?:职能)?(?:部门|单位)|或者?其他(?:有关|相关)?(?:部门|单位))",
                   sentence[pos:])
    if etc:
        pos += etc.end()
    # 会同有关部门和单位: both generic
    partner = re.match(r"会同(?:有关|相关|其他)(?:部门|单位|方面)(?:[和及](?:有关|相关)?(?:部门|单位))?",
                       sentence[pos:])
    if not coop and partner:  # 财政部会同有关部门 …: the partner is generic.
        pos += partner.end()
        # …会同有关部门和设区的市人民政府编制: the bodies named after it are partners
        if sentence[pos:pos + 1] in ("和", "及", "、"):
            more, end = _follow(sentence, pos + 1, _with_unknown(spans, sentence, pos + 1))
            if more:
                coop, pos = more, end
    tail = sentence[pos:].lstrip("，, ")
    in_charge = _IS_IN_CHARGE.match(tail)  # 国务院办公厅是全国政务新媒体工作的主管单位
    # 由X掌握、联系… / 由X提请…: what follows 由 + a body is that body's to do, unless it
    # names the body's people (由国家粮食局主要负责人兼任)
    members = by_role and _MEMBERS.match(tail) is not None
    if _PEOPLE.match(tail) and not members:
        return []
    agent = by_role and (re.match(r"^[\u4e00-\u9fa5]", tail) or members) \
        and not re.match(r"^[的和或及]", tail)
    # 县级以上人民政府有关部门发现…缺陷的，应当立即责令…: what the body must do once it finds,
    # receives or learns something is its duty
    upon = _UPON.match(tail)
    if not (coop or in_charge or asked or agent or listed or upon or _DUTY_VERB.match(tail)):
        return []
    word = "负责" if in_charge else next(
        (w for w in ("牵头", "负责", "会同", "指导", "应当", "要") if tail.startswith(w)), "")
    if not word:
        word = "会同" if coop else (tail[:2] if tail[:2] in ("组织", "统筹", "制定") else "负责")
    if not coop:
        # 省财政厅负责…，会同省住房城乡建设厅分配资金 / 各地区要建立完善与宣传、网信、公安等部门的
        # 沟通协调机制: partners later in the sentence
        coop = (_partners_after(sentence, pos, spans, "会同")
                or _partners_after(sentence, pos, spans, "与", _COORDINATED))
    if not coop and word == "牵头":
        # 由省农业农村厅牵头，省财政厅、省自然资源厅配合
        m = re.match(r"^牵头[，,、]?", sentence[pos:].lstrip("，, "))
        after = len(sentence) - len(sentence[pos:].lstrip("，, ")) + (m.end() if m else 0)
        chain, cur = _follow(sentence, after, spans)
        if chain and re.match(rf"^(?:等(?:有关)?(?:部门|单位)?)?(?:{_COOP_VERBS})",
                              sentence[cur:]):
            coop = chain
    role = "lead"
    support = None if coop else _SUPPORT_VERB.match(tail)
    if support:  # 教育行政部门要参与…各个环节的工作: the subject takes part
        role, word = "coop", support.group("verb")
    elif members and "牵头" in tail:
        # 联席会议由教育部、发展改革委…组成，教育部为牵头单位: beside the lead named apart,
        # the members take part (由A、B组成工作小组，领导试点工作: the members lead)
        role, word = "coop", "组成"
    mentions = [Mention(name, role, offset + b.start, _generic(b, name), role_word=word)
                for b in lead for name in b.names]
    if support:
        # 省财政厅要积极配合省教育厅做好…: the body supported leads the work
        at_verb = len(sentence) - len(tail) + support.end()
        supported, _ = _follow(sentence, at_verb, _with_unknown(spans, sentence, at_verb))
        mentions += [Mention(name, "lead", offset + b.start, _generic(b, name), role_word="负责")
                     for b in supported for name in b.names if not is_vague(name)]
    # 会同国务院有关部门, like 会同有关部门, names no partner to list
    mentions += [Mention(name, "coop", offset + b.start, _generic(b, name), role_word="会同")
                 for b in coop for name in b.names if not is_national_class(name)]
    return mentions


# 组成, 共同组成, 9个部门和单位组成: the bodies named before make up a body
# (核查组成员由省生态环境厅、省教育厅…等相关部门人员组成: their staff make it up)
_MEMBERS = lazy_compile(r"(?:[\d一二三四五六七八九十]+个(?:部门|单位|部委|成员单位)(?:和单位)?)?"
                      r"(?:的?(?:有关|相关)?(?:工作)?(?:人员|同志|干部))?(?:共同)?组成")


def _generic(body: _Body, name: str) -> bool:
    """A body named in full inside a function list (…、人民银行等部门) is one body."""
    return body.generic and not (len(body.names) > 1 and _ORG_SUFFIX.search(name)
                                 and not is_generic(name))


# the people of a body, not the body (由国家粮食局主要负责人兼任)
_PEOPLE = lazy_compile(r"^(?:主要负责人|主要负责同志|负责人|分管负责|有关人员|人员|工作人员|同志)")


# A subject whose duty is to take part in, assist or support others' work cooperates.
_SUPPORT_VERB = lazy_compile(r"^(?:要|应当|应|须|必须|需|也要|还要|积极|主动|全力|紧密|密切|大力|"
                           rf"相互|互相|协调|予以|支持)*(?P<verb>{_COOP_VERBS})")
