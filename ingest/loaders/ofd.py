"""OFD (GB/T 33190, China's fixed-layout format): text placed on pages, re-joined into
lines and paragraphs.

The package is read with ``ofdkit``: it resolves OFD.xml -> Document.xml -> each page's
Content.xml (templates, PageBlocks and CompositeObjects included) and gives every
TextCode as a positioned run (x, baseline y, size, width; millimetres, origin at the top
left). Here runs are grouped into lines by baseline, ordered left to right, and lines
are joined into paragraphs by the same rules as PDF text: a line continues the
paragraph above unless it is indented, the line above ended short, there is a vertical
gap, or it starts with a clause marker. Page numbers and running headers/footers go.

``paragraph_blocks`` is shared with the OCR loader, whose lines come positioned too.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from statistics import median

from ..errors import TooLarge, ToolMissing, UnsupportedFormat
from ..records import Block

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页(?:\s*[，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$"
)
_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|[(（][一二三四五六七八九十百]+[)）]|\d{1,3}[.．、](?!\d)|"
    r"[(（]\d{1,3}[)）]|[\u2460-\u2473]|第[一二三四五六七八九十百零〇]+[章节条])"
)
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
MAX_UNPACKED = 200_000_000


def wide(char: str) -> bool:
    """A Chinese character or CJK/fullwidth punctuation."""
    return bool(char) and bool(_WIDE.match(char))


def load(data: bytes, source: str) -> list[Block]:
    try:
        import ofdkit
    except ImportError:
        raise ToolMissing(
            source, "OFD files", "the Python package ofdkit",
            "install it (pip install ofdkit), or open the file in an OFD reader, "
            "export it as PDF and add that",
        ) from None
    _check_zip(data, source)
    pages = []
    try:
        with ofdkit.open(data) as document:
            for page in document.pages:
                x0, y0, width, height = page.box
                runs = [r for r in page.runs
                        if x0 - 2 <= r.x <= x0 + width + 2 and y0 - 2 <= r.y <= y0 + height + 2]
                pages.append((lines_from_runs(runs), height))
    except ofdkit.OFDLimitError as exc:
        raise UnsupportedFormat(source, f" (an OFD file past the safety limits: {exc})") from exc
    except ofdkit.OFDError as exc:
        raise UnsupportedFormat(source, f" (a damaged OFD file: {str(exc)[:120]})") from exc
    return paragraph_blocks(pages)


def _check_zip(data: bytes, source: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise UnsupportedFormat(source, " (a damaged or truncated OFD file)") from exc
    if total > MAX_UNPACKED:
        raise TooLarge(source, total, MAX_UNPACKED)


def lines_from_runs(runs) -> list[dict]:
    """Positioned runs (text, x, baseline y, size, width) -> lines, top to bottom."""
    seen, unique = set(), []
    for run in runs:
        key = (run.text, round(run.x * 4), round(run.y * 4))
        if run.text.strip() and key not in seen:  # the same text twice: fake bold
            seen.add(key)
            unique.append(run)
    groups: list[list] = []
    for run in sorted(unique, key=lambda r: (r.y, r.x)):
        anchor = groups[-1][0] if groups else None
        if anchor and abs(run.y - anchor.y) <= 0.5 * max(min(run.size, anchor.size), 1.0):
            groups[-1].append(run)
        else:
            groups.append([run])
    lines = []
    for group in groups:
        group.sort(key=lambda r: r.x)
        parts = [group[0].text]
        for previous, run in zip(group, group[1:]):
            size = max(min(previous.size, run.size), 1.0)
            gap = run.x - (previous.x + previous.width)
            if gap > 1.5 * size or (gap > 0.25 * size and not (wide(parts[-1][-1:])
                                                                 or wide(run.text[:1]))):
                parts.append(" ")
            parts.append(run.text)
        size = median(r.size for r in group)
        lines.append({"text": "".join(parts).strip(), "x0": group[0].x,
                      "x1": max(r.x + r.width for r in group),
                      "top": min(r.y for r in group) - size, "bottom": max(r.y for r in group),
                      "size": size})
    return lines


def _furniture(pages) -> set[str]:
    """Texts at the top or bottom of most pages: running headers and footers."""
    if len(pages) < 2:
        return set()
    seen: Counter = Counter()
    for lines, height in pages:
        seen.update({ln["text"] for ln in lines
                     if ln["top"] < 0.1 * height or ln["bottom"] > 0.9 * height})
    return {text for text, n in seen.items() if n >= max(2, len(pages) // 2)}


def paragraph_blocks(pages) -> list[Block]:
    """Pages of positioned lines ``(lines, page height)`` -> paragraph blocks.

    Each line is a dict with text, x0, x1, top, bottom and size (any one unit per page).
    """
    furniture = _furniture(pages)
    body = [(ln, height) for lines, height in pages for ln in lines
            if ln["text"] and ln["text"] not in furniture and not _PAGE_NUMBER.match(ln["text"])]
    paragraphs: list[str] = []
    if not body:
        return []
    char = median(ln["size"] for ln, _ in body)
    x0s = sorted(ln["x0"] for ln, _ in body)
    left = x0s[int(0.1 * (len(x0s) - 1))]
    right = sorted(ln["x1"] for ln, _ in body)[int(0.9 * (len(body) - 1))]
    previous = None
    for line, _ in body:
        text = line["text"]
        starts_new = (
            previous is None
            or line["x0"] > left + 0.8 * char  # indented first line, heading, centred
            or previous["x1"] < right - 1.5 * char  # the line above ended short
            or line["top"] - previous["bottom"] > 1.2 * char  # a blank line between
            or bool(_MARKER.match(text))
        )
        if starts_new:
            paragraphs.append(text)
        else:
            last, first = paragraphs[-1][-1:], text[:1]
            # Chinese, and a number broken at the line end (组织10 / 0场次), join tight.
            joint = "" if wide(last) or wide(first) or (last.isdigit() and first.isdigit()) \
                else " "
            paragraphs[-1] += joint + text
        previous = line
    blocks: list[Block] = []
    pos = 0
    for para in paragraphs:
        blocks.append(Block(para, pos, pos + len(para)))
        pos += len(para) + 1
    return blocks
