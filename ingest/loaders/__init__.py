"""Loaders: bytes of one document -> blocks of text with layout hints.

Every format module exposes ``load(data: bytes, source: str) -> list[Block]``;
``load`` here sniffs the format and returns the one it used, so callers never guess.
Word .doc, WPS .wps, .odt and RTF go through LibreOffice to the .docx loader (office);
OFD is read with ofdkit (ofd); a PDF without a text layer is OCR'd (ocr), and
``ocr_used(blocks)`` tells whether a document's text came from OCR.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import PurePath

from ..errors import BinaryFile, EmptyDocument, EncryptedDocument, UnsupportedFormat
from ..records import Block
from . import docx, html, markdown, ocr, ofd, office, pdf, text
from .ocr import ocr_used  # noqa: F401  (re-exported: did this document come from OCR?)

FORMATS = ("text", "markdown", "html", "pdf", "docx", "doc", "wps", "odt", "rtf", "ofd")
_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".htm": "html",
    ".html": "html",
    ".shtml": "html",
    ".xhtml": "html",
    # pages saved from a portal keep its server's suffix (content.jsp, index.aspx)
    ".jsp": "html",
    ".asp": "html",
    ".aspx": "html",
    ".php": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".doc": "doc",
    ".dot": "doc",
    ".wps": "wps",
    ".wpt": "wps",
    ".odt": "odt",
    ".ott": "odt",
    ".rtf": "rtf",
    ".ofd": "ofd",
}
_BINARY = {"pdf": "PDF", "docx": "Word .docx", "doc": "Word .doc", "wps": "WPS .wps",
           "odt": "OpenDocument .odt", "ofd": "OFD"}
# OLE2 directory entries are UTF-16 names.
_OLE_WORD = "WordDocument".encode("utf-16-le")
_OLE_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_OLE_OTHER = (("Workbook".encode("utf-16-le"), "an Excel .xls workbook"),
              ("PowerPoint Document".encode("utf-16-le"), "a PowerPoint .ppt file"))
_ODF = b"mimetypeapplication/vnd.oasis.opendocument."
_ODF_KINDS = {"text": None, "text-template": None,
              "spreadsheet": "an OpenDocument spreadsheet (.ods)",
              "presentation": "an OpenDocument presentation (.odp)"}
_ZIP_OTHER = (("xl/", "an Excel .xlsx workbook"), ("ppt/", "a PowerPoint .pptx file"))


def _zip_format(data: bytes, source: str, suffix: str) -> str:
    """docx, odt or ofd for a zip archive; the others are refused by name."""
    import io
    import zipfile

    mimetype = b""
    if _ODF in data[:4096]:  # the mimetype entry comes first, stored uncompressed
        mimetype = data[data.index(_ODF) + len("mimetype"):][:80]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if not mimetype and "mimetype" in names and "content.xml" in names:
                mimetype = archive.read("mimetype")[:80]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError):
        names = []
    if mimetype.startswith(_ODF[len("mimetype"):]):
        kind = re.match(rb"[a-z-]*", mimetype[len(_ODF) - len("mimetype"):]).group().decode()
        if kind in ("text", "text-template"):
            return "odt"
        what = _ODF_KINDS.get(kind) or f"an OpenDocument {kind or 'file'}"
        raise UnsupportedFormat(source, f" ({what}, not a text document)")
    if any(n.lstrip("/").lower() == "ofd.xml" for n in names):
        return "ofd"
    if suffix == ".docx" or any(n.startswith("word/") for n in names) or b"word/" in data[:65536]:
        return "docx"
    for prefix, what in _ZIP_OTHER:
        if any(n.startswith(prefix) for n in names):
            raise UnsupportedFormat(source, f" ({what}, not a text document)")
    if suffix == ".ofd":
        return "ofd"  # a damaged OFD: the loader says so
    if suffix == ".odt":
        return "odt"
    raise UnsupportedFormat(
        source, " (a zip archive, not a document; unpack it and add the documents inside)")


def _ole_format(data: bytes, source: str, suffix: str) -> str:
    """doc or wps for an OLE2 compound file; encrypted .docx and Excel/PowerPoint refused."""
    if _OLE_ENCRYPTED in data:
        raise EncryptedDocument(source)  # Office wraps a password-protected .docx in OLE2
    if _OLE_WORD in data:
        return "wps" if suffix in (".wps", ".wpt") else "doc"
    for name, what in _OLE_OTHER:
        if name in data:
            raise UnsupportedFormat(source, f" ({what}, not a text document)")
    if suffix == ".docx":  # no stream names readable: most likely a protected .docx
        raise EncryptedDocument(source)
    raise UnsupportedFormat(
        source, " (an old binary Word/Excel file that is damaged or of an unknown kind)")


def sniff(data: bytes, source: str) -> str:
    """Decide the format from the content first, the file name second."""
    head = data[:2048]
    suffix = PurePath(source).suffix.lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(data, source, suffix)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return _ole_format(data, source, suffix)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    by_name = _EXTENSIONS.get(suffix)
    if by_name in _BINARY:
        if by_name in ("doc", "wps") and _looks_html(head):
            return "html"  # a web page saved under a Word name, as portals often serve
        # The name promises a binary format the bytes do not have.
        raise UnsupportedFormat(
            source, f" (named {suffix} but the content is not a {_BINARY[by_name]} file)")
    if by_name == "rtf":
        raise UnsupportedFormat(source, f" (named {suffix} but the content is not an RTF file)")
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"II*\x00", b"MM\x00*")):
        raise UnsupportedFormat(source, " (an image; run OCR on it and add the text)")
    if suffix and by_name is None:
        raise UnsupportedFormat(source, f" ({suffix} files are not read)")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BinaryFile(source)
    if by_name == "markdown":
        return "markdown"  # HTML inside a Markdown page is the page's markup too
    if by_name == "html" or _looks_html(head):
        return "html"
    return "text"


def _looks_html(head: bytes) -> bool:
    lowered = head.lower()
    return any(
        tag in lowered for tag in (b"<html", b"<!doctype html", b"<body", b"<div", b"<p>", b"<p ")
    )


# YAML front matter of a Markdown page (a law collection's site generator):
# ---\ntitle: 广东省机动车排气污染防治条例\ndate: 2020-09-29\nauthor: …\n---
_FRONT_MATTER = re.compile(rb"\A(?:\xef\xbb\xbf)?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FRONT_KEYS = {"title": "标题", "date": "发布日期", "author": "发文机关"}


def front_matter(data: bytes) -> tuple[list[tuple[str, str]], bytes]:
    """The metadata of a page's YAML front matter as (label, value) — title, date and
    author as 标题, 发布日期 and 发文机关, a crawler's Chinese keys (文号, 发布单位 …) as a
    portal's information panel names them, any other key as itself — and the page
    without it."""
    match = _FRONT_MATTER.match(data[:8192])
    if match is None:
        return [], data
    fields = []
    for line in match.group(1).decode("utf-8", "replace").splitlines():
        key, _, value = line.partition(":")
        key = key.strip()
        label = _FRONT_KEYS.get(key.lower()) or html.META_LABELS.get(key) or (
            key if re.fullmatch(r"[\u4e00-\u9fff]{2,8}", key) else None)
        value = value.strip().strip("'\"")
        if label and value and not line.startswith((" ", "\t", "-")):
            fields.append((label, value))
    return fields, data[match.end():]


def load(data: bytes, source: str, format: str | None = None) -> tuple[str, list[Block]]:
    """Return (format used, blocks). Raises an IngestError subclass on bad input."""
    if not data or not data.strip():
        raise EmptyDocument(source, "the file is empty")
    fields, data = front_matter(data) if format in (None, "text", "markdown", "html") else (
        [], data)
    if fields:
        if not data.strip():
            raise EmptyDocument(source, "the file holds only its front matter")
        fmt, blocks = load(data, source, format)
        meta, pos = [], 0
        for label, value in fields:
            line = f"{label}：{value}"
            meta.append(Block(line, pos, pos + len(line), kind="meta", label=label))
            pos += len(line) + 1
        return fmt, meta + [replace(b, start=b.start + pos, end=b.end + pos) for b in blocks]
    fmt = format or sniff(data, source)
    if fmt == "text":
        blocks = text.load(data, source)
    elif fmt == "markdown":
        blocks = markdown.load(data, source)
    elif fmt == "html":
        blocks = html.load(data, source)
    elif fmt == "pdf":
        blocks = ocr.repair_text_layer(pdf.load(data, source), data)
    elif fmt == "docx":
        blocks = docx.load(data, source)
    elif fmt in office.KINDS:
        blocks = office.load(data, source, fmt)
    elif fmt == "ofd":
        blocks = ofd.load(data, source)
    else:
        raise UnsupportedFormat(source, f" (unknown format {fmt!r})")
    if not blocks:
        raise EmptyDocument(source)
    return fmt, blocks
