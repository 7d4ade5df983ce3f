"""Task-division tables (重点任务分工表): rows -> one clause each.

Columns are recognised from the header (序号 / 重点任务 / 具体措施 / 牵头单位 / 配合单位 /
责任单位 / 完成时限 and their usual variants). Repeated header rows (a table that goes on
over a page break) are skipped; a row with no 序号 continues the row above (a row split
by a page break); an empty 重点任务 cell is a merged cell and takes the task of the row
above. The unit columns become a labelled note (牵头单位：…；配合单位：…) so the same note
grammar reads them as reads notes in running text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .records import Block

COLUMNS = {
    "seq": re.compile(r"^(?:序号|编号|序)$"),
    "task": re.compile(r"重点任务|主要任务|工作任务|任务名称|^任务$|工作内容|^考核项目$"),
    "measure": re.compile(r"具体措施|主要措施|工作措施|^措施$|具体内容|任务内容|重点工作|^考核(?:内容|指标)$"),
    "lead": re.compile(r"牵头单位|牵头部门|主责单位|指导部门|指导单位|主管部门|牵头"),
    "coop": re.compile(r"配合单位|配合部门|参与单位|参与部门|协同单位|协办单位|配合"),
    "resp": re.compile(r"责任单位|责任部门|负责单位|负责部门|责任主体|^负责\w{1,4}(?:单位|部门)$"),
    "deadline": re.compile(r"完成时限|时间安排|完成时间|时限|进度安排"),
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


SECTION_ROW = re.compile(r"^(?:[一二三四五六七八九十]+[、．.]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)")


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
_BODY_CELL = re.compile(
    r"[\u4e00-\u9fa5]{1,14}(?:局|委|办|厅|部|署|站|所|院|中心|委员会|办公室|人民政府|政府|总队|支队|"
    r"大队|公司|银行|协会|联合会|法院|检察院)")
_NUMBER_CELL = re.compile(r"[\d.]*分?")


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
