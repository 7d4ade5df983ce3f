"""PDF: the text layer in reading order, lines re-joined into paragraphs, page furniture
removed, tables as rows — for any producer (Word/WPS, LibreOffice, Chromium's "Save as
PDF", reportlab, gazette typesetters).

- Characters come with their boxes from pdfium (pypdfium2; pdfplumber when pdfium is
  missing or cannot read the file) and are grouped, in content order, into runs (a break
  in position ends a run), runs into lines. Coordinates follow the text's own direction,
  so a page turned by /Rotate, or with its text drawn turned, reads the same.
- Page furniture is what recurs at the top or bottom of most pages (same text but for
  digits, at a similar height: running headers, "— 3 —", a browser's date/title and
  URL/"n/m" lines) or looks like it (page numbers, URLs, print time stamps).
- Ruled tables: pdfplumber's table finder run on the straight lines the page draws (read
  from pdfium's path objects, so pdfminer does not parse the page again). A borderless
  task-division table (重点任务分工表) is recognised from its header row (序号 | 重点任务 |
  牵头单位 | 配合单位 | 完成时限 …) and cut into columns by the gaps between its words and
  into rows by its 序号 numbers — cells aligned to the top or centred vertically, cells
  that wrap over several lines, rows cut by a page break. Both give ``table_row`` blocks.
- Two-column pages (gazettes): a vertical gutter that no words cross over most of the
  page height is found, and the left column is read before the right one.
- Lines are re-joined into paragraphs by ``reflow``: geometry (indents, centred lines,
  short lines) and language (sentence ends, notes, open brackets, unit names).
- No text layer (a scan) or an encrypted file is refused with a clear message.
"""

from __future__ import annotations

import io
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from statistics import median

from ..errors import EncryptedDocument, NoTextLayer, UnsupportedFormat
from ..records import Block
from ..tables import header_map
from . import reflow as rf
from .reflow import Line

# Kept for callers that matched page numbers themselves.
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页(?:\s*[，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$"
)
_MARKER = rf.MARKER
# "18 号", "2023 年": spaces some producers put between Chinese and digits.
_CJK_SPACE = re.compile(
    r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \t]+(?=\d)|(?<=\d)[ \t]+(?=[\u3000-\u9fff\uff00-\uffef])"
)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_EDGE = 0.14  # furniture lives in the top and bottom 14% of a page
_HEADER_WORDS = re.compile(r"序号|任务|措施|牵头|配合|责任|时限|单位|部门")

__all__ = ["load", "NoTextLayer"]  # NoTextLayer: raised for scans when OCR is missing


# ------------------------------------------------------------------ records


@dataclass
class Run:
    """Characters that follow one another on one line with no break in position."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class TextLine:
    runs: list[Run]
    top: float = 0.0
    bottom: float = 0.0

    def __post_init__(self) -> None:
        self.runs.sort(key=lambda r: r.x0)
        self.top = min(r.top for r in self.runs)
        self.bottom = max(r.bottom for r in self.runs)

    @property
    def x0(self) -> float:
        return self.runs[0].x0

    @property
    def x1(self) -> float:
        return max(r.x1 for r in self.runs)

    @property
    def size(self) -> float:
        return max(r.size for r in self.runs)

    @property
    def text(self) -> str:
        out = self.runs[0].text
        for prev, run in zip(self.runs, self.runs[1:]):
            out += (" " if run.x0 - prev.x1 > 0.4 * run.size else "") + run.text
        return out


@dataclass
class Page:
    width: float
    height: float
    lines: list[TextLine] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # ruled-table rows: cells, top


# ------------------------------------------------------------------ reading


def load(data: bytes, source: str) -> list[Block]:
    pages = _read(data, source)
    if sum(len(line.text) for page in pages for line in page.lines) < 10 and not any(
        page.rows for page in pages
    ):
        from .ocr import load_scanned  # OCR, or NoTextLayer when Tesseract is missing

        return load_scanned(data, source)
    return _blocks(pages)


def _read(data: bytes, source: str) -> list[Page]:
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return _read_plumber(data, source)
    pages = _read_pdfium(data, source)
    return pages if pages is not None else _read_plumber(data, source)


def _read_pdfium(data: bytes, source: str) -> list[Page] | None:
    """Pages from pdfium, or None to let pdfplumber read (and judge) the file."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedDocument(source) from exc
        return None
    try:
        if raw.FPDF_GetSecurityHandlerRevision(pdf.raw) != -1:
            raise EncryptedDocument(source)
        pages: list[Page] = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                pages.append(_pdfium_page(page, raw, ctypes))
            finally:
                page.close()
    except pdfium.PdfiumError:
        return None
    finally:
        pdf.close()
    return pages


