"""Plain text: one block per non-empty line — unless the text is hard-wrapped (pdftotext
output, text copied out of a PDF viewer, a file wrapped at a fixed width), when its
printed lines are re-joined into paragraphs by the rules PDFs use (``reflow``).

Hard-wrapped text is recognised by its shape: many lines of nearly the same length, few
of them ending a sentence. Form feeds separate pages there; what recurs at the top or
bottom of most pages (a running header, "— 3 —", a browser's date/title and URL/"n/m"
lines) is dropped, as are page numbers, URLs and print time stamps at page edges.
"""

from __future__ import annotations

import collections
import itertools
import re
import unicodedata

from ..records import Block
from . import reflow as rf
from .decode import decode

# (em and en spaces indent paragraphs in text copied from Word or a web page)
_STRIP = " \t\u3000\u00a0\ufeff\r\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b"
# "18 号", "2023 年": spaces PDF text dumps put between Chinese and digits.
_CJK_SPACE = re.compile(
    r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \t]+(?=\d)|(?<=\d)[ \t]+(?=[\u3000-\u9fff\uff00-\uffef])"
)
_GAP = re.compile(r"[ \u3000]{3,}")  # columns set apart by runs of spaces (pdftotext -layout)


# a Markdown heading's marks (## 第一章　总则, as law collections publish their texts)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t\u3000]+(?=[\u4e00-\u9fff（(一二三四五六七八九十第])")


_ATTRIBUTES = re.compile(r"\{[^{}]*=[^{}]*\}$")  # Pandoc's attributes of a heading


def lines_to_blocks(lines, kind: str = "line") -> list[Block]:
    """Strip each line (and a Markdown heading's marks) and lay the non-empty ones end to
    end, '\\n'-separated.

    Spans refer to that joined text, which becomes the document text.
    """
    blocks: list[Block] = []
    pos = 0
    for line in lines:
        line = line.strip(_STRIP)
        heading = _MARKDOWN_HEADING.match(line)
        if heading:  # ## 第四章 法律责任{align="center"}: the heading's text
            line = _ATTRIBUTES.sub("", line[heading.end():]).strip(_STRIP)
        if not line:
            continue
        blocks.append(Block(text=line, start=pos, end=pos + len(line), kind=kind))
        pos += len(line) + 1
    return blocks


def load(data: bytes, source: str) -> list[Block]:
    text = decode(data, source)
    pages = [join_wrap_spaces(page.splitlines())
             for page in text.replace("\r\n", "\n").split("\f")]
    if len(pages) > 1:
        pages = drop_furniture(pages)
    lines = [line for page in pages for line in page]
    shape = hard_wrapped(lines)
    if shape is None:
        return lines_to_blocks(lines)
    return lines_to_blocks(unwrap(pages, *shape))


# ------------------------------------------------------------------ wraps as spaces

# a space between two Chinese characters or marks (a printed line's end, where text copied
# out of a PDF joined its lines with a space: 医保行 政部门, “救 命钱”)
_WRAP_SPACE = re.compile(r"(?<=[\u3001-\u303f\u4e00-\u9fff\uff01-\uff5e“”‘’…—]) "
                         r"(?=[\u3001-\u303f\u4e00-\u9fff\uff01-\uff5e“”‘’…—])")
WRAP_SHARE = 0.6  # of the spans between such spaces that have the printed line's width
WRAP_MIN_SPANS = 5
WRAP_SLACK = (6, 3)  # cells a span may fall short of (an indent, a mark) or run over it


def join_wrap_spaces(lines: list[str]) -> list[str]:
    """Lines without the spaces that stand for printed line ends. Such spaces come at one
    width apart (the page's line), so most spans between two of them in a line have
    nearly the same width; a space set between names on purpose (卫生健康委 教育部) does
    not. Only a text where most spans share one width has them removed, and only a space
    that width (less an indent) after the line's start or the previous one."""
    spans = []
    for line in lines:
        cuts = [m.start() for m in _WRAP_SPACE.finditer(line)]
        spans += [_cells(line[a + 1:b]) for a, b in itertools.pairwise(cuts)]
    if len(spans) < WRAP_MIN_SPANS:
        return lines
    counts = collections.Counter(spans)

    def near(w: int) -> int:  # spans within two cells of ``w``
        return sum(counts[w + d] for d in (-2, -1, 0, 1, 2))

    width = max(counts, key=lambda w: (near(w), w))
    if width < 30 or near(width) < WRAP_SHARE * len(spans):
        return lines
    out = []
    for line in lines:
        pieces, start = [], 0
        # a printed line begins at the text's start or the last line end found; after a
        # space that is no line end, it may also begin there (the count is lost)
        wrap = after = len(line) - len(line.lstrip(_STRIP))
        for m in _WRAP_SPACE.finditer(line):
            if any(width - WRAP_SLACK[0] <= _cells(line[begin:m.start()]) <= width + WRAP_SLACK[1]
                   for begin in (wrap, after)):
                pieces.append(line[start:m.start()])
                start = wrap = m.end()
            after = m.end()
        out.append("".join(pieces) + line[start:] if pieces else line)
    return out


# ------------------------------------------------------------------ measuring lines


