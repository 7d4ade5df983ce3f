"""Blocks -> heading tree -> clauses.

Markers (full-width and half-width alike): 第一章 / 第一节 / 第一条 / 一、 / (一) /
1. 1． 1、 / (1) / ①. The nesting is learnt from the order in which marker kinds
appear, so both 一、>(一)>1.>(1) plans and 第X章>第X条>(一) regulations work.

A clause is the smallest numbered unit that carries content. A numbered unit whose
paragraphs close with several unit notes becomes several clauses (seq 1, 2 …),
one per note-closed group. Spans are offsets into the document text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .lazyre import lazy_compile
from .notes import find_note, inline_notes, inner, is_note_paragraph
from .records import Block
from .tables import COLUMNS, SECTION_ROW, split_cells, task_rows, unflatten

_CN = "[一二三四五六七八九十百零〇]+"
_ARABIC = r"\d(?: ?\d){0,2}"  # 第19条, 第 1 0 条
MARKERS: tuple[tuple[str, re.Pattern], ...] = (
    # (第 1 3 条, 二 、: a county's text copied out of a PDF spaces the marker out)
    ("chapter", lazy_compile(rf"^第\s?({_CN}|{_ARABIC})\s?章\s*")),
    ("section", lazy_compile(rf"^第\s?({_CN}|{_ARABIC})\s?节\s*")),
    ("article", lazy_compile(rf"^第\s?({_CN}|{_ARABIC})\s?条\s*")),
    ("cn", lazy_compile(rf"^({_CN}) ?[、，．.]\s*")),
    ("pcn", lazy_compile(rf"^[(（]({_CN})[)）]\s*")),
    # Decimal outline numbering of 预案 and technical plans: 2.1 / 2.1.3 (checked before
    # plain numbers; the depth decides the kind, so 2 > 2.1 > 2.1.3 nest).
    ("dec4", lazy_compile(r"^(\d{1,2}\.\d{1,2}\.\d{1,2}\.\d{1,2})(?![.\d%％])[\s\u3000]*")),
    ("dec3", lazy_compile(r"^(\d{1,2}\.\d{1,2}\.\d{1,2})(?![.\d%％])[\s\u3000]*")),
    ("dec2", lazy_compile(r"^(\d{1,2}\.\d{1,2})(?![.\d%％万亿千百个家])[\s\u3000]+")),
    ("num", lazy_compile(r"^(\d{1,3})(?:[、．.﹒](?!\d)|[\s\u3000]+)\s*")),  # (﹒: 1﹒推进…)
    ("pnum", lazy_compile(r"^[(（](\d{1,3})[)）]\s*")),
    ("circle", lazy_compile(r"^([\u2460-\u2473\u3251-\u325f])\s*")),
)
_HEADING_MAX = 40


def _by_first_character() -> dict[str, tuple[tuple[str, re.Pattern], ...]]:
    """The MARKERS that can match text starting with a character, in MARKERS order
    (those starting with a decimal digit: _DIGITS)."""
    kinds = {"第": ("chapter", "section", "article"), "(": ("pcn", "pnum"), "（": ("pcn", "pnum")}
    kinds.update(dict.fromkeys(_CN[1:-2], ("cn",)))
    kinds.update(dict.fromkeys(map(chr, (*range(0x2460, 0x2474), *range(0x3251, 0x3260))),
                               ("circle",)))
    patterns = dict(MARKERS)
    return {first: tuple((kind, patterns[kind]) for kind in names)
            for first, names in kinds.items()}


_STARTING = _by_first_character()
_DIGITS = tuple((kind, dict(MARKERS)[kind]) for kind in ("dec4", "dec3", "dec2", "num"))


def match_marker(text: str) -> tuple[str, str, int] | None:
    """(kind, normalised marker, length of the marker as written) or None."""
    first = text[:1]
    for kind, pattern in _DIGITS if first.isdecimal() else _STARTING.get(first, ()):
        match = pattern.match(text)
        if match:
            core = match.group(1).replace(" ", "")
            if kind == "chapter":
                marker = f"第{core}章"
            elif kind == "section":
                marker = f"第{core}节"
            elif kind == "article":
                marker = f"第{core}条"
            elif kind in ("pcn", "pnum"):
                marker = f"({core})"
            else:
                marker = core
            return kind, marker, match.end()
    return None


@dataclass
class Node:
    kind: str
    marker: str
    path: tuple[str, ...]
    blocks: list[Block] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)
    marker_len: int = 0
    heading: str = ""
    plan: str = ""  # the title of the plan it belongs to, in a notice issuing several

    @property
    def own_text_beyond_heading(self) -> bool:
        if not self.blocks:
            return False
        first = self.blocks[0].text[self.marker_len:]
        note = find_note(first)
        if note:
            first = first[: note[0]]
        first = re.sub(r"\s+", "", first)
        rest = first[len(self.heading):].lstrip("。:：．.")
        return bool(rest) or len(self.blocks) > 1


@dataclass(frozen=True)
class RawClause:
    """A clause before extraction: where it is and what it says."""

    path: tuple[str, ...]
    seq: int
    heading: str
    start: int
    end: int
    paragraphs: tuple[Block, ...]
    section: tuple[str, ...]
    kind: str = "clause"
    inherited_note: str = ""  # a parent's note that scopes down to this clause
    parent_text: tuple[str, ...] = ()  # the own text of enclosing sections, nearest first
    has_children: bool = False  # numbered items follow under this clause
    table_note: str = ""  # for a task-table row: 牵头单位：…；配合单位：… from its columns
    deadline: str = ""  # for a task-table row: its 完成时限 cell


# 地方政府可根据区域创新发展需要，综合采取以下政策措施，支持…。: no title but a sentence
# introducing the items below (a comma, then 以下/如下)
_LEAD_IN = lazy_compile(r"[，,][^。]*(?:以下|如下)")


def _heading(text: str, kind: str, has_more: bool) -> str:
    """The heading sentence after a marker: 加速推进科技成果转化 from
    "加速推进科技成果转化。完善…". Empty when the first sentence is all there is."""
    if kind == "article":
        return ""
    if kind in ("chapter", "section"):
        return re.sub(r"\s+", "", text)
    note = find_note(text)
    if note:
        text = text[: note[0]]
    cut = text.find("。")
    if cut >= 0:
        sentence = text[:cut]
        if _LEAD_IN.search(sentence):
            return ""  # a sentence that says who does the items below is a clause of its own
        rest = text[cut + 1 :].strip()
        if len(sentence) <= _HEADING_MAX and (rest or has_more):
            return sentence
        return ""
    if len(text) <= _HEADING_MAX:
        return text.rstrip("：: ")
    return ""


# the title of a further plan a notice issues, on a line of its own before the plan's
# 一、: short, no sentence punctuation, ending in a kind of document
_PLAN_TITLE = lazy_compile(r"^[^。，,；;：:！？?（(]{4,40}(?:方案|计划|办法|意见|规定|细则|规划|措施|要点|指南)"
                           r"(?:[（(][\d—－\-~～至年]{4,14}[）)])?$")  # (…行动计划（2021-2023年）)


def _next_plan(blocks: list[Block], k: int) -> bool:
    """Whether block ``k`` is the title of a further plan: a plan's title, then at most two
    paragraphs without a number, then 一、."""
    if not _PLAN_TITLE.match(blocks[k].text.strip()):
        return False
    for following in blocks[k + 1: k + 4]:
        found = match_marker(following.text)
        if found is not None:
            return found[:2] == ("cn", "一")
    return False


_STRUCTURE = {"chapter": 0, "section": 1, "article": 2}  # a regulation's fixed nesting


def build_tree(blocks: list[Block]) -> Node:
    root = Node(kind="root", marker="", path=())
    stack: list[Node] = [root]
    for k, block in enumerate(blocks):
        found = match_marker(block.text)
        if found is None:
            if len(stack) > 1 and _next_plan(blocks, k):
                # 甲省便民服务专项行动方案 / (为…，制定本方案。) / 一、…: the next plan begins;
                # its title is no text of the last item of the plan before, and its
                # opening paragraphs are a part of their own, before its 一、
                node = Node(kind="plan", marker="", path=(), plan=block.text.strip())
                root.children.append(node)
                del stack[1:]
                stack.append(node)
                continue
            stack[-1].blocks.append(block)
            continue
        kind, marker, length = found
        kinds = [n.kind for n in stack]
        if kind in kinds:
            del stack[kinds.index(kind):]
        elif kind in _STRUCTURE:
            # 第一章 after 第三条 (the first chapter's articles written before any chapter
            # marker, under a 总则 without a number): a chapter is never an article's part
            below = [i for i, k in enumerate(kinds) if _STRUCTURE.get(k, -1) > _STRUCTURE[kind]]
            if below:
                del stack[below[0]:]
        parent = stack[-1]
        node = Node(kind=kind, marker=marker, path=parent.path + (marker,), marker_len=length)
        node.blocks.append(block)
        parent.children.append(node)
        stack.append(node)

    def set_headings(node: Node) -> None:
        for child in node.children:
            if child.kind == "plan":  # (its heading is the plan's title: its section)
                set_headings(child)
                continue
            has_more = len(child.blocks) > 1 or bool(child.children)
            child.heading = _heading(child.blocks[0].text[child.marker_len:], child.kind, has_more)
            set_headings(child)

    set_headings(root)
    return root


def _pieces(block: Block) -> list[Block]:
    """Cut a paragraph after each note that closes a run of sentences inside it."""
    pieces: list[Block] = []
    cut = 0
    for _, end in inline_notes(block.text):
        tail = block.text[end:]
        stripped = len(tail) - len(tail.lstrip("。.；; \u3000"))
        end += stripped
        if end >= len(block.text):
            break
        pieces.append(replace(block, text=block.text[cut:end], start=block.start + cut,
                              end=block.start + end))
        cut = end
    # the rest of the paragraph (all of it, the block as it is, when nothing was cut)
    pieces.append(replace(block, text=block.text[cut:], start=block.start + cut) if cut else block)
    return pieces


# (a task table's deadline column, as a label: 完成时限：持续推进)
_DEADLINE_LINE = lazy_compile(rf"^(?:{COLUMNS['deadline'].pattern}|时间节点)\s*[:：]")


def _groups(blocks: list[Block]) -> list[list[Block]]:
    """Split paragraphs after each one closed by a unit note (a note paragraph of its
    own belongs to the paragraph before it)."""
    groups: list[list[Block]] = [[]]
    for block in (piece for b in blocks for piece in _pieces(b)):
        if groups[-1] == [] and len(groups) > 1 and (
                is_note_paragraph(block.text) or _DEADLINE_LINE.match(block.text)
                and len(block.text) <= 60 and is_note_paragraph(groups[-2][-1].text)):
            # (a task table flattened into lines: 牵头部门：X / 参与部门：Y / 完成时限：Z)
            groups[-2].append(block)
            continue
        groups[-1].append(block)
        if find_note(block.text) or is_note_paragraph(block.text):
            groups.append([])
    return [g for g in groups if g]


def _split_tables(blocks: list[Block]) -> tuple[list[Block], list[RawClause]]:
    """Take task-division tables out of the running text; one clause per row. Other
    tables stay in the text as lines."""
    blocks = unflatten(split_cells(blocks))
    text_blocks: list[Block] = []
    table_clauses: list[RawClause] = []
    run: list[Block] = []
    caption = ""
    count = 0

    def flush() -> None:
        nonlocal count
        if not run:
            return
        rows = task_rows(run)
        if rows is None:
            text_blocks.extend(run)
        else:
            if caption and text_blocks and text_blocks[-1].text == caption:
                text_blocks.pop()  # the table's caption names the table, it is no clause text
            count += 1
            marker = f"表{count}"
            for row in rows:
                table_clauses.append(RawClause(
                    path=(marker, f"第{row.seq}项"), seq=1, heading=row.task or row.measure,
                    start=row.blocks[0].start, end=row.blocks[-1].end, paragraphs=row.blocks,
                    section=tuple(s for s in (caption, row.section) if s), kind="table_row",
                    table_note=row.note, deadline=row.deadline))
        run.clear()

    for k, block in enumerate(blocks):
        if block.kind == "table_row" and block.cells:
            run.append(block)
            continue
        following = blocks[k + 1] if k + 1 < len(blocks) else None
        if run and following is not None and following.kind == "table_row" and \
                SECTION_ROW.match(block.text) and len(block.text) <= 40:
            # 一、优化营商环境: a section row spanning the table (a one-cell row)
            run.append(replace(block, kind="table_row", cells=(block.text,)))
            continue
        flush()
        text_blocks.append(block)
        caption = block.text if len(block.text) <= 40 else ""
    flush()
    return text_blocks, table_clauses


_OPENS, _CLOSES = "(（", ")）"
_BROKEN_NOTE = 40  # characters of an unclosed note a page break may leave at a paragraph's end


def _open_tail(text: str) -> bool:
    """Whether ``text`` ends inside a bracket opened in its last characters: …（牵头部."""
    tail = text[-_BROKEN_NOTE:]
    depth = 0
    for ch in reversed(tail):
        if ch in _CLOSES:
            depth += 1
        elif ch in _OPENS:
            if depth == 0:
                return True
            depth -= 1
    return False


def _join_broken_notes(blocks: list[Block]) -> list[Block]:
    """A note a page break cut in two paragraphs (…（牵头部 / 门：市交通委、市水务局）) joined
    back: the paragraph ends inside a bracket it opened, and the next one closes it before
    it opens another or ends a sentence."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "line" and block.kind == "line" \
                and _open_tail(prev.text):
            close = next((i for i, ch in enumerate(block.text[:_BROKEN_NOTE * 8])
                          if ch in _OPENS + _CLOSES + "。"), None)
            if close is not None and block.text[close] in _CLOSES and find_note(
                    prev.text + block.text[: close + 1]):
                # (the break stays in the text, which is the document's between the two
                # offsets; the note's words are read without it)
                gap = "\n" * max(block.start - prev.end, 0)
                out[-1] = replace(prev, text=prev.text + gap + block.text, end=block.end)
                continue
        out.append(block)
    return out


