"""Printed lines -> paragraphs, by geometry and by language, whoever produced the lines
(a PDF text layer, pdftotext output, text copied out of a viewer, a hard-wrapped file).

A line is ``Line(text, x0, x1, indent)``: x0/x1 are its left and right edges in body
character widths (one Chinese character = 1) from the left margin of its column, and
``indent`` says whether it is indented as a first line (None: judge from x0). A line
continues the paragraph above unless

- it starts a heading marker (一、 (一) 1. （1） ① 第X条 …);
- it is indented as a first line, or it or the line above stands alone (centred,
  right-aligned: it starts well to the right of the margin);
- the line above ends a sentence (。！？；：) or closes a unit note (…牵头）) — except in a
  document that marks paragraphs by first-line indents, where a flush-left line after a
  full line is still the same paragraph;
- the line above ended short: further from the right margin than the first word of this
  line needs (a Latin word or a number cannot be split; a closing mark cannot start a
  line, so the character before it moves down too).

Whatever the geometry says, a line break inside an open bracket (a note, a 《title》) or
in the middle of a unit name joins: a note is never cut in two. (A bracket a typo left
open gives way to a section heading — 二、 （三） 第四条 — after a sentence end.)

Page furniture (running headers and footers, page numbers, the URL and "n/m" a browser
prints) is recognised here too, by repetition across pages and by its patterns.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

_CN = "一二三四五六七八九十百"
_SECTION = re.compile(rf"^(?:[{_CN}]+、|[(（][{_CN}]+[)）]|第[{_CN}零〇]+[章节条])")
MARKER = re.compile(
    rf"^(?:[{_CN}]+[、．.]|[(（][{_CN}]+[)）]|\d{{1,3}}[.．、](?!\d)|"
    rf"[(（]\d{{1,3}}[)）]|[\u2460-\u2473\u3251-\u325f]|第[{_CN}零〇]+[章节条])"
)
SENTENCE_END = "。！？；：!?;:"
_TRAILING_QUOTES = "”’」』\"' \u3000"
_CLOSERS = "，。、；：！？）》」』”’〕】,.;:!?)"
_QUOTES = "“”‘’\"'「」『』"
_OPEN = {"(": ")", "（": "）", "《": "》", "〔": "〕", "【": "】"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_NOTE_WORDS = re.compile(r"牵头|负责|配合|参与|会同|协助|协同|落实|责任单位|责任部门|主责|分工")
_MAX_OPEN = 300  # characters a bracket may stay open across line breaks (a long note)
_ASCII_WORD = re.compile(r"[A-Za-z0-9%‰.\-/:_@#&+=~]+")
_UNIT_HEAD = re.compile(r"(?:省|市|县|区|国家|中国|中共|全国|各|国务院|自治区|共青团)")
_UNIT_TAIL = re.compile(
    r"(?:厅|局|委|办|院|部|会|署|行|中心|公司|政府|小组|室|处|所|站|队|团|联|社|集团|监管局|分行)$"
)
_DELIMS = re.compile(r"[、，,；;：:（()）。\s]")

INDENT_MIN, INDENT_MAX = 0.8, 4.5  # a first-line indent, in characters


@dataclass(frozen=True)
class Line:
    text: str
    x0: float = 0.0
    x1: float = 0.0
    indent: bool | None = None


# ------------------------------------------------------------------ language cues

def ends_sentence(text: str) -> bool:
    text = text.rstrip(_TRAILING_QUOTES)
    return bool(text) and text[-1] in SENTENCE_END


def closes_note(text: str) -> bool:
    """The text ends with a bracketed unit note: …(省发展改革委牵头,省有关部门配合)."""
    text = text.rstrip("。；; \u3000")
    if not text or text[-1] not in ")）":
        return False
    opened = _opener_of_last(text)
    return opened is not None and bool(_NOTE_WORDS.search(text[opened:]))


def _opener_of_last(text: str) -> int | None:
    depth = 0
    for i in range(len(text) - 1, max(-1, len(text) - 1 - _MAX_OPEN), -1):
        ch = text[i]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            depth -= 1
            if depth == 0:
                return i
    return None


def open_bracket(text: str) -> int | None:
    """Offset of the earliest bracket still open at the end of ``text`` (None if all
    are closed). Quotes are not counted: they are too often unbalanced."""
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in _OPEN:
            stack.append((ch, i))
        elif ch in _CLOSE:
            # Close the nearest matching opener; an unmatched closer is ignored.
            for j in range(len(stack) - 1, -1, -1):
                if _OPEN[stack[j][0]] == ch or (ch in ")）" and stack[j][0] in "(（"):
                    del stack[j:]
                    break
    return stack[0][1] if stack else None


def unit_across(before: str, after: str) -> bool:
    """The break falls inside a unit name: …省工业和信 | 息化厅牵头…."""
    tail = _DELIMS.split(before[-30:])[-1] if before else ""
    head = _DELIMS.split(after[:14])[0] if after else ""
    if not tail or not head or len(head) > 12:
        return False
    for start in _UNIT_HEAD.finditer(tail):
        part = tail[start.start():]
        for k in range(1, len(head) + 1):  # the name ends in the next line
            if len(part) + k <= 24 and _UNIT_TAIL.search(part + head[:k]):
                return True
    return False


def first_unit_width(text: str, ascii_width: float = 0.5) -> float:
    """Width of what cannot be separated at the start of a line: a Latin word or a
    number, or a character with the closing marks that must follow it."""
    match = _ASCII_WORD.match(text)
    if match:
        return len(match.group(0)) * ascii_width
    # Closing marks stay with the character before them, opening marks with the one
    # after; quotation marks stick to both sides (as ICU's line breaking has it).
    n = 1
    while n < len(text):
        here, before = text[n], text[n - 1]
        if here in _CLOSERS or here in _QUOTES or before in _OPEN or before in _QUOTES:
            n += 1
        else:
            break
    return float(n)


def join(a: str, b: str) -> str:
    """Two pieces of one paragraph: Latin words keep a space between them (a number
    is never broken by a space)."""
    if a and b and a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return f"{a} {b}"
    return a + b


# ------------------------------------------------------------------ geometry cues

def indented(line: Line) -> bool:
    if line.indent is not None:
        return line.indent
    return INDENT_MIN <= line.x0 <= INDENT_MAX


def standalone(line: Line) -> bool:
    """Centred or right-aligned: starts well to the right of any first-line indent."""
    return line.indent is None and line.x0 > INDENT_MAX


def ended_short(prev: Line, line: Line, width: float, ascii_width: float = 0.5,
                slack: float = 0.0) -> bool:
    """The line above stopped before the margin though the start of ``line`` fitted."""
    gap = width - prev.x1
    return gap > first_unit_width(line.text, ascii_width) + 1.5 + slack


def uses_indents(lines: Sequence[Line]) -> bool:
    """Paragraphs start with a first-line indent: most lines after a sentence end are
    indented."""
    starts = [indented(b) for a, b in zip(lines, lines[1:])
              if ends_sentence(a.text) or closes_note(a.text)]
    return len(starts) >= 3 and sum(starts) >= 0.5 * len(starts)


def starts_paragraph(prev: Line, line: Line, paragraph: str, width: float,
                     indents: bool = False, ascii_width: float = 0.5) -> bool:
    """Does ``line`` start a new paragraph after ``prev`` (the last line of
    ``paragraph``)?"""
    text = line.text
    window = paragraph[-_MAX_OPEN:]  # a bracket opened further back is not a note
    if open_bracket(window) is not None:
        # A note or a title is never cut — unless the bracket was never closed (a typo)
        # and a section heading plainly starts here.
        return bool(_SECTION.match(text)) and (
            ends_sentence(prev.text) or ended_short(prev, line, width, ascii_width))
    if MARKER.match(text):
        return True
    if standalone(line) or standalone(prev):
        return True
    if indented(line):
        return True
    if ends_sentence(prev.text) or closes_note(prev.text):
        return not indents or ended_short(prev, line, width, ascii_width)
    if unit_across(paragraph, text):
        return False
    # A first line may have lost its indent (text copied out of a PDF): two characters
    # of slack for it.
    first = not indents and prev.x0 < INDENT_MIN and paragraph.endswith(prev.text.strip()) \
        and len(paragraph) <= len(prev.text.strip(" \u3000\t"))
    return ended_short(prev, line, width, ascii_width, 2.0 if first else 0.0)


def reflow(lines: Sequence[Line], width: float, ascii_width: float = 0.5,
           indents: bool | None = None) -> list[str]:
    """Paragraphs from printed lines (all in one column geometry, ``width`` wide)."""
    return [text for text, _ in reflow_groups(lines, width, ascii_width, indents)]


def reflow_groups(lines: Sequence[Line], width: float, ascii_width: float = 0.5,
                  indents: bool | None = None) -> list[tuple[str, list[int]]]:
    """(paragraph, indexes of its lines) for each paragraph."""
    lines = [l for l in lines if l.text.strip()]
    if indents is None:
        indents = uses_indents(lines)
    out: list[tuple[str, list[int]]] = []
    prev: Line | None = None
    for i, line in enumerate(lines):
        text = line.text.strip(" \u3000\t")
        if prev is None or starts_paragraph(prev, line, out[-1][0], width, indents, ascii_width):
            out.append((text, [i]))
        else:
            out[-1] = (join(out[-1][0], text), out[-1][1] + [i])
        prev = line
    return out


def reflow_mixed(lines: Sequence[tuple[Line, float]], ascii_width: float = 0.5,
                 indents: bool | None = None) -> list[str]:
    """Like ``reflow`` for lines each measured against its own column width."""
    items = [(l, w) for l, w in lines if l.text.strip()]
    if indents is None:
        indents = uses_indents([l for l, _ in items])
    out: list[str] = []
    prev: tuple[Line, float] | None = None
    for line, width in items:
        text = line.text.strip(" \u3000\t")
        if prev is None or starts_paragraph(prev[0], line, out[-1], prev[1], indents, ascii_width):
            out.append(text)
        else:
            out[-1] = join(out[-1], text)
        prev = (line, width)
    return out


# ------------------------------------------------------------------ page furniture

_DASH = "-—–－_~～"
FURNITURE = re.compile(
    r"^(?:"
    rf"[{_DASH}·]+\s*\d{{1,4}}\s*[{_DASH}·]+"  # — 1 —, -1- (a bare 1 only by repetition)
    r"|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?"  # 第1页 共5页
    r"|(?:page\s*)?\d+\s*(?:/|of)\s*\d+"  # 1/5, Page 1 of 5
    r"|(?:https?|file|ftp)://\S+|www\.\S+"  # a printed URL
    r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}[\s,]+"  # a print date with its time
    r"(?:[上下]午)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?"
    r"|(?:[上下]午)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?"  # a print time stamp
    r")$",
    re.I,
)
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


def furniture_pattern(text: str) -> bool:
    return bool(FURNITURE.match(text.strip()))


def _key(text: str) -> str:
    return _DIGITS.sub("#", _SPACE.sub("", text))


def repeated(pages: Sequence[Iterable[tuple[str, float]]], tolerance: float,
             share: float = 0.4) -> set[tuple[int, int]]:
    """(page, index) of the lines that recur — same text but for digits, at a similar
    position (within ``tolerance``) — on at least ``share`` of the pages (and two)."""
    need = max(2, math.ceil(share * len(pages)))
    if len(pages) < 2:
        return set()
    by_key: dict[str, list[tuple[int, int, float]]] = {}
    for p, lines in enumerate(pages):
        for i, (text, y) in enumerate(lines):
            key = _key(text)
            if key:
                by_key.setdefault(key, []).append((p, i, y))
    out: set[tuple[int, int]] = set()
    for entries in by_key.values():
        if len({p for p, _, _ in entries}) < need:
            continue
        for p, i, y in entries:
            near = {q for q, _, z in entries if abs(z - y) <= tolerance}
            if len(near) >= need:
                out.add((p, i))
    return out