class _Widths(dict):
    """Cells per character, looked up once per distinct character."""

    def __missing__(self, char: str) -> int:
        # Ambiguous-width marks (“”…—) are full width in Chinese text.
        width = self[char] = 2 if unicodedata.east_asian_width(char) in "WFA" else 1
        return width


_WIDTHS = _Widths()


# ASCII (one cell, one byte of UTF-8) and wide CJK characters (two cells, three bytes;
# the tests check the ranges against unicodedata): a line of nothing else is measured by
# its UTF-8 length, without a lookup per character.
WIDE = (r"\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u303e\u3400-\u4dbf\u4e00-\u9fff"
        r"\ufe30-\ufe4f\uff01-\uff60")
_OTHER_WIDTH = re.compile(rf"[^\x00-\x7f{WIDE}]")


def _cells(text: str) -> int:
    if not _OTHER_WIDTH.search(text):
        return len(text) + (len(text.encode("utf-8")) - len(text)) // 2
    return sum(map(_WIDTHS.__getitem__, text))


_MEASURES = {"chars": (len, 1.0), "cells": (_cells, 2.0)}  # (width of a text, units per 中)


def hard_wrapped(lines: list[str]) -> tuple[str, float] | None:
    """(measure, right margin) when the text is hard-wrapped, else None."""
    content = [l.rstrip(_STRIP) for l in lines[:20000] if l.strip(_STRIP)][:3000]  # a sample
    if len(content) < 8:
        return None
    best = None
    for name, (measure, unit) in _MEASURES.items():
        sized = [(measure(l), l) for l in content]  # each line measured once
        widths = sorted(measure(l.replace("\t", "    ")) if "\t" in l else w for w, l in sized)
        right = widths[int(0.9 * (len(widths) - 1))]
        if not 20 * unit <= right <= 200 * unit:
            continue
        tol = 0.08 * right + unit
        long = [(w, l) for w, l in sized if w >= 0.6 * right]
        near = [l for w, l in long if abs(w - right) <= tol]
        if len(near) < 0.35 * len(content) or len(near) < 0.6 * len(long):
            continue
        ended = sum(rf.ends_sentence(l) or rf.closes_note(l) for l in near)
        if ended > 0.35 * len(near):
            continue
        score = len(near) / len(long)
        if best is None or score > best[0]:
            best = (score, name, float(right))
    return (best[1], best[2]) if best else None


def unwrap(pages: list[list[str]], measure_name: str, right: float) -> list[str]:
    """Paragraphs from hard-wrapped pages. A blank line inside a page ends a paragraph."""
    measure, unit = _MEASURES[measure_name]
    chunks: list[list[tuple[rf.Line, float]]] = [[]]
    for page in pages:
        body = [l.rstrip(_STRIP).replace("\t", "    ") for l in page]
        content = [l for l in body if l.strip(_STRIP)]
        if not content:
            continue
        margin = min(measure(l) - measure(l.lstrip(_STRIP)) for l in content)
        width = (right - margin) / unit
        first = next(i for i, l in enumerate(body) if l.strip(_STRIP))
        last = max(i for i, l in enumerate(body) if l.strip(_STRIP))
        for i in range(first, last + 1):
            line = body[i]
            if not line.strip(_STRIP):
                if chunks[-1]:
                    chunks.append([])
                continue
            stripped = line.lstrip(_STRIP)
            x0 = (measure(line) - measure(stripped) - margin) / unit
            x1 = (measure(line) - margin) / unit
            chunks[-1].append((rf.Line(_GAP.sub(" ", stripped), x0, x1), width))
    every = [item for chunk in chunks for item in chunk]
    indents = rf.uses_indents([l for l, _ in every])
    out: list[str] = []
    for chunk in chunks:
        for text in rf.reflow_mixed(chunk, ascii_width=1.0 / unit, indents=indents):
            out.append(_CJK_SPACE.sub("", text))
    return out


# ------------------------------------------------------------------ furniture


def drop_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Pages without the lines that recur at their top or bottom, nor page numbers,
    URLs or print stamps there."""
    edges: list[list[tuple[str, float]]] = []
    where: list[list[int]] = []
    for page in pages:
        idx = [i for i, l in enumerate(page) if l.strip(_STRIP)]
        chosen = idx[:3] + [i for i in idx[-3:] if i not in idx[:3]]
        where.append(chosen)
        # Position: rank from the top for the first lines, from the bottom for the last.
        edges.append([(page[i].strip(_STRIP), float(idx.index(i)) if idx.index(i) < 3
                       else 100.0 + len(idx) - 1 - idx.index(i)) for i in chosen])
    drop = rf.repeated(edges, tolerance=0.5)
    out = []
    for p, page in enumerate(pages):
        keep = []
        for i, line in enumerate(page):
            if i in where[p]:
                k = where[p].index(i)
                if (p, k) in drop:
                    continue
                parts = [part for part in _GAP.split(line.strip(_STRIP))
                         if part and not rf.furniture_pattern(part)]
                if not parts:
                    continue
                if len(parts) != len(_GAP.split(line.strip(_STRIP))):
                    line = "   ".join(parts)
            keep.append(line)
        out.append(keep)
    return out