_TURNS = ((1.0, 0.0), (0.0, -1.0), (-1.0, 0.0), (0.0, 1.0))  # cos, sin of -k quarter turns


def _frame(turns: int, box):
    """Page coordinates -> (x, top) along the text: x in reading direction, top growing
    towards the next line, both from the page's corner. ``turns``: quarter turns of the
    text (pdfium's character angle), whatever the page's /Rotate says."""
    cos, sin = _TURNS[turns % 4]
    l, b, r, t = box
    corners = [(x * cos + y * sin, x * sin - y * cos) for x in (l, r) for y in (b, t)]
    x0 = min(c[0] for c in corners)
    d0 = min(c[1] for c in corners)
    width = max(c[0] for c in corners) - x0
    height = max(c[1] for c in corners) - d0

    def to(x: float, y: float) -> tuple[float, float]:
        return x * cos + y * sin - x0, x * sin - y * cos - d0

    return to, width, height


def _pdfium_page(page, raw, ctypes) -> Page:
    box = page.get_cropbox()
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        count = raw.FPDFText_CountChars(handle)
        text = ""
        if count > 0:
            buf = ctypes.create_string_buffer((count + 1) * 2)
            got = raw.FPDFText_GetText(handle, 0, count,
                                       ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
            text = buf.raw[: max(0, got - 1) * 2].decode("utf-16-le", "replace")
            if len(text) != count:  # characters beyond the BMP: one at a time
                text = "".join(chr(raw.FPDFText_GetUnicode(handle, i) or 32)
                               for i in range(count))
        # The text's own direction (a page turned by /Rotate, or text drawn turned on it).
        votes = [0, 0, 0, 0]
        step = max(1, count // 60)
        for i in range(0, count, step):
            if text[i].strip():
                angle = raw.FPDFText_GetCharAngle(handle, i)
                if angle >= 0:
                    votes[round(angle / (math.pi / 2)) % 4] += 1
        turns = votes.index(max(votes))
        to, width, height = _frame(turns, box)
        out = Page(width=width, height=height)
        rect = raw.FS_RECTF()
        loose = raw.FPDFText_GetLooseCharBox
        chars = []
        for i, ch in enumerate(text[:count]):
            if ch in "\r\n\x00\ufffe":
                chars.append(None)
                continue
            loose(handle, i, rect)
            if rect.right - rect.left <= 0.01 and ch == " ":
                chars.append(None)  # pdfium saw a gap: text objects apart
                continue
            if turns == 0:
                x0, top = to(rect.left, rect.top)
                x1, bottom = to(rect.right, rect.bottom)
            else:
                corners = (to(rect.left, rect.top), to(rect.right, rect.bottom))
                x0, x1 = sorted((corners[0][0], corners[1][0]))
                top, bottom = sorted((corners[0][1], corners[1][1]))
            chars.append((ch, x0, x1, top, bottom))
        out.lines = _lines(_runs(chars))
    finally:
        textpage.close()
    edges = _edges(page, raw, ctypes, to)
    if edges:
        _ruled_tables(out, edges)
    return out


def _edges(page, raw, ctypes, to) -> list[dict]:
    """Straight horizontal and vertical strokes the page draws (lines, rectangle sides,
    in forms too), as pdfplumber edges in top-down coordinates; [] unless there are at
    least two of each (no ruled table without them)."""
    out: list[dict] = []
    matrix = raw.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    line, move, bezier = raw.FPDF_SEGMENT_LINETO, raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_BEZIERTO

    def add(p, q) -> None:
        (x0, d0), (x1, d1) = to(*p), to(*q)
        if abs(d1 - d0) < 1.0 and abs(x1 - x0) >= 3:
            dd = (d0 + d1) / 2
            out.append({"x0": min(x0, x1), "x1": max(x0, x1), "top": dd, "bottom": dd,
                        "width": abs(x1 - x0), "height": 0.0, "orientation": "h",
                        "object_type": "line"})
        elif abs(x1 - x0) < 1.0 and abs(d1 - d0) >= 3:
            xx = (x0 + x1) / 2
            out.append({"x0": xx, "x1": xx, "top": min(d0, d1), "bottom": max(d0, d1),
                        "width": 0.0, "height": abs(d1 - d0), "orientation": "v",
                        "object_type": "line"})

    def visit(count, get, outer, depth) -> None:
        for i in range(count):
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_FORM and depth < 4:
                raw.FPDFPageObj_GetMatrix(obj, matrix)
                m = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
                visit(raw.FPDFFormObj_CountObjects(obj),
                      lambda j, o=obj: raw.FPDFFormObj_GetObject(o, j), m, depth + 1)
                continue
            if kind != raw.FPDF_PAGEOBJ_PATH:
                continue
            n = raw.FPDFPath_CountSegments(obj)
            if n <= 0 or n > 2000:
                continue
            raw.FPDFPageObj_GetMatrix(obj, matrix)
            a, b, c, d, e, f = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e,
                                         matrix.f), outer)
            start = cur = None
            for j in range(n):
                seg = raw.FPDFPath_GetPathSegment(obj, j)
                if not raw.FPDFPathSegment_GetPoint(seg, x, y):
                    continue
                point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
                kind = raw.FPDFPathSegment_GetType(seg)
                if kind == move or cur is None:
                    start = cur = point
                elif kind == line:
                    add(cur, point)
                    cur = point
                elif kind == bezier:
                    cur = point
                if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                    add(cur, start)
                    cur = start

    visit(raw.FPDFPage_CountObjects(page.raw), lambda i: raw.FPDFPage_GetObject(page.raw, i),
          (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0)
    flat = sum(1 for e in out if e["orientation"] == "h")
    if flat < 2 or len(out) - flat < 2:
        return []
    return out


def _compose(m, outer):
    """The matrix ``m`` followed by ``outer`` (PDF order: row vector times m times outer)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _grid(table) -> bool:
    """At least two rows and two columns: a frame round the page, a shaded box behind a
    heading or a single ruled cell is not a table."""
    rows = table.rows
    return len(rows) >= 2 and max(sum(c is not None for c in r.cells) for r in rows) >= 2


class _EdgePage:
    """Just enough of a pdfplumber page for its table finder: the edges."""

    def __init__(self, edges: list[dict]):
        self.edges = edges


def _ruled_tables(page: Page, edges: list[dict]) -> None:
    """Tables drawn with ruling lines (pdfplumber's finder on pdfium's edges): their rows
    with the text of each cell; the runs inside them leave the running text."""
    from pdfplumber.table import TableFinder

    tables = [t for t in TableFinder(_EdgePage(edges)).tables if _grid(t)]
    if not tables:
        return
    runs = [r for ln in page.lines for r in ln.runs]
    boxes = []
    for table in tables:
        x0, top, x1, bottom = table.bbox
        if x1 - x0 < 20 or bottom - top < 10:
            continue
        inside = [r for r in runs if x0 <= (r.x0 + r.x1) / 2 <= x1 and top <= r.cy <= bottom]
        if not inside:
            continue
        boxes.append(table.bbox)
        for row in table.rows:
            cells = []
            for cell in row.cells:
                if cell is None:
                    cells.append("")
                    continue
                cx0, ctop, cx1, cbottom = cell
                text = ""
                for r in sorted((r for r in inside if cx0 <= (r.x0 + r.x1) / 2 <= cx1
                                 and ctop <= r.cy <= cbottom), key=lambda r: (round(r.top), r.x0)):
                    text = rf.join(text, r.text)
                cells.append(text)
            page.rows.append({"cells": cells, "top": float(top)})
    page.lines = _outside_tables(page.lines, boxes)


def _plumber():
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    broken = (PDFSyntaxError, PSException, PdfminerException, ValueError, KeyError, TypeError,
              AttributeError, IndexError, EOFError)
    return pdfplumber, (PDFPasswordIncorrect, PDFEncryptionError), PdfminerException, broken


def _refuse(exc: Exception, source: str, locked, wrapper):
    cause = exc.args[0] if isinstance(exc, wrapper) and exc.args else exc
    if isinstance(cause, locked):
        return EncryptedDocument(source)
    return UnsupportedFormat(source, " (a damaged or truncated PDF)")


def _read_plumber(data: bytes, source: str) -> list[Page]:
    pdfplumber, locked, wrapper, broken = _plumber()
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (*locked, *broken) as exc:
        raise _refuse(exc, source, locked, wrapper) from exc
    pages = []
    with pdf:
        if getattr(pdf.doc, "encryption", None):
            raise EncryptedDocument(source)
        try:
            for page in pdf.pages:
                out = Page(width=float(page.width), height=float(page.height))
                tables = page.find_tables() if (page.rects or page.lines or page.edges) else []
                tables = [t for t in tables if _grid(t)]
                _add_tables(out, tables)
                chars = [(c["text"], float(c["x0"]), float(c["x1"]), float(c["top"]),
                          float(c["bottom"])) for c in page.chars if c.get("upright", True)]
                out.lines = _outside_tables(_lines(_runs(chars)), [t.bbox for t in tables])
                pages.append(out)
        except broken as exc:
            raise _refuse(exc, source, locked, wrapper) from exc
    return pages


def _add_tables(page: Page, tables) -> None:
    for table in tables:
        for row in table.extract():
            page.rows.append({"cells": [(c or "").replace("\n", "") for c in row],
                              "top": float(table.bbox[1])})


def _outside_tables(lines: list[TextLine], boxes) -> list[TextLine]:
    if not boxes:
        return lines
    out = []
    for line in lines:
        runs = [r for r in line.runs
                if not any(x0 <= (r.x0 + r.x1) / 2 <= x1 and top <= r.cy <= bottom
                           for x0, top, x1, bottom in boxes)]
        if runs:
            out.append(TextLine(runs))
    return out


# ------------------------------------------------------------------ characters -> lines


def _runs(chars) -> list[Run]:
    """Group characters, in content order, into runs: a new run starts when the next
    character is on another line, goes back, or leaves a gap wider than 0.6 em.
    ``chars``: (text, x0, x1, top, bottom) or None for a line break the producer made."""
    runs: list[Run] = []
    cur: list = []

    def close() -> None:
        while cur and not cur[-1][0].strip():
            cur.pop()
        while cur and not cur[0][0].strip():
            cur.pop(0)
        if not cur:
            return
        text = cur[0][0]
        for prev, item in zip(cur, cur[1:]):
            ch = item[0]
            if (ch.isascii() and ch.isalnum() and prev[0].isascii() and prev[0].isalnum()
                    and item[1] - prev[2] > 0.25 * em):
                text += " "  # a word space drawn as a gap
            text += ch
        solid = [c for c in cur if c[0].strip()]
        runs.append(Run(text, cur[0][1], cur[-1][2], min(c[3] for c in solid),
                        max(c[4] for c in solid), em))
        cur.clear()

    em = 10.0
    for item in chars:
        if item is None:
            close()
            continue
        ch, x0, x1, top, bottom = item
        if cur:
            last = cur[-1]
            height = max(bottom - top, last[4] - last[3], 1.0)
            if (abs(top + bottom - last[3] - last[4]) > height or x0 < last[2] - 0.5 * em
                    or x0 - last[2] > 0.6 * em):
                close()
        if not cur:
            em = max(bottom - top, 1.0) * 0.95
        if _CJK.match(ch) and x1 - x0 > 1:
            em = x1 - x0  # a Chinese character is one em wide
        cur.append(item)
    close()
    return runs


def _lines(runs: list[Run]) -> list[TextLine]:
    """Runs that share a line (their middles within half a line height), top to bottom."""
    lines: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (r.cy, r.x0)):
        if lines:
            last = lines[-1]
            ly = sum(r.cy for r in last) / len(last)
            height = max(max(r.bottom - r.top for r in last), run.bottom - run.top)
            if abs(run.cy - ly) <= 0.35 * height:
                last.append(run)
                continue
        lines.append([run])
    return [TextLine(group) for group in lines]


# ------------------------------------------------------------------ furniture


def _drop_furniture(pages: list[Page]) -> None:
    """Remove running headers/footers, page numbers, URLs and print stamps."""
    edges: list[list[tuple[str, float]]] = []
    where: list[list[int]] = []
    for page in pages:
        idx = [i for i, ln in enumerate(page.lines)
               if ln.top < _EDGE * page.height or ln.bottom > (1 - _EDGE) * page.height]
        idx = [i for i in idx if i < 3 or i >= len(page.lines) - 3]
        where.append(idx)
        edges.append([(page.lines[i].text, page.lines[i].top / page.height) for i in idx])
    drop = rf.repeated(edges, tolerance=0.02)
    for p, page in enumerate(pages):
        keep: list[TextLine] = []
        for i, line in enumerate(page.lines):
            if i in where[p]:
                k = where[p].index(i)
                if (p, k) in drop and not _header_like(line):
                    continue
                runs = [r for group in _phrases(line) if not rf.furniture_pattern(
                    " ".join(r.text for r in group)) for r in group]
                if not runs:
                    continue
                if len(runs) != len(line.runs):
                    line = TextLine(runs)
            elif len(line.runs) == 1 and re.fullmatch(r"[-—–－]\s*\d{1,4}\s*[-—–－]", line.text):
                continue  # — 3 — placed higher than usual
            keep.append(line)
        page.lines = keep


def _phrases(line: TextLine) -> list[list[Run]]:
    """The runs of a line in groups set apart by wide gaps (a footer's URL and its "2/5")."""
    groups = [[line.runs[0]]]
    for prev, run in zip(line.runs, line.runs[1:]):
        if run.x0 - prev.x1 > 1.5 * max(run.size, prev.size):
            groups.append([run])
        else:
            groups[-1].append(run)
    return groups


def _header_like(line: TextLine) -> bool:
    """A table's header row, which a table repeats at the top of each page: not furniture."""
    return len(line.runs) >= 3 and sum(bool(_HEADER_WORDS.search(r.text)) for r in line.runs) >= 3


# ------------------------------------------------------------------ borderless tables


@dataclass
class _Table:
    names: list[str]  # header texts, in column order
    centers: list[float]  # header x middles
    slots: list[tuple[float, float]] | None = None


def _header_at(lines: list[TextLine], i: int) -> tuple[_Table, int] | None:
    """A task-table header row at line i (its cells may wrap onto the next line)."""
    line = lines[i]
    if len(line.runs) < 3 or not any(_HEADER_WORDS.search(r.text) for r in line.runs):
        return None
    cells = [[r.x0, r.x1, r.text] for r in line.runs]
    used = 1
    if header_map(tuple(c[2] for c in cells)) is None and i + 1 < len(lines):
        nxt = lines[i + 1]
        if nxt.top - line.bottom < 0.8 * line.size:
            merged = [list(c) for c in cells]
            for run in nxt.runs:
                for cell in merged:
                    if run.x0 < cell[1] and run.x1 > cell[0]:
                        cell[2] += run.text
                        cell[0], cell[1] = min(cell[0], run.x0), max(cell[1], run.x1)
                        break
                else:
                    merged.append([run.x0, run.x1, run.text])
            merged.sort()
            if header_map(tuple(c[2] for c in merged)) is not None:
                cells, used = merged, 2
    if header_map(tuple(c[2] for c in cells)) is None:
        return None
    return _Table([c[2] for c in cells], [(c[0] + c[1]) / 2 for c in cells]), used


_CN = "一二三四五六七八九十百"
_SECTION = re.compile(rf"^(?:[{_CN}]+、|[(（][{_CN}]+[)）]|第[{_CN}]+[章节条])")


def _stops(table: _Table, line: TextLine) -> bool:
    """A line that is not part of the table: one run across the middles of two columns,
    or a section heading of the running text (三、保障措施)."""
    if len(line.runs) == 1 and _SECTION.match(line.text) and line.x1 > table.centers[1]:
        return True
    return any(sum(run.x0 < c < run.x1 for c in table.centers) >= 2 for run in line.runs)


def _slots(table: _Table, lines: list[TextLine]) -> list[tuple[float, float]]:
    """Column x-ranges: the covered stretches between the gaps no cell text crosses."""
    spans = sorted((r.x0, r.x1) for ln in lines for r in ln.runs)
    merged: list[list[float]] = []
    for x0, x1 in spans:
        if merged and x0 <= merged[-1][1] + 0.5:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    # One slot per header column: split a stretch that holds two header middles.
    slots: list[tuple[float, float]] = []
    for x0, x1 in merged:
        inside = [c for c in table.centers if x0 <= c <= x1]
        if len(inside) <= 1:
            slots.append((x0, x1))
            continue
        cuts = [(a + b) / 2 for a, b in zip(inside, inside[1:])]
        bounds = [x0, *cuts, x1]
        slots += list(zip(bounds, bounds[1:]))
    return slots


def _column_of(table: _Table, run: Run) -> int:
    mid = (run.x0 + run.x1) / 2
    slot = None
    for k, (x0, x1) in enumerate(table.slots or ()):
        if x0 - 0.5 <= mid <= x1 + 0.5:
            slot = (x0, x1)
            break
    if slot is not None:
        inside = [i for i, c in enumerate(table.centers) if slot[0] - 0.5 <= c <= slot[1] + 0.5]
        if len(inside) == 1:
            return inside[0]
        if inside:
            return min(inside, key=lambda i: abs(table.centers[i] - mid))
    # A slot without a header (or none found): the column whose header starts left of it.
    left = [i for i, c in enumerate(table.centers) if c <= mid]
    if slot is not None and left:
        return left[-1]
    return min(range(len(table.centers)), key=lambda i: abs(table.centers[i] - mid))


def _table_rows(table: _Table, lines: list[TextLine]) -> list[tuple[float, list[str]]]:
    """(top, cells) of the rows in ``lines`` (one page's part of a table)."""
    if not lines:
        return []
    ncol = len(table.names)
    columns = header_map(tuple(table.names)) or {}
    seq_col = columns.get("seq")
    # Every run goes to a column; lines inside one column stay in order.
    # Every run goes to a column; the pieces of one line in one column become one run.
    placed: list[tuple[int, Run]] = []
    for ln in lines:
        pieces: dict[int, list[Run]] = {}
        for r in ln.runs:
            pieces.setdefault(_column_of(table, r), []).append(r)
        for k, runs in pieces.items():
            if len(runs) == 1:
                placed.append((k, runs[0]))
                continue
            text = ""
            for r in runs:
                text = rf.join(text, r.text)
            placed.append((k, Run(text, runs[0].x0, max(r.x1 for r in runs),
                                  min(r.top for r in runs), max(r.bottom for r in runs),
                                  max(r.size for r in runs))))
    anchors = sorted((r for k, r in placed if k == seq_col and re.fullmatch(r"\d{1,3}", r.text)),
                     key=lambda r: r.top) if seq_col is not None else []
    bounds = _row_bounds(placed, anchors, seq_col, lines)
    rows: list[tuple[float, list[list[Run]]]] = [(b, [[] for _ in range(ncol)]) for b in bounds]
    for k, run in placed:
        i = bisect_right(bounds, run.cy) - 1
        rows[max(i, 0)][1][k].append(run)
    out = []
    for top, cells in rows:
        texts = []
        for runs in cells:
            text = ""
            for run in sorted(runs, key=lambda r: (round(r.top), r.x0)):
                text = rf.join(text, run.text)
            texts.append(_CJK_SPACE.sub("", text))
        if any(texts):
            out.append((top, texts))
    return out


def _row_bounds(placed, anchors, seq_col, lines) -> list[float]:
    """Tops of the rows (the first one may be the rest of a row from the page before).

    Without 序号 numbers rows start after gaps taller than those between lines. With
    them, the boundaries are chosen together (dynamic programming) so that the cells of
    each row either start level with its number (cells aligned to the top) or are
    centred on it (cells centred vertically, as browsers and Word lay them out) —
    whichever of the two fits the page better."""
    first = min(r.top for _, r in placed) - 0.1
    if not anchors:
        tops = sorted({round(ln.top, 1) for ln in lines})
        gaps = [b - a for a, b in zip(tops, tops[1:])]
        if not gaps:
            return [first]
        step = median(gaps)
        return [first] + [b - 0.1 for a, b in zip(tops, tops[1:]) if b - a > 1.4 * step]
    columns: dict[int, list[Run]] = {}
    for k, r in placed:
        if k != seq_col:
            columns.setdefault(k, []).append(r)
    for runs in columns.values():
        runs.sort(key=lambda r: r.cy)
    keys = {k: [r.cy for r in runs] for k, runs in columns.items()}
    pitch = median(r.bottom - r.top for _, r in placed) or 1.0
    # A line that runs to the right edge of its column and does not end a sentence
    # goes on in the line below: no row boundary falls after it.
    right = {k: max(r.x1 for r in runs) for k, runs in columns.items()}
    goes_on = {k: [r.x1 >= right[k] - 1.5 * r.size and not rf.ends_sentence(r.text)
                   and not rf.closes_note(r.text) for r in runs] for k, runs in columns.items()}

    def cost(a: Run, lo: float, hi: float, centre: bool) -> float:
        total = 0.0
        for k, runs in columns.items():
            i, j = bisect_left(keys[k], lo), bisect_left(keys[k], hi)
            if 0 < i < len(runs) and goes_on[k][i - 1]:
                total += 2.0  # the boundary would cut a cell's text in two
            if i >= j:
                total += 1.5  # an empty cell: allowed, but not to be bought cheaply
                continue
            if centre:
                off = (min(r.top for r in runs[i:j]) + max(r.bottom for r in runs[i:j])) / 2 - a.cy
            else:
                off = min(r.top for r in runs[i:j]) - a.top
            total += min(10.0, abs(off) / pitch)
        return total

    tops = sorted({r.top for _, r in placed})
    cands = [[first] + [t - 0.1 for t in tops if t < anchors[0].cy - 0.25 * pitch]]
    for a, b in zip(anchors, anchors[1:]):
        between = [t - 0.1 for t in tops if a.cy + 0.25 * pitch < t <= b.top + 0.01]
        cands.append(sorted(set(between + [b.top - 0.1])))

    def solve(centre: bool) -> tuple[float, list[float]]:
        best = [(0.0, [c]) for c in cands[0]]
        for k, a in enumerate(anchors):
            nxt = cands[k + 1] if k + 1 < len(cands) else [float("inf")]
            step = []
            for hi in nxt:
                options = [(score + cost(a, path[-1], hi, centre), path) for score, path in best
                           if path[-1] < hi]
                if options:
                    score, path = min(options, key=lambda o: o[0])
                    step.append((score, path + [hi]))
            best = step or best
        score, path = min(best, key=lambda o: o[0])
        bounds = path[:-1] if path[-1] == float("inf") else path
        if bounds[0] > first:
            bounds = [first] + bounds  # lines above the first row: the rest of an earlier row
        return score, bounds

    centred, top_aligned = solve(True), solve(False)
    return centred[1] if centred[0] < top_aligned[0] else top_aligned[1]


def _take_tables(pages: list[Page]) -> None:
    """Find borderless task tables; their lines become rows (page.rows)."""
    table: _Table | None = None
    for page in pages:
        lines = page.lines
        keep: list[TextLine] = []
        body: list[TextLine] = []
        i = 0
        while i < len(lines):
            found = _header_at(lines, i)
            if found is not None:
                if table is not None and body:
                    _emit(page, table, body)
                body = []
                new, used = found
                if table is None or not _same_header(table, new):
                    table = new
                page.rows.append({"cells": list(new.names), "top": lines[i].top})
                i += used
                continue
            line = lines[i]
            if table is not None and not _stops(table, line):
                body.append(line)
            else:
                if table is not None:
                    _emit(page, table, body)
                    body = []
                    table = None
                keep.append(line)
            i += 1
        if table is not None and body:
            _emit(page, table, body)
        page.lines = keep
        # A table open at the end of a page goes on at the top of the next.


def _same_header(a: _Table, b: _Table) -> bool:
    return [re.sub(r"\s", "", n) for n in a.names] == [re.sub(r"\s", "", n) for n in b.names]


def _emit(page: Page, table: _Table, body: list[TextLine]) -> None:
    table.slots = _slots(table, body)
    for top, cells in _table_rows(table, body):
        page.rows.append({"cells": cells, "top": top})


# ------------------------------------------------------------------ columns


@dataclass
class _Piece:
    """A line (or the part of one in a column) in reading order, with its column."""

    line: TextLine
    region: str  # "full", "left", "right"


def _reading_order(page: Page, gutter: tuple[float, float] | None) -> list[_Piece]:
    lines = page.lines
    if not lines:
        return []
    if gutter is None:
        return [_Piece(ln, "full") for ln in lines]
    g0, g1 = gutter
    mid = (g0 + g1) / 2
    em = median(r.size for ln in lines for r in ln.runs)
    out: list[_Piece] = []
    band: list[TextLine] = []

    def flush() -> None:
        # Lines above the top of the right column (a signature, a date: residue of a
        # one-column part) are read in order; then the left column, then the right.
        starts = [ln.top for ln in band if any(g1 - 0.5 <= r.x0 <= g1 + 4 * em and r.x0 >= mid
                                               for r in ln.runs)]
        top = min(starts) - 0.3 * em if starts else float("inf")
        lefts = [TextLine([r for r in ln.runs if r.x1 <= mid]) for ln in band
                 if ln.top >= top and any(r.x1 <= mid for r in ln.runs)]
        rights = [TextLine([r for r in ln.runs if r.x0 >= mid]) for ln in band
                  if ln.top >= top and any(r.x0 >= mid for r in ln.runs)]
        columns = lefts and rights and min(ln.top for ln in rights) < max(ln.bottom for ln in lefts)
        for ln in band if not columns else [ln for ln in band if ln.top < top]:
            out.append(_Piece(ln, "left" if ln.x1 <= mid else "right" if ln.x0 >= mid else "full"))
        if columns:
            out.extend(_Piece(ln, "left") for ln in lefts)
            out.extend(_Piece(ln, "right") for ln in rights)
        band.clear()

    for line in lines:
        if any(r.x0 < mid < r.x1 for r in line.runs):  # crosses the gutter: full width
            flush()
            out.append(_Piece(line, "full"))
        else:
            band.append(line)
    flush()
    return out


def _gutter(lines: list[TextLine]) -> tuple[float, float] | None:
    """A vertical band in the middle of the text that no words cross on most lines, with
    full column lines on both sides: (left edge, right edge) of the gutter."""
    runs = [r for ln in lines for r in ln.runs]
    if len(lines) < 8:
        return None
    left = min(r.x0 for r in runs)
    right = max(r.x1 for r in runs)
    span = right - left
    em = median(r.size for r in runs)
    if span < 20 * em:
        return None
    starts = sorted(r.x0 for r in runs)
    ends = sorted(r.x1 for r in runs)
    best = None
    x = left + 0.3 * span
    step = max(1.0, em / 4)
    while x <= left + 0.7 * span:
        crossing = bisect_left(starts, x) - bisect_right(ends, x)
        if best is None or crossing < best[0]:
            best = (crossing, x, x)
        elif crossing == best[0] and best[2] >= x - step * 1.01:
            best = (crossing, best[1], x)
        x += step
    if best is None:
        return None
    crossing, a, b = best
    # Widen to the words on either side.
    g0 = max((r.x1 for r in runs if r.x1 <= a), default=a)
    g1 = min((r.x0 for r in runs if r.x0 >= b), default=b)
    if g1 - g0 < 0.8 * em:
        return None
    lefts = [ln for ln in lines if any(r.x1 <= g0 + 0.5 for r in ln.runs)]
    rights = [ln for ln in lines if any(r.x0 >= g1 - 0.5 for r in ln.runs)]
    if min(len(lefts), len(rights)) < 2 or len(lefts) + len(rights) < 10:
        return None
    if crossing > 0.25 * len(lines) or crossing >= min(len(lefts), len(rights)):
        return None
    # Column text runs up to the gutter on the left and starts right after it.
    full_left = sum(1 for ln in lefts if any(g0 - 3 * em <= r.x1 <= g0 + 0.5 for r in ln.runs))
    near_right = sum(1 for ln in rights if any(g1 - 0.5 <= r.x0 <= g1 + 3 * em for r in ln.runs))
    if full_left < 0.4 * len(lefts) or near_right < 0.5 * len(rights):
        return None
    return g0, g1


# ------------------------------------------------------------------ paragraphs


def _margins(pieces: list[_Piece]) -> dict[str, tuple[float, float, float]]:
    """(left, right, em) of the text in each kind of region, over the whole document."""
    out = {}
    for region in ("full", "left", "right"):
        chosen = [p.line for p in pieces if p.region == region]
        if not chosen:
            continue
        x0s = sorted(ln.x0 for ln in chosen)
        x1s = sorted(ln.x1 for ln in chosen)
        em = median(r.size for ln in chosen for r in ln.runs)
        left = x0s[int(0.1 * (len(x0s) - 1))]
        right = x1s[int(0.8 * (len(x1s) - 1))]  # most full lines end here
        out[region] = (left, right, em)
    return out


def _blocks(pages: list[Page]) -> list[Block]:
    _drop_furniture(pages)
    _take_tables(pages)
    ordered: list[tuple[str, object]] = []
    gutters = [_gutter(page.lines) if page.lines else None for page in pages]
    found = [g for g in gutters if g is not None]
    # A page of a two-column document too short to show its gutter (the last one) has it
    # where the other pages do.
    usual = None
    if found and len(found) >= 0.5 * sum(1 for page in pages if page.lines):
        usual = (median(g[0] for g in found), median(g[1] for g in found))
    for page, gutter in zip(pages, gutters):
        pieces = _reading_order(page, gutter or usual)
        rows = sorted(page.rows, key=lambda r: r["top"])  # stable: row order kept
        r = 0
        for piece in pieces:
            while r < len(rows) and rows[r]["top"] <= piece.line.top and piece.region == "full":
                ordered.append(("row", rows[r]["cells"]))
                r += 1
            ordered.append(("line", piece))
        ordered += [("row", row["cells"]) for row in rows[r:]]
    margins = _margins([item for kind, item in ordered if kind == "line"])

    paragraphs: list[str | list[str]] = []
    run: list[tuple[Line, float]] = []

    def flush() -> None:
        for text in rf.reflow_mixed(run):
            text = _CJK_SPACE.sub("", text)
            if text:
                paragraphs.append(text)
        run.clear()

    for kind, item in ordered:
        if kind == "row":
            flush()
            if any(c.strip() for c in item):
                paragraphs.append(list(item))
            continue
        piece: _Piece = item
        left, right, em = margins[piece.region]
        line = piece.line
        run.append((Line(line.text, (line.x0 - left) / em, (line.x1 - left) / em),
                    (right - left) / em))
    flush()

    blocks: list[Block] = []
    pos = 0
    for para in paragraphs:
        if isinstance(para, list):
            text = " ".join(c for c in para if c)
            blocks.append(Block(text, pos, pos + len(text), kind="table_row", cells=tuple(para)))
        else:
            blocks.append(Block(para, pos, pos + len(para)))
        pos += len(blocks[-1].text) + 1
    return blocks
