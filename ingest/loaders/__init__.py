"""Loaders: bytes of one document -> blocks of text with layout hints.

Every format module exposes ``load(data: bytes, source: str) -> list[Block]``;
``load`` here sniffs the format and returns the one it used, so callers never guess.
"""

from __future__ import annotations

from pathlib import PurePath

from ..errors import BinaryFile, EmptyDocument, EncryptedDocument, UnsupportedFormat
from ..records import Block
from . import docx, html, pdf, text

FORMATS = ("text", "html", "pdf", "docx")
_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".htm": "html",
    ".html": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}


def sniff(data: bytes, source: str) -> str:
    """Decide the format from the content first, the file name second."""
    head = data[:2048]
    suffix = PurePath(source).suffix.lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if suffix == ".docx" or b"word/" in data[:65536]:
            return "docx"
        raise UnsupportedFormat(source, " (a zip archive, not a Word .docx file)")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        if suffix == ".docx":  # Office wraps a password-protected .docx in this container
            raise EncryptedDocument(source)
        raise UnsupportedFormat(source, " (an old binary Word/Excel file; save it as .docx)")
    by_name = _EXTENSIONS.get(suffix)
    if by_name in ("pdf", "docx"):
        # The name promises a binary format the bytes do not have.
        kind = "PDF" if by_name == "pdf" else "Word .docx"
        raise UnsupportedFormat(source, f" (named {suffix} but the content is not a {kind} file)")
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"II*\x00", b"MM\x00*")):
        raise UnsupportedFormat(source, " (an image; run OCR on it and add the text)")
    if suffix and by_name is None:
        raise UnsupportedFormat(source, f" ({suffix} files are not read)")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BinaryFile(source)
    lowered = head.lower()
    if by_name == "html" or any(
        tag in lowered for tag in (b"<html", b"<!doctype html", b"<body", b"<div", b"<p>", b"<p ")
    ):
        return "html"
    return "text"


def load(data: bytes, source: str, format: str | None = None) -> tuple[str, list[Block]]:
    """Return (format used, blocks). Raises an IngestError subclass on bad input."""
    if not data or not data.strip():
        raise EmptyDocument(source, "the file is empty")
    fmt = format or sniff(data, source)
    if fmt == "text":
        blocks = text.load(data, source)
    elif fmt == "html":
        blocks = html.load(data, source)
    elif fmt == "pdf":
        blocks = pdf.load(data, source)
    elif fmt == "docx":
        blocks = docx.load(data, source)
    else:
        raise UnsupportedFormat(source, f" (unknown format {fmt!r})")
    if not blocks:
        raise EmptyDocument(source)
    return fmt, blocks
