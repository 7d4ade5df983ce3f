"""HTML pages from government portals: the main content without the portal chrome,
plus the metadata table that gov.cn-style pages carry (索引号, 发文机关, 成文日期 …).

Data tables become ``table_row`` blocks. Layout tables — nesting tables, one cell with
text per row (a box, a spacer column beside the text), cells full of paragraphs or line
breaks, as old portal pages are built — are containers: their cells are read in document
order as ordinary text."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..errors import BadLayout
from ..records import Block
from .decode import declared_charset, decode

_DROP = {
    "script", "style", "noscript", "iframe", "nav", "header", "footer", "form", "button",
    "select", "input", "textarea", "head", "svg", "canvas", "object", "embed", "template",
}
_BLOCK = {
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote",
    "pre", "ul", "ol", "dl", "dd", "dt", "center", "main", "aside", "figure", "tbody",
    "thead", "tfoot", "caption", "hr",
}
# Labels of the metadata table, normalised to one key each.
META_LABELS = {
    "索引号": "索引号",
    "主题分类": "主题分类",
    "发文机关": "发文机关",
    "发布机构": "发文机关",
    "发布单位": "发文机关",
    "成文日期": "成文日期",
    "标题": "标题",
    "名称": "标题",
    "发文字号": "发文字号",
    "文号": "发文字号",
    "发布日期": "发布日期",
    "主题词": "主题词",
}
_CONTENT_IDS = ("UCAP-CONTENT", "zoom", "Zoom", "js_content", "articleContent", "content")
_CONTENT_CLASSES = (
    "pages_content", "TRS_Editor", "article-content", "article_con", "wzcon", "zoom",
    "news_content", "detail-content", "content",
)
# (&emsp; &ensp; &thinsp;: the typographic spaces pages indent paragraphs with)
_SPACE = re.compile(r"[ \t\r\n\f\u00a0\u2000-\u200a\u202f\u205f]+")
# A line break in the HTML source between two Chinese characters is not a space.
_CJK_BREAK = re.compile(
    r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \t]*[\r\n]+\s*(?=[\u3000-\u9fff\uff00-\uffef])"
)


def clean(text: str) -> str:
    return _SPACE.sub(" ", _CJK_BREAK.sub("", text)).strip(" \u3000\u200b")


def _label(text: str) -> str | None:
    key = re.sub(r"[\s\u3000:：]", "", text)
    return META_LABELS.get(key)


def _read_meta(soup: BeautifulSoup) -> tuple[dict[str, str], list[Tag]]:
    """Find label cells (发文字号：) and read the value from the next cell."""
    meta: dict[str, str] = {}
    tables: list[Tag] = []
    for cell in soup.find_all(["td", "th"]):
        key = _label(cell.get_text())
        if not key or key in meta:
            continue
        value_cell = cell.find_next_sibling(["td", "th"])
        if value_cell is None:
            continue
        value = clean(value_cell.get_text(" "))
        if value and not _label(value):
            meta[key] = value
            table = cell.find_parent("table")
            if table is not None and table not in tables:
                tables.append(table)
    return meta, tables


def _text_len(tag: Tag) -> int:
    return len(re.sub(r"\s", "", tag.get_text()))


def _link_len(tag: Tag) -> int:
    return sum(len(re.sub(r"\s", "", a.get_text())) for a in tag.find_all("a"))


def _main_content(soup: BeautifulSoup) -> Tag:
    for ident in _CONTENT_IDS:
        tag = soup.find(id=ident)
        if isinstance(tag, Tag) and _text_len(tag) > 100:
            return tag
    for cls in _CONTENT_CLASSES:
        tag = soup.find(class_=cls)
        if isinstance(tag, Tag) and _text_len(tag) > 100:
            return tag
    body = soup.body or soup
    scored = []
    for tag in body.find_all(["div", "td", "article", "section", "main"]):
        score = _text_len(tag) - 2 * _link_len(tag)
        if score > 0:
            scored.append((score, tag))
    if not scored:
        return body
    best = max(score for score, _ in scored)
    if best < 0.5 * (_text_len(body) - 2 * _link_len(body)):
        return body  # the text sits in paragraphs right under <body>, not in a box
    # The deepest element that still holds nearly all of the best text.
    good = [tag for score, tag in scored if score >= 0.85 * best]
    return min(good, key=_text_len)


# A Markdown page of a law collection holds its articles as HTML and its chapter
# headings as Markdown: ## 第四章 法律责任{align="center"}
_MARKDOWN_MARKS = re.compile(r"^#{1,6}[ \t\u3000\u2003]+(?=[\u4e00-\u9fff（(第])")
_ATTRIBUTES = re.compile(r"\{[^{}]*=[^{}]*\}$")
_MARKDOWN_LINE = re.compile(r"(?:^|\n)[ \t]*#{1,6}[ \t]")


def _markdown_heading(text: str) -> str:
    """A Markdown heading's text, without its marks and attributes."""
    marks = _MARKDOWN_MARKS.match(text)
    if marks is None:
        return text
    return _ATTRIBUTES.sub("", text[marks.end():]).strip()


