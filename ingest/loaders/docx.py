"""Word .docx (python-docx): paragraphs and tables in document order.

Word's automatic numbering is not in the paragraph text: it is rebuilt from the
numbering definitions (numbering.xml: 一、 / （一） / 1. / (1) / ①) so headings keep
their markers. Data tables become ``table_row`` blocks (a cell's text is all of its
paragraphs in order, nested tables included; a merged cell repeats its text and is left
to the table logic). A layout table — nesting tables, one cell with text per row (a 1x1
box, a spacer column), or cells holding pages of paragraphs, as in a web page saved as
Word — is a container: its cells' paragraphs are read in document order as ordinary
blocks. Content controls (w:sdt) are read through; section columns (w:cols) need nothing,
the text order in the file is the reading order. Zip entries are checked before parsing
so a zip bomb is refused rather than unpacked.
"""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import TooLarge, UnsupportedFormat
from ..records import Block

MAX_UNPACKED = 200_000_000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN = "〇一二三四五六七八九"


def _chinese(n: int) -> str:
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n - 10] if n > 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    return str(n)


def _format(value: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional",
               "chineseLegalSimplified", "taiwaneseCounting"):
        return _chinese(value)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if fmt == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    if fmt == "bullet":
        return ""
    return str(value)


class _Numbering:
    """Counters for Word's automatic numbering, per list and level."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> fmt
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                levels[ilvl] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    text.get(f"{_W}val") if text is not None else "%1.",
                    int(start.get(f"{_W}val")) if start is not None else 1,
                )
            abstract[node.get(f"{_W}abstractNumId")] = levels
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                self.levels[num.get(f"{_W}numId")] = abstract.get(ref.get(f"{_W}val"), {})

    def label(self, paragraph) -> str:
        num_pr = _num_pr(paragraph)
        if num_pr is None:
            return ""
        num_id, ilvl = num_pr
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, [0] * 10)
        start = levels[ilvl][2]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = 0
        fmt, template, _ = levels[ilvl]

        def sub(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            if level not in levels:
                return ""
            return _format(counters[level] or levels[level][2], levels[level][0])

        return re.sub(r"%(\d)", sub, template) if fmt != "bullet" else ""


def _num_pr(paragraph) -> tuple[str, int] | None:
    p_pr = paragraph._p.pPr
    node = p_pr.numPr if p_pr is not None else None
    if node is None:
        style = paragraph.style
        while style is not None and node is None:
            style_pr = style.element.pPr
            node = style_pr.numPr if style_pr is not None else None
            style = style.base_style
    if node is None or node.numId is None:
        return None
    ilvl = node.ilvl.val if node.ilvl is not None else 0
    return str(node.numId.val), int(ilvl)


def _check_zip(data: bytes, source: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
            if total > MAX_UNPACKED:
                raise TooLarge(source, total, MAX_UNPACKED)
            if "word/document.xml" not in archive.namelist():
                raise UnsupportedFormat(source, " (a zip file without a Word document inside)")
    except zipfile.BadZipFile as exc:
        raise UnsupportedFormat(source, " (a damaged or truncated .docx)") from exc


_LAYOUT_PARAGRAPHS = 6  # a cell holding this many paragraphs is page layout, not data
_LAYOUT_CHARS = 800


def _paragraphs_in(tc) -> list:
    return [p for p in tc.iter(f"{_W}p")]


def _text_of(p) -> str:
    return "".join(t.text or "" for t in p.iter(f"{_W}t"))


def _cells(tr) -> list:
    """The cells of a row that start there (a vertically merged continuation is not)."""
    out = []
    for tc in tr.iterchildren(f"{_W}tc"):
        merge = tc.find(f"{_W}tcPr/{_W}vMerge")
        if merge is not None and merge.get(f"{_W}val", "continue") != "restart":
            continue
        out.append(tc)
    return out


def is_layout_table(tbl) -> bool:
    """A table used to place text on the page, whose cells are read as ordinary
    paragraphs: it nests tables, only one cell per row has text (a 1x1 box, a spacer
    column beside the text), or a cell holds whole pages of paragraphs. A task-division
    table (its header names the columns) is always data."""
    from ..tables import header_map

    rows = [_cells(tr) for tr in tbl.iterchildren(f"{_W}tr")]
    if not rows:
        return True
    if any(tc.find(f".//{_W}tbl") is not None for row in rows for tc in row):
        return True
    texts = [[re.sub(r"\s+", "", "".join(_text_of(p) for p in _paragraphs_in(tc))) for tc in row]
             for row in rows]
    if max(sum(1 for t in row if t) for row in texts) <= 1:
        return True
    if any(header_map(tuple(row)) is not None for row in texts[:3]):
        return False
    for row in rows:
        for tc in row:
            paras = [p for p in _paragraphs_in(tc) if _text_of(p).strip()]
            chars = sum(len(_text_of(p)) for p in paras)
            if len(paras) >= _LAYOUT_PARAGRAPHS or chars > _LAYOUT_CHARS:
                return True
    return False


def load(data: bytes, source: str) -> list[Block]:
    import docx
    from docx.text.paragraph import Paragraph

    _check_zip(data, source)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a broken package
        raise UnsupportedFormat(source, f" (a damaged .docx: {type(exc).__name__})") from exc
    numbering = _Numbering(document)
    blocks: list[Block] = []
    pos = 0

    def add(text: str, kind: str = "line", cells: tuple[str, ...] = ()) -> None:
        nonlocal pos
        text = text.strip(" \t\u3000\u00a0")
        if not text:
            return
        blocks.append(Block(text, pos, pos + len(text), kind=kind, cells=cells))
        pos += len(text) + 1

    def paragraph(p) -> None:
        para = Paragraph(p, document)
        text = para.text
        if text.strip():
            add(numbering.label(para) + text.strip(" \t\u3000\u00a0"))

    def cell_text(tc) -> str:
        """All the text of a cell in document order, nested tables included."""
        return "".join(_text_of(p) for p in _paragraphs_in(tc)).strip()

    def walk(parent, depth: int = 0) -> None:
        for child in parent.iterchildren():
            if child.tag == f"{_W}p":
                paragraph(child)
            elif child.tag == f"{_W}tbl":
                if depth < 20 and is_layout_table(child):
                    for tr in child.iterchildren(f"{_W}tr"):
                        for tc in _cells(tr):
                            walk(tc, depth + 1)  # a container: its paragraphs, in order
                    continue
                for tr in child.iterchildren(f"{_W}tr"):
                    cells = tuple(cell_text(tc) for tc in _grid_cells(tr))
                    if any(cells):
                        add(" ".join(c for c in cells if c), kind="table_row", cells=cells)
            elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml",
                               f"{_W}smartTag"):
                walk(child, depth)  # content controls wrap ordinary paragraphs and tables

    walk(document.element.body)
    return blocks


def _grid_cells(tr) -> list:
    """The cells of a row as python-docx gives them: a cell spanning n grid columns
    counts n times, a vertically merged cell repeats the cell it continues."""
    out = []
    for tc in tr.iterchildren(f"{_W}tc"):
        span = tc.find(f"{_W}tcPr/{_W}gridSpan")
        n = int(span.get(f"{_W}val", "1")) if span is not None else 1
        merge = tc.find(f"{_W}tcPr/{_W}vMerge")
        if merge is not None and merge.get(f"{_W}val", "continue") != "restart":
            origin = _merged_origin(tr, len(out))
            tc = origin if origin is not None else tc
        out.extend([tc] * max(1, n))
    return out


def _merged_origin(tr, column: int):
    """The cell a vertically merged cell continues (same grid column, rows above)."""
    tbl = tr.getparent()
    rows = list(tbl.iterchildren(f"{_W}tr"))
    for above in reversed(rows[: rows.index(tr)]):
        col = 0
        for tc in above.iterchildren(f"{_W}tc"):
            span = tc.find(f"{_W}tcPr/{_W}gridSpan")
            n = int(span.get(f"{_W}val", "1")) if span is not None else 1
            if col == column:
                merge = tc.find(f"{_W}tcPr/{_W}vMerge")
                if merge is None or merge.get(f"{_W}val", "continue") == "restart":
                    return tc
                break
            col += n
            if col > column:
                break
    return None
