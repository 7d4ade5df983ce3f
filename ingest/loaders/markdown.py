"""Markdown (.md): rendered to HTML with markdown-it-py (CommonMark, tables, raw HTML
kept), then read as a web page. Emphasis, code spans, links and list marks are the
page's markup, not its text: a heading written **一、总体要求** is the heading 一、总体要求,
and the ``---`` under a crawler's metadata lines is a rule, not a line of the document.

Markdown joins the lines of a paragraph. A page whose lines are its paragraphs (one
line each, no blank lines between, as converters and crawlers write them) keeps them
apart: unless the text is hard-wrapped at a measure, a line break is a break.
"""

from __future__ import annotations

import html as entities
import re
from dataclasses import replace

from markdown_it import MarkdownIt

from ..records import Block
from . import html
from .decode import decode
from .text import hard_wrapped

# Pandoc's attributes after a heading: ## 第一章　总则{align="center"}
_HEADING_ATTRIBUTES = re.compile(r"^(#{1,6}[ \t].*?)[ \t]*\{[^{}\n]*=[^{}\n]*\}[ \t]*$", re.MULTILINE)


def render(text: str) -> str:
    """The page as HTML."""
    text = _HEADING_ATTRIBUTES.sub(r"\1", text.replace("\r\n", "\n"))
    wrapped = hard_wrapped(text.splitlines()) is not None
    parser = MarkdownIt("commonmark", {"html": True, "breaks": not wrapped}).enable("table")
    return parser.render(text)


# the page's first element a level-1 heading: the document's title (# 某市扬尘污染防治条例)
_TITLE = re.compile(r"\A\s*<h1>(.*?)</h1>\n", re.DOTALL)


def load(data: bytes, source: str) -> list[Block]:
    page = render(decode(data, source))
    title = _TITLE.match(page)
    blocks = html.load(('<meta charset="utf-8">' + page[title.end() if title else 0:]).encode(
        "utf-8"), source)
    if title is None:
        return blocks
    text = html.clean(entities.unescape(re.sub(r"<[^>]+>", "", title.group(1))))
    if not text:
        return blocks
    line = f"标题：{text}"
    shift = len(line) + 1
    return [Block(line, 0, len(line), kind="meta", label="标题")] + [
        replace(b, start=b.start + shift, end=b.end + shift) for b in blocks]