class _Lines:
    def __init__(self) -> None:
        self.items: list[tuple[str, tuple[str, ...]]] = []
        self.buf: list[str] = []

    def flush(self) -> None:
        text = _markdown_heading(clean("".join(self.buf)))
        self.buf = []
        if text:
            self.items.append((text, ()))

    def row(self, cells: list[str], own: list[str]) -> None:
        """A table row: ``cells`` on the table's grid (a merged cell in every column and
        row it spans), ``own`` the cells the row itself holds (its line of text)."""
        self.flush()
        if any(cells):
            self.items.append((" ".join(c for c in own if c), tuple(cells)))


_LAYOUT_BLOCKS = 6  # a cell with this many paragraphs/line breaks is page layout
_LAYOUT_CHARS = 800


def _rows(table: Tag) -> list[Tag]:
    """The rows of ``table`` itself (not of tables nested in it)."""
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _row_cells(tr: Tag) -> list[Tag]:
    return tr.find_all(["td", "th"], recursive=False)


def _span(cell: Tag, name: str) -> int:
    match = re.match(r"\s*(\d+)", str(cell.get(name) or ""))
    return min(max(int(match.group(1)), 1), 100) if match else 1


def _grid(table: Tag) -> list[tuple[list[str], list[str]]]:
    """A data table's rows on its grid, as python-docx reads a Word table: a cell
    spanning columns (colspan) counts in each, a cell spanning rows (rowspan) repeats in
    the rows below, so a column keeps its place in every row. With each row, the texts
    of the cells it holds itself."""
    out = []
    carried: dict[int, list] = {}  # column -> [text, rows still spanned]
    for tr in _rows(table):
        cells: list[str] = []
        own: list[str] = []
        for cell in _row_cells(tr):
            _take_carried(cells, carried)
            text = _cell_text(cell)
            own.append(text)
            rows = _span(cell, "rowspan")
            for _ in range(_span(cell, "colspan")):
                if rows > 1:
                    carried[len(cells)] = [text, rows - 1]
                cells.append(text)
        _take_carried(cells, carried)
        while carried and max(carried) > len(cells):  # spanned columns past the row's own
            cells.append("")
            _take_carried(cells, carried)
        out.append((cells, own))
    return out


def _cell_text(cell: Tag) -> str:
    """A cell's text, its paragraphs and lines apart by a space (<p>县委宣传部</p><p>县教育局
    </p> lists two bodies), each cleaned as running text (a line break inside a
    paragraph of Chinese source is no space)."""
    parts = cell.find_all(["p", "div", "li", "br"])
    if not parts:
        return clean(cell.get_text(" "))
    for part in parts:
        part.insert_after(_PARAGRAPH)
    pieces = (clean(piece) for piece in cell.get_text(" ").split(_PARAGRAPH))
    return " ".join(piece for piece in pieces if piece)


_PARAGRAPH = "\u2029"  # marks where a cell's paragraph or line ends, while its text is read


def _take_carried(cells: list[str], carried: dict[int, list]) -> None:
    """Fill the row's next columns that a cell of a row above spans."""
    while len(cells) in carried:
        held = carried[len(cells)]
        cells.append(held[0])
        held[1] -= 1
        if held[1] <= 0:
            del carried[len(cells) - 1]