def clauses(blocks: list[Block]) -> tuple[list[RawClause], list[tuple[tuple[str, ...], str]]]:
    """Segment body blocks. Returns (clauses, outline of every numbered section)."""
    blocks, table_clauses = _split_tables(_join_broken_notes(blocks))
    root = build_tree(blocks)
    out: list[RawClause] = []
    outline: list[tuple[tuple[str, ...], str]] = []

    if root.blocks:
        out.append(
            RawClause(
                path=(), seq=1, heading="", start=root.blocks[0].start,
                end=root.blocks[-1].end, paragraphs=tuple(root.blocks), section=(),
                kind="preamble",
            )
        )

    def visit(node: Node, section: tuple[str, ...], parent_note: str,
              parent_text: tuple[str, ...] = ()) -> None:
        outline.append((node.path, node.heading))
        own_note = ""
        if node.children and node.blocks:
            hit = find_note(node.blocks[-1].text)
            if hit:
                own_note = inner(node.blocks[-1].text, hit)
        is_clause = not node.children or node.own_text_beyond_heading
        if is_clause and node.blocks:
            groups = _groups(node.blocks) if not node.children else [node.blocks]
            for seq, group in enumerate(groups, start=1):
                out.append(
                    RawClause(
                        path=node.path,
                        seq=seq if len(groups) > 1 else 1,
                        heading=node.heading if seq == 1 else "",
                        start=group[0].start,
                        end=group[-1].end,
                        paragraphs=tuple(group),
                        section=section,
                        inherited_note=parent_note,
                        parent_text=parent_text,
                        has_children=bool(node.children),
                    )
                )
        child_section = section + ((node.heading,) if node.heading else ())
        own_text = " ".join(b.text for b in node.blocks) if node.children else ""
        for child in node.children:
            visit(child, child_section, own_note or parent_note,
                  ((own_text,) if own_text else ()) + parent_text)

    for child in root.children:
        visit(child, (child.plan,) if child.plan else (), "")
    if table_clauses:
        out = sorted(out + table_clauses, key=lambda c: c.start)
    out = _split_closing(_drop_contents(out), {c.plan for c in root.children if c.plan})
    return out, outline


