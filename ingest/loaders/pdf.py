"""PDF (pdfplumber): the text layer in reading order, lines re-joined into paragraphs,
page furniture removed, tables as rows.

- A line continues the paragraph above when it is not indented and the line above ran
  to the right margin; headings, indented first lines and lines after a short line
  start new paragraphs. Spaces some producers put between Chinese and digits go.
- Page numbers (— 1 —, -1-, 第1页, 1/10) and running headers/footers (the same text at
  the top or bottom of most pages) are dropped.
- Tables found by pdfplumber become ``table_row`` blocks with their cells; the text
  inside them is not read twice.
- No text layer (a scan) or an encrypted file is refused with a clear message.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from statistics import median

from ..errors import EncryptedDocument, NoTextLayer, UnsupportedFormat
from ..records import Block

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页(?:\s*[，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$"
)
_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|[(（][一二三四五六七八九十百]+[)）]|\d{1,3}[.．、](?!\d)|"
    r"[(（]\d{1,3}[)）]|[\u2460-\u2473]|第[一二三四五六七八九十百零〇]+[章节条])"
)
# "18 号", "2023 年": spaces some producers put between Chinese and digits.
_CJK_SPACE = re.compile(
    r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \t]+(?=\d)|(?<=\d)[ \t]+(?=[\u3000-\u9fff\uff00-\uffef])"
)
_SENTENCE_END = "。；;！!？?：:"


def _encrypted(pdf) -> bool:
    return bool(getattr(pdf.doc, "encryption", None))


def load(data: bytes, source: str) -> list[Block]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    broken = (PDFSyntaxError, PSException, PdfminerException, ValueError, KeyError, TypeError,
              AttributeError, IndexError, EOFError)

    def refuse(exc: Exception):
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            return EncryptedDocument(source)
        return UnsupportedFormat(source, " (a damaged or truncated PDF)")

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError, *broken) as exc:
        raise refuse(exc) from exc
    with pdf:
        if _encrypted(pdf):
            raise EncryptedDocument(source)
        try:
            pages = [_read_page(page) for page in pdf.pages]
        except broken as exc:
            raise refuse(exc) from exc
    if sum(len(line["text"]) for lines, _ in pages for line in lines) < 10 and not any(
        rows for _, rows in pages
    ):
        raise NoTextLayer(source)
    return _blocks(pages)


def _read_page(page):
    """(text lines outside tables, table rows) of one page, each with its position."""
    # Tables need ruling lines; a page of running text has none, and skips the search.
    tables = page.find_tables() if (page.rects or page.lines or page.edges) else []
    boxes = [t.bbox for t in tables]
    lines = []
    for line in page.extract_text_lines(return_chars=True):
        cx = (line["x0"] + line["x1"]) / 2
        cy = (line["top"] + line["bottom"]) / 2
        if any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes):
            continue
        sizes = [c["size"] for c in line["chars"] if c["text"].strip()]
        lines.append({"text": line["text"], "x0": line["x0"], "x1": line["x1"],
                      "top": line["top"], "bottom": line["bottom"],
                      "size": median(sizes) if sizes else 10.0,
                      "height": page.height})
    rows = []
    for table in tables:
        for row in table.extract():
            rows.append({"cells": [(c or "").replace("\n", "") for c in row],
                         "top": table.bbox[1]})
    return lines, rows


def _furniture(pages) -> set[str]:
    """Texts at the top or bottom of most pages: running headers and footers."""
    if len(pages) < 2:
        return set()
    seen: Counter = Counter()
    for lines, _ in pages:
        edge = {ln["text"].strip() for ln in lines
                if ln["top"] < 0.1 * ln["height"] or ln["bottom"] > 0.9 * ln["height"]}
        seen.update(edge)
    return {text for text, n in seen.items() if n >= max(2, len(pages) // 2)}


def _blocks(pages) -> list[Block]:
    furniture = _furniture(pages)
    body = [ln for lines, _ in pages for ln in lines
            if ln["text"].strip() not in furniture and not _PAGE_NUMBER.match(ln["text"].strip())]
    if body:
        # Margins from the body text: continuation lines start at the left margin (first
        # lines are indented two characters) and full lines reach the right margin.
        char = median(ln["size"] for ln in body)
        x0s = sorted(ln["x0"] for ln in body)
        left = x0s[int(0.1 * (len(x0s) - 1))]
        right = sorted(ln["x1"] for ln in body)[int(0.9 * (len(body) - 1))]
    else:
        char, left, right = 10.0, 0.0, 0.0
    paragraphs: list[str | list[str]] = []
    previous = None
    for lines, rows in pages:
        items = [("line", ln["top"], ln) for ln in lines] + [("row", r["top"] + i * 1e-3, r)
                                                       for i, r in enumerate(rows)]
        for kind, _, item in sorted(items, key=lambda x: x[1]):
            if kind == "row":
                if any(c.strip() for c in item["cells"]):
                    paragraphs.append(item["cells"])
                previous = None
                continue
            text = item["text"].strip()
            if not text or text in furniture or _PAGE_NUMBER.match(text):
                continue
            text = _CJK_SPACE.sub("", text)
            starts_new = (
                previous is None
                or not isinstance(paragraphs[-1], str)
                or item["x0"] > left + 0.8 * char  # indented first line, heading, centred
                or previous["x1"] < right - 1.5 * char  # the line above ended short
                or bool(_MARKER.match(text))
            )
            if starts_new:
                paragraphs.append(text)
            else:
                paragraphs[-1] += text
            previous = item
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
