"""Finding unit notes: the parenthetical that closes a paragraph and says who does it
((省发展改革委牵头,省有关部门配合), （体育总局、民政部负责）), or a note paragraph of its
own (牵头单位：省科技厅；配合单位：省财政厅)."""

from __future__ import annotations

import functools

from .lazyre import lazy_compile

NOTE_WORDS = lazy_compile(
    r"牵头|负责|配合|参与|会同|协助|协同|落实|责任单位|责任部门|主责|分工|指导|主办|协办"
)
# the role a labelled note names (牵头单位：, 落实部门：), with what the unit does between
# (牵头考核单位, 配合实施部门): ingest/extract.py reads the label with these words too
LABEL_ROLE = r"(?:主要|具体|直接)?(?:牵头|责任|负责|主责|主办|指导|配合|参与|协同|协办|协助|承办|落实"
LABEL_DOING = r"(?:[\u4e00-\u9fff]{2})?"
LABEL_NOTE = lazy_compile(rf"^[(（]?{LABEL_ROLE})" + LABEL_DOING + r"(?:单位|部门|机构)\s*[:：]")
_OPEN = "(（"
_CLOSE = ")）"
# Square brackets close a task with its units too ([市交通运输局、各区政府，市规划和自然资源局]),
# but only as a list of bodies: they also mark citations and editors' insertions.
# 【】 and 〔〕 likewise, and any of them around a labelled note (【责任单位：省统计局】).
_SQUARE = {"]": "[", "］": "［", "】": "【", "〕": "〔"}
_SQUARE_CLOSE = {opening: closing for closing, opening in _SQUARE.items()}

# One body's name: 市交通运输局, 深汕特别合作区管委会, 市地铁集团, 各区政府（含…）, 各市直部门.
BODY_ENDS = (r"局|委|办|厅|部|署|站|所|院|中心|委员会|办公室|人民政府|政府|总队|支队|大队|公司|银行|"
             r"协会|联合会|法院|检察院")
# ... and, in a list of units (a note, a task table's unit cell), divisions, groups,
# streets and classes of bodies
UNIT_ENDS = BODY_ENDS + r"|处|科|集团|街道|乡镇|单位|部门|专班"
_NOTE_BODY = lazy_compile(
    rf"[\u4e00-\u9fa5A-Za-z“”]{{1,24}}(?:{UNIT_ENDS}|管委会)"
    r"(?:[（(][^（()）]{1,40}[)）])?(?:等(?:有关|相关)?(?:部门|单位)?)?")
_LIST_CUT = lazy_compile(r"[、，,；;]")
BODY_LIST_SHARE = 0.5  # of a bracket's items that must be bodies' names for a unit list
_TRAILING = "。.；;，, \u3000"
_MAX_NOTE = 300


SENTENCE_NOTE = lazy_compile(
    r"(?:^|(?<=[。；;]))\s*(由[^。；;，,()（）]{2,80}?(?:(?:会同[^。；;()（）]{2,120}?)?"
    r"(?:共同)?(?:牵头)?负责(?:落实)?|"
    # 由X牵头，Y、Z配合: a sentence of its own closing the task
    r"牵头[，,][^。；;()（）]{2,120}?(?:按职责分工|分别|共同)?(?:配合|参与|协助|协同|负责|落实)))"
    r"[。；;]?\s*$"
)


@functools.lru_cache(maxsize=4096)  # the segmenter and annotator ask of the same paragraphs
def find_note(text: str) -> tuple[int, int] | None:
    """Span of the unit note closing ``text``, or None: a bracketed note with its
    brackets, or a sentence note (由X会同Y负责。) without its full stop.

    Brackets are matched with nesting (各县（市、区）政府 inside a note), so an
    unbalanced bracket yields no note rather than a wrong one.
    """
    # (the sentence note names 由 and 负责: without them there is none to search for)
    sentence = SENTENCE_NOTE.search(text) if "由" in text and (
        "负责" in text or "牵头" in text) else None
    if sentence:
        return sentence.start(1), sentence.end(1)
    end = len(text)
    while end > 0 and text[end - 1] in _TRAILING:
        end -= 1
    if end and text[end - 1] in _SQUARE:
        return _square_note(text, end)
    if end == 0 or text[end - 1] not in _CLOSE:
        return None
    start = _matching(text, end - 1)
    if start is None:
        return None
    return (start, end) if _holds_note(text[start + 1 : end - 1]) else None


_SENTENCE_END = "。；;！!？?"
_OPENER = lazy_compile(r"[(（\[［【〔]")
_BRACKET = lazy_compile(r"[()（）]")
_LAST_BRACKET = lazy_compile(r"[()（）][^()（）]*\Z")  # the last bracket before an end