# what closes a document (or one of the plans a notice issues) after its last item: 本办法
# 自2017年1月1日起施行, 本政策自2021年开始执行，由省经济和信息化厅负责解释
_CLOSING = lazy_compile(r"^本(?:办法|措施|方案|意见|规定|细则|通知|条例|规划|计划|政策|实施细则|若干措施)"
                        r"(?:自|从|由|有效期|未尽事宜|施行|执行|印发)")


def _split_closing(out: list[RawClause], plans: set[str]) -> list[RawClause]:
    """The closing paragraphs after the last item of a top-level part (a document's last,
    a plan's, the one before an attachment) are the document's, or the plan's among the
    further ``plans`` a notice issues (by title), not that item's: a clause of their own,
    kind "closing"."""
    def plan_of(c: RawClause) -> tuple[str, ...]:
        return c.section[:1] if c.section[:1] and c.section[0] in plans else ()

    result: list[RawClause] = []
    for k, c in enumerate(out):
        after = out[k + 1] if k + 1 < len(out) else None
        last = after is None or after.section[:1] != c.section[:1]
        # (the item's own paragraphs come first; a later paragraph of the item, or all of
        # a second part of it, 二、…#2, may close the document)
        at = next((i for i, b in enumerate(c.paragraphs) if (i or c.seq > 1)
                   and _CLOSING.match(b.text.strip())), None) \
            if last and c.kind == "clause" and c.path else None
        if at is None:
            result.append(c)
            continue
        own, closing = c.paragraphs[:at], c.paragraphs[at:]
        if own:
            result.append(replace(c, end=own[-1].end, paragraphs=own))
        result.append(RawClause(path=(), seq=1, heading="", start=closing[0].start,
                                end=closing[-1].end, paragraphs=closing, section=plan_of(c),
                                kind="closing"))
    return result


def _drop_contents(out: list[RawClause]) -> list[RawClause]:
    """A table of contents (目录) repeats the headings before the body: a run of clauses
    that are nothing but a heading, whose paths come again later. Drop the first run."""
    seen: dict[tuple, int] = {}
    repeated: set[int] = set()
    for k, c in enumerate(out):
        key = (c.path, c.seq)
        if key in seen and c.path:
            repeated.add(seen[key])
        else:
            seen[key] = k
    if len(repeated) < 3:
        return out
    def heading_only(c: RawClause) -> bool:
        words = re.sub(r"[\s\u3000]", "", " ".join(b.text for b in c.paragraphs))
        return len(words) <= _HEADING_MAX + 8 and not re.search(r"[。；;，,]", words)
    drop = {k for k in repeated if heading_only(out[k])}
    return [c for k, c in enumerate(out) if k not in drop]
