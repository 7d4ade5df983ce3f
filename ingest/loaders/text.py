"""Plain text: one block per non-empty line."""

from __future__ import annotations

from ..records import Block
from .decode import decode

_STRIP = " \t\u3000\u00a0\ufeff\r"


def lines_to_blocks(lines, kind: str = "line") -> list[Block]:
    """Strip each line and lay the non-empty ones end to end, '\\n'-separated.

    Spans refer to that joined text, which becomes the document text.
    """
    blocks: list[Block] = []
    pos = 0
    for line in lines:
        line = line.strip(_STRIP)
        if not line:
            continue
        blocks.append(Block(text=line, start=pos, end=pos + len(line), kind=kind))
        pos += len(line) + 1
    return blocks


def load(data: bytes, source: str) -> list[Block]:
    return lines_to_blocks(decode(data, source).splitlines())
