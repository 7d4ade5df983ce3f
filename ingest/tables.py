"""Task-division tables (重点任务分工表): rows -> one clause each.

Columns are recognised from the header (序号 / 重点任务 / 具体措施 / 牵头单位 / 配合单位 /
责任单位 / 完成时限 and their usual variants). Repeated header rows (a table that goes on
over a page break) are skipped; a row with no 序号 continues the row above (a row split
by a page break); an empty 重点任务 cell is a merged cell and takes the task of the row
above. A table whose cells a page flattened into one paragraph each (a crawled Markdown copy)
is put back into rows first (``unflatten``). The unit columns become a labelled note (牵头单位：…；配合单位：…) so the same note
grammar reads them as reads notes in running text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .lazyre import lazy_compile
from .notes import BODY_ENDS, UNIT_ENDS
from .records import Block

COLUMNS = {
    "seq": lazy_compile(r"^(?:序号|编号|序)$"),
    "task": lazy_compile(r"重点任务|主要任务|工作任务|任务名称|^任务$|工作内容|^考核项目$"),
    "measure": lazy_compile(r"具体措施|主要措施|工作措施|^措施$|具体内容|任务内容|重点工作|^考核(?:内容|指标)$"),
    "lead": lazy_compile(r"牵头单位|牵头部门|主责单位|指导部门|指导单位|主管部门|牵头"),
    "coop": lazy_compile(r"配合单位|配合部门|参与单位|参与部门|协同单位|协办单位|配合"),
    "resp": lazy_compile(r"责任单位|责任部门|负责单位|负责部门|责任主体|^负责\w{1,4}(?:单位|部门)$|"
                       r"推进单位|推进部门|落实单位|承办单位"),
    "deadline": lazy_compile(r"完成时限|时间安排|完成时间|时限|进度安排"),
}


@dataclass(frozen=True)
class TaskRow:
    seq: str
    task: str
    measure: str
    lead: str
    coop: str
    deadline: str
    blocks: tuple[Block, ...]
    lead_label: str = "牵头单位"  # the column header as written: 指导部门, 责任单位 …
    coop_label: str = "配合单位"
    section: str = ""  # a section row inside the table (一、…) that this row falls under

    @property
    def note(self) -> str:
        parts = []
        if self.lead:
            parts.append(f"{self.lead_label}：{self.lead}")
        if self.coop:
            parts.append(f"{self.coop_label}：{self.coop}")
        return "；".join(parts)


SECTION_ROW = lazy_compile(r"^(?:[一二三四五六七八九十]+[、．.]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)")


def _label(header: str, default: str) -> str:
    """A header usable as a note label (指导部门), else the default."""
    return header if re.fullmatch(
        r"(?:牵头|责任|负责|主责|主办|指导|配合|参与|协同|协办|协助|承办|实施|支持)(?:单位|部门)",
        header) else default


def header_map(cells: tuple[str, ...]) -> dict[str, int] | None:
    """Column positions when ``cells`` is a task-table header, else None."""
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        cell = re.sub(r"\s+", "", cell)
        for name, pattern in COLUMNS.items():
            if name not in found and pattern.search(cell):
                found[name] = i
                break
    if "resp" in found:
        found.setdefault("lead" if "lead" not in found else "coop", found.pop("resp"))
    if "lead" not in found or not ({"task", "measure"} & set(found)):
        return None
    return found


# A cell that is one body's name and nothing else: 县农粮局, 市发展改革委, 县委组织部.
_BODY_CELL = lazy_compile(rf"[\u4e00-\u9fa5]{{1,14}}(?:{BODY_ENDS})")
_NUMBER_CELL = lazy_compile(r"[\d.]*分?")


def unit_column(blocks: list[Block]) -> dict[str, int] | None:
    """Columns of a table whose header names no unit column, found from its content: a
    column in which most rows hold one body's name alone (县农粮局, 县工信局 …, at least
    three different ones) holds each row's responsible unit; the first column of text
    after it is the task, and a longer one the measure (a 考核细则 lists each
    department's row of tasks this way)."""
    rows = [[re.sub(r"\s+", "", c) for c in b.cells] for b in blocks[1:]]
    if len(rows) < 4:
        return None
    width = max(len(r) for r in rows)
    best = None
    for j in range(width):
        names = [r[j] for r in rows if j < len(r) and _BODY_CELL.fullmatch(r[j])
                 and not r[j].endswith(("部门", "单位"))]
        if len(names) * 2 >= len(rows) and len(set(names)) >= 3 and (
                best is None or len(names) > best[1]):
            best = (j, len(names))
    if best is None:
        return None
    unit = best[0]
    text_columns = [j for j in range(unit + 1, width)
                    if any(j < len(r) and r[j] and not _NUMBER_CELL.fullmatch(r[j]) for r in rows)]
    if not text_columns:
        return None
    columns = {"resp": unit, "task": text_columns[0]}
    if len(text_columns) > 1:
        columns["measure"] = text_columns[1]
    for j, cell in enumerate(blocks[0].cells[:unit]):
        if COLUMNS["seq"].search(re.sub(r"\s+", "", cell)):
            columns["seq"] = j
            break
    return columns


def task_rows(blocks: list[Block]) -> list[TaskRow] | None:
    """The rows of one table (consecutive table_row blocks), or None when it is not a
    task-division table."""
    columns = header_map(blocks[0].cells)
    if columns is None:
        columns = unit_column(blocks)
        if columns is None:
            return None
        columns["lead"] = columns.pop("resp")
        found_by_content = True
    else:
        found_by_content = False
    header = [re.sub(r"\s+", "", c) for c in blocks[0].cells]

    def cell(block: Block, name: str) -> str:
        i = columns.get(name)
        return block.cells[i].strip() if i is not None and i < len(block.cells) else ""

    rows: list[dict] = []
    section = ""
    for block in blocks[1:]:
        if [re.sub(r"\s+", "", c) for c in block.cells] == header:
            continue  # the header again, after a page break
        distinct = {c.strip() for c in block.cells if c.strip()}
        if len(distinct) == 1 and SECTION_ROW.match(next(iter(distinct))):
            section = next(iter(distinct))  # 一、重点任务 spanning the whole row
            continue
        values = {name: cell(block, name) for name in ("seq", "task", "measure", "lead", "coop",
                                                       "deadline")}
        for name in ("lead", "coop"):
            # 县委宣传部<br>县教育局: names on lines of their own in one cell are a list
            values[name] = re.sub(r"(?<=[\u4e00-\u9fa5）)])\s+(?=[\u4e00-\u9fa5（(])", "、",
                                  values[name])
        if rows and "seq" in columns and not values["seq"] and any(values.values()):
            previous = rows[-1]  # the rest of a row a page break cut
            for name, value in values.items():
                if value and value != previous[name]:
                    previous[name] += value
            previous["blocks"].append(block)
            continue
        if rows and not values["task"]:
            values["task"] = rows[-1]["task"]  # a merged cell spans this row
        values["blocks"] = [block]
        values["section"] = section
        rows.append(values)
    lead_header = header[columns["lead"]]
    lead_label = "责任单位" if found_by_content else _label(
        lead_header, "责任单位" if COLUMNS["resp"].search(lead_header) else "牵头单位")
    coop_label = _label(header[columns["coop"]], "配合单位") if "coop" in columns else "配合单位"
    if lead_label.startswith("责任") and "coop" in columns:
        lead_label = "牵头单位"  # 责任单位 beside a 配合 column leads
    if found_by_content:  # a row whose unit cell names no body has no unit (一、通用项目)
        for row in rows:
            if not _BODY_CELL.fullmatch(re.sub(r"\s+", "", row["lead"])):
                row["lead"] = ""
    seen: dict[str, int] = {}
    for row in rows:  # 2, 2, 2: one 序号 merged across a unit's rows → 2, 2-2, 2-3
        if row["seq"]:
            seen[row["seq"]] = seen.get(row["seq"], 0) + 1
            if seen[row["seq"]] > 1:
                row["seq"] = f"{row['seq']}-{seen[row['seq']]}"
    out = []
    for n, row in enumerate(rows, start=1):
        out.append(TaskRow(seq=row["seq"] or str(n), task=row["task"], measure=row["measure"],
                           lead=row["lead"], coop=row["coop"], deadline=row["deadline"],
                           blocks=tuple(row["blocks"]), lead_label=lead_label,
                           coop_label=coop_label, section=row["section"]))
    return out


# ---------------------------------------------------------------- flattened tables

# A header cell broken over two lines (牵头 / 部门, 任务 / 分类): the second piece ends the first.
_HEADER_HEAD = lazy_compile(r"牵头|配合|责任|实施|推进|任务|工作|完成|参与|协同|协办|主要|具体|负责|"
                          r"主责|落实|承办")
_HEADER_TAIL = lazy_compile(r"部门|单位|主体|时限|时间|内容|任务|措施|名称|项目|分类|类型|类别|方向|目标")
_NOT_IN_HEADER = lazy_compile(r"[。；;，,：:]")  # a sentence, or a label with its value
_HEADER_WORD = lazy_compile(r"单位|部门|主体|任务|措施|时限|时间|序号|编号|分类|类别|类型|方向|计划|项目|"
                          r"目标|内容|备注|名称|领域|事项|举措|^序$")
# One body, or a list of them: 区规划资源局、区建设管理委, 市交通委（计划财务处）, 各相关街镇.
# (a unit column's names: those of a body cell, and divisions, groups, streets, classes)
_BODY = (rf"[\u4e00-\u9fa5“”\"a-zA-Z]{{1,24}}(?:{UNIT_ENDS}|街镇|镇|各区|区政府)"
         r"(?:[（(][^（()）]{1,16}[)）])?")
_BODY_ANY = rf"(?:{_BODY}|各[区县市]|各街镇|各乡镇)"
_BODY_LIST = lazy_compile(rf"{_BODY_ANY}(?:[、，,和及]{_BODY_ANY})*")
# How rows are numbered: 1 (a 序号 cell), （1）, 1、, （一）, 一、
_NUMBERINGS = (lazy_compile(r"\d{1,3}"), lazy_compile(r"[（(]\d{1,3}[)）].*"),
               lazy_compile(r"\d{1,3}[、.．](?!\d).*"), lazy_compile(r"[（(][一二三四五六七八九十]{1,3}[)）].*"),
               lazy_compile(r"[一二三四五六七八九十]{1,3}、.*"))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _header_piece(block: Block) -> str | None:
    """A short paragraph's text, which may be a header cell; else None."""
    if block.cells or _NOT_IN_HEADER.search(block.text):  # (no squashing a sentence)
        return None
    piece = _squash(block.text)
    return piece if 1 <= len(piece) <= 16 else None


def _header(blocks: list[Block], i: int) -> tuple[list[str], dict[str, int], int] | None:
    """The header cells of a flattened table starting at ``blocks[i]``, their columns and
    the index after them, when the short paragraphs from there name a task and a unit
    column."""
    cells: list[str] = []
    j = i
    while j < len(blocks) and (piece := _header_piece(blocks[j])) is not None:
        if cells and _HEADER_TAIL.fullmatch(piece) and _HEADER_HEAD.fullmatch(cells[-1]):
            cells[-1] += piece
        elif _HEADER_WORD.search(piece) and not any(n.fullmatch(piece) for n in _NUMBERINGS):
            cells.append(piece)
        elif _HEADER_HEAD.fullmatch(piece) and j + 1 < len(blocks) and \
                _HEADER_TAIL.fullmatch(_squash(blocks[j + 1].text)):
            cells.append(piece)  # 牵头 before 部门
        else:
            break  # the first row's cells
        j += 1
        if len(cells) > 12:
            return None
    columns = header_map(tuple(cells)) if len(cells) >= 3 else None
    return None if columns is None else (cells, columns, j)


# Cells of a table a text copy wrote on one line each: tabs, or runs of two or more
# spaces between the cells (序号  重点任务  牵头单位  配合单位)
_CELL_GAP = lazy_compile(r"\t+|[ \u3000\xa0]{2,}")


def _line_cells(block: Block) -> list[str]:
    if block.kind != "line" or block.cells:
        return []
    cells = [c for c in _CELL_GAP.split(block.text.strip(" \t\u3000\xa0")) if c.strip()]
    return cells if len(cells) >= 2 else []


def split_cells(blocks: list[Block]) -> list[Block]:
    """Task tables a text copy wrote a row per line, cells apart by tabs or spaces, as
    table rows: a line whose cells are a task table's header, and the lines after it
    with two cells or more (a line without is text again)."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        cells = _line_cells(blocks[i])
        if len(cells) < 3 or header_map(tuple(cells)) is None:
            out.append(blocks[i])
            i += 1
            continue
        out.append(replace(blocks[i], kind="table_row", cells=tuple(cells)))
        i += 1
        while i < len(blocks) and (cells := _line_cells(blocks[i])):
            out.append(replace(blocks[i], kind="table_row", cells=tuple(cells)))
            i += 1
    return out


def unflatten(blocks: list[Block]) -> list[Block]:
    """Task tables whose cells came one paragraph each (序号 / 工作任务 / 推进单位, then
    1 / the task / its units …) back into table rows. A row starts where the column
    that numbers the rows (序号, else the task's own numbering, the commonest in the
    table) does; the paragraphs that are lists of bodies are its unit cells, in the
    order of the header's unit columns; a row without them lies under a cell merged
    from the row above; paragraphs after a row's units and before the next row are the
    spanning cells of the columns before the numbering (行动一, 旧区改造)."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        found = _header(blocks, i)
        if found is None:
            out.append(blocks[i])
            i += 1
            continue
        cells, columns, body_at = found
        rows, end = _rows(cells, columns, blocks, body_at)
        if not rows:
            out.append(blocks[i])
            i += 1
            continue
        head = blocks[i:body_at]
        out.append(Block(" ".join(cells), head[0].start, head[-1].end, kind="table_row",
                         cells=tuple(cells)))
        out += rows
        i = end
    return out


def _rows(header: list[str], columns: dict[str, int], blocks: list[Block],
          at: int) -> tuple[list[Block], int]:
    """The rows of a flattened table whose body starts at ``blocks[at]``, and the index
    after the last (what follows is text again)."""
    key = columns.get("seq", columns.get("task", columns.get("measure")))
    units = [j for j, cell in enumerate(header) if j > key and (
        j in (columns.get("lead"), columns.get("coop"))
        or re.search(r"单位|部门|主体", cell))]
    stop = at
    while stop < len(blocks) and not blocks[stop].cells and \
            not blocks[stop].text.lstrip().startswith("附件"):
        stop += 1
    texts = [_squash(b.text) for b in blocks[at:stop]]
    if "seq" in columns:
        numbering = _NUMBERINGS[0]
    else:  # the task's own numbering: the commonest in the table
        counts = [sum(1 for t in texts if n.fullmatch(t)) for n in _NUMBERINGS[1:]]
        numbering = _NUMBERINGS[1 + counts.index(max(counts))]
    starts = [at + k for k, t in enumerate(texts) if numbering.fullmatch(t)]
    if len(starts) < 2 or not units:
        return [], at
    between = [j for j in range(key + 1, len(header)) if j not in units]  # 2024年, 措施 …
    rows: list[Block] = []
    previous = [""] * len(header)
    labels = blocks[at:starts[0]]
    for n, start in enumerate(starts):
        last = n + 1 == len(starts)
        row_blocks = blocks[start:stop if last else starts[n + 1]]
        cells = [""] * len(header)
        cells[key] = row_blocks[0].text.strip()
        rest = [b.text.strip() for b in row_blocks[1:]]
        unit_at = [k for k, t in enumerate(rest) if _BODY_LIST.fullmatch(_squash(t))]
        if unit_at:
            middle, listed = rest[:unit_at[0]], [rest[k] for k in unit_at]
            own = row_blocks[:2 + unit_at[-1]]  # then the next row's spanning cells
        else:
            middle, listed = rest[:len(between)], []
            own = row_blocks[:1 + len(middle)]  # (after the last row: text again)
        for j, text in zip(between, middle):
            cells[j] = text
        if len(listed) > len(units):  # bodies on lines of their own in the first unit cell
            extra = len(listed) - len(units) + 1
            listed = ["、".join(listed[:extra])] + listed[extra:]
        for j, text in zip(units, listed):
            cells[j] = text
        if not listed:  # a unit cell merged over this row and the rows above
            for j in units:
                cells[j] = previous[j]
        span = [_squash(b.text) for b in labels]
        for j, text in zip(reversed(range(key)), reversed(span)):
            cells[j] = text
        for j in range(key):
            cells[j] = cells[j] or previous[j]
        labels = row_blocks[len(own):]
        text = " ".join(c for j, c in enumerate(cells) if c and j >= key)
        rows.append(Block(text, own[0].start, own[-1].end, kind="table_row",
                          cells=tuple(cells)))
        previous = cells
    return rows, starts[-1] + len(own)
