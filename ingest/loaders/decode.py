"""Bytes -> str for text-like formats: UTF-8 (with or without BOM), UTF-16 with BOM,
GB18030 (a superset of GBK and GB2312), and a declared charset when there is one."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter

from ..errors import BadEncoding, BinaryFile

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, source: str, declared: str | None = None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), source)
            except UnicodeDecodeError as exc:
                raise BadEncoding(source) from exc
    candidates = ["utf-8"]
    if declared:
        candidates.append(declared)
    candidates.append("gb18030")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        return _checked(text, source)
    raise BadEncoding(source)


# Characters that are never control, private-use or unassigned (printable ASCII and
# Latin-1, general punctuation, CJK symbols and ideographs, full-width forms; the tests
# check the ranges against unicodedata): a sample of nothing else has none to count.
COMMON = r"\x20-\x7e\xa0-\xff\u2010-\u2027\u2030-\u205e\u3000-\u303f\u4e00-\u9fa5\uff01-\uff5e"
_UNCOMMON = re.compile(rf"[^{COMMON}\r\n\t\f]")


def _checked(text: str, source: str) -> str:
    """Refuse text that decoded but is mostly control or unassigned characters."""
    sample = text[:20000]
    if not sample.strip() or not _UNCOMMON.search(sample):
        return text
    bad = sum(
        count
        for ch, count in Counter(sample).items()  # each distinct character once
        if (unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\r\n\t\f")
    )
    if bad / len(sample) > 0.02:
        raise BinaryFile(source)
    return text


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None