@functools.lru_cache(maxsize=4096)
def inline_notes(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of every note that closes a run of sentences inside ``text``.

    Some pages put several notes in one paragraph: 环境。（市场监管总局负责）加强…。
    （体育总局、教育部负责）. A note counts when it follows a sentence end (or starts
    the text) and is followed by the end of the text or a new sentence.
    """
    spans: list[tuple[int, int]] = []
    resume = 0
    for opener in _OPENER.finditer(text):
        i = opener.start()
        if i < resume:
            continue
        before = text[max(0, i - 8) : i].rstrip(" \u3000")
        if i and before and before[-1] not in _SENTENCE_END:
            continue
        if text[i] in _SQUARE_CLOSE:
            close = text.find(_SQUARE_CLOSE[text[i]], i + 1, i + _MAX_NOTE + 1)
            if close < 0 or not _square_inner(text[i + 1 : close], text[i]):
                continue
        else:
            close = _matching(text, i)
        if close is None:
            continue
        after = text[close + 1 : close + 9].lstrip(" \u3000")
        if _holds_note(text[i + 1 : close]) and (not after or after[0] not in "，,、的"):
            spans.append((i, close + 1))
            resume = close + 1
    trailing = find_note(text)
    if trailing and all(trailing[0] != s for s, _ in spans):
        spans.append(trailing)
    return tuple(sorted(spans))


def _matching(text: str, index: int) -> int | None:
    """Index of the bracket matching the one at ``index``, searching forward from an
    opening bracket and backward from a closing one, within a note's length."""
    forward = text[index] in _OPEN
    same = _OPEN if forward else _CLOSE
    # the common note, with no bracket inside: the next bracket (the one before) closes it
    if forward:
        nearest = _BRACKET.search(text, index + 1, index + _MAX_NOTE + 1)
    else:
        nearest = _LAST_BRACKET.search(text, max(0, index - _MAX_NOTE), index)
    if nearest is None:
        return None
    if nearest.group()[0] not in same:
        return nearest.start()
    if forward:
        brackets = _BRACKET.finditer(text, index, index + _MAX_NOTE + 1)
    else:  # only the brackets are visited, not every character
        brackets = reversed(list(_BRACKET.finditer(text, max(0, index - _MAX_NOTE), index + 1)))
    depth = 0
    for bracket in brackets:
        if bracket.group() in same:
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return bracket.start()
    return None


@functools.lru_cache(maxsize=4096)  # find_note and inline_notes ask of the same brackets
def is_body_list(inner: str) -> bool:
    """A bracket holding nothing but a list of bodies, with no role word: the units of
    a task written the way many cities write them (市交通运输局、南山区政府，市规划和自然资源局);
    its first item and most of the others are bodies' names (中国移动 may be among them)."""
    items = [i for i in _LIST_CUT.split(_top_level(inner).strip(" \u3000。")) if i.strip()]
    if not items or len(inner) > _MAX_NOTE or not _NOTE_BODY.fullmatch(items[0].strip()):
        return False
    bodies = sum(1 for i in items if _NOTE_BODY.fullmatch(i.strip()))
    return bodies >= BODY_LIST_SHARE * len(items)


def _top_level(text: str) -> str:
    """``text`` with what nested brackets hold blanked (各区政府（含…，下同） is one item)."""
    out, depth = [], 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
            out.append("）")
            continue
        out.append("　" if depth and ch in "、，,；;" else ch)
    return "".join(out)


def _square_note(text: str, end: int) -> tuple[int, int] | None:
    """The square-bracketed body list closing ``text[:end]``, or None."""
    opening = _SQUARE.get(text[end - 1]) if end else None
    if opening is None:
        return None
    start = text.rfind(opening, max(0, end - _MAX_NOTE), end - 1)
    if start < 0 or not _square_inner(text[start + 1 : end - 1], opening):
        return None
    return start, end


def _square_inner(words: str, opening: str) -> bool:
    """Whether a square bracket holds a note: a list of bodies, or a labelled note; 【】
    and 〔〕, which no citation uses, whatever a round bracket may hold."""
    if opening in "【〔" and _holds_note(words):
        return True
    return is_body_list(words) or bool(LABEL_NOTE.match(words.strip()))


def _holds_note(words: str) -> bool:
    """Whether a bracket's words are a note: role words or a list of bodies, no aside."""
    return bool(NOTE_WORDS.search(words) or is_body_list(words)) and not _looks_like_prose(words)


def _looks_like_prose(inner: str) -> bool:
    """A closing parenthetical that is an aside, not a note: (含技工院校), (以下简称…)."""
    return inner.startswith(("以下简称", "简称", "含", "包括", "即", "如", "详见", "见附件"))


def inner(text: str, span: tuple[int, int]) -> str:
    """The words of a note without its brackets."""
    note = text[span[0] : span[1]]
    if note[:1] in _OPEN + "".join(_SQUARE_CLOSE) and note[-1:] in _CLOSE + "".join(_SQUARE):
        note = note[1:-1]
    return note.replace("\n", "")  # (a note a page break cut: 牵头部 / 门：…)


def is_note_paragraph(text: str) -> bool:
    """A paragraph that is nothing but a note."""
    stripped = text.strip(_TRAILING)
    if LABEL_NOTE.match(stripped):
        return True
    hit = find_note(text)
    return bool(hit) and hit[0] == 0


def label_note(text: str) -> str | None:
    """The words of a labelled note paragraph (牵头单位：…；配合单位：…), or None; its
    brackets only when they hold all of it (责任单位：X、Y（列第一位的为牵头单位） keeps its own)."""
    stripped = text.strip(" \u3000。")
    if stripped[:1] in _OPEN and stripped[-1:] in _CLOSE and _matching(stripped, 0) == \
            len(stripped) - 1:
        stripped = stripped[1:-1].strip(" \u3000。")
    return stripped if LABEL_NOTE.match(stripped) else None