def is_layout_table(table: Tag) -> bool:
    """A table that places text on the page rather than holding data: it nests tables,
    only one cell per row has text (a box, a spacer column beside the text), or a cell
    holds many paragraphs or line breaks. A task-division table (its header names the
    columns) is always data."""
    from ..tables import header_map

    rows = [_row_cells(tr) for tr in _rows(table)]
    if not rows or not any(rows):
        return True
    if any(cell.find("table") is not None for row in rows for cell in row):
        return True
    texts = [[re.sub(r"\s", "", c.get_text()) for c in row] for row in rows]
    if max(sum(1 for t in row if t) for row in texts) <= 1:
        return True
    if any(header_map(tuple(row)) is not None for row in texts[:3]):
        return False
    # Rows of three or more filled cells, row after row, are data even where a cell
    # lists its items on lines of their own (a 考核细则's scoring rules).
    grid = sum(1 for row in texts if sum(1 for t in row if t) >= 3)
    gridded = grid >= 4 and grid * 5 >= len(texts) * 3
    for row in rows:
        for cell in row:
            parts = len(cell.find_all(["p", "div", "br", "li"]))
            if (parts >= _LAYOUT_BLOCKS and not gridded) or len(cell.get_text()) > _LAYOUT_CHARS:
                return True
    return False


def _walk(node: Tag, out: _Lines, skip: list[Tag]) -> None:
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            string = str(child)
            if "#" in string and _MARKDOWN_LINE.search(string):
                for line in string.splitlines(keepends=True):
                    if _MARKDOWN_MARKS.match(line.strip()):
                        out.flush()  # a Markdown heading between the page's HTML: a line
                        out.buf.append(line)
                        out.flush()
                    else:
                        out.buf.append(line)
            else:
                out.buf.append(string)
            continue
        if not isinstance(child, Tag) or child.name in _DROP or child in skip:
            continue
        if child.name == "a" and re.match(r"#.", str(child.get("href") or "")):
            continue  # a link within the page: a table of contents, 返回顶部
        if child.name == "br":
            out.flush()
        elif child.name == "table" and not is_layout_table(child):
            out.flush()
            caption = child.find("caption")
            if caption is not None and caption.find_parent("table") is child:
                out.buf.append(caption.get_text(" "))  # the table's title, a line of text
                out.flush()
            for cells, own in _grid(child):
                if len(own) == 1:  # a caption row spanning the table: a line of text
                    out.buf.append(own[0])
                    out.flush()
                else:
                    out.row(cells, own)
        elif child.name in _BLOCK or child.name in ("table", "tr", "td", "th"):
            out.flush()
            _walk(child, out, skip)  # a layout table: its cells in document order
            out.flush()
        else:
            _walk(child, out, skip)


MAX_DEPTH = 400
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source",
         "track", "wbr", "param"}


def nesting_depth(text: str) -> int:
    """How deep the tags nest, from a linear scan of the raw markup (before parsing)."""
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(text):
        if name.lower() in _VOID or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def load(data: bytes, source: str) -> list[Block]:
    text = decode(data, source, declared_charset(data))
    depth = nesting_depth(text)
    if depth > MAX_DEPTH:
        raise BadLayout(source, f"the HTML nests {depth} levels deep (at most {MAX_DEPTH} are read)")
    soup = BeautifulSoup(text, "lxml")
    for tag in soup.find_all(_DROP):
        tag.decompose()
    meta, meta_tables = _read_meta(soup)
    content = _main_content(soup)
    out = _Lines()
    _walk(content, out, meta_tables)
    out.flush()
    blocks: list[Block] = []
    pos = 0
    for key, value in meta.items():
        line = f"{key}：{value}"
        blocks.append(Block(line, pos, pos + len(line), kind="meta", label=key))
        pos += len(line) + 1
    for line, cells in out.items:
        kind = "table_row" if cells else "line"
        blocks.append(Block(line, pos, pos + len(line), kind=kind, cells=cells))
        pos += len(line) + 1
    return blocks
