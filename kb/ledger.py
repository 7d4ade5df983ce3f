"""The 督办台账 (supervision ledger): one row per assigned task, ready for a department
to fill in its progress — 序号, 文件, 条款, 工作事项, 牵头单位, 配合单位, 完成时限, 量化目标,
状态 (blank). Written as XLSX formatted for printing, CSV (UTF-8 with BOM) or a landscape
公文-style DOCX table. One unit's ledger lists only its tasks, lead and 配合 apart."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from ingest import notes
from ingest.records import format_path

from .reports import _cell

COLUMNS = ("序号", "文件", "条款", "工作事项", "牵头单位", "配合单位", "完成时限", "量化目标", "状态")
WIDTHS = (6, 28, 18, 60, 22, 26, 14, 24, 12)  # characters, for XLSX and DOCX
FORMATS = ("xlsx", "csv", "docx")


class LedgerError(Exception):
    """A ledger that cannot be made; the message says why and what to do."""


@dataclass
class Ledger:
    title: str
    sections: list[tuple[str, list[dict]]] = field(default_factory=list)  # (heading, rows)

    @property
    def rows(self) -> list[dict]:
        return [r for _, rows in self.sections for r in rows]


def _measure(clause) -> str:
    """The task as written, without its unit note and its numbering marker."""
    text = clause.text
    for start, end in reversed(notes.inline_notes(text)):
        text = text[:start] + text[end:]
    text = re.sub(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)+", "", text)
    return re.sub(r"\s+", " ", text).strip(" 。") + ("。" if text.strip() else "")


def _deadline(clause, doc) -> str:
    if clause.deadlines:
        return "；".join(clause.deadlines)
    if doc.period and "-" in doc.period:
        return f"{doc.period.split('-')[1]}年底前"
    years = sorted({t.year for t in clause.targets if t.year})
    return f"{years[-1]}年" if years else ""


def _targets(clause) -> str:
    parts = []
    for t in clause.targets:
        value = f"{t.value:g}{t.unit}"
        after = t.comparator in ("以上", "左右", "以内", "以下")
        amount = f"{value}{t.comparator}" if after else f"{t.comparator or ''}{value}"
        parts.append(f"{t.metric} {amount}"
                     + (f"（{t.year}年）" if t.year else "") + (f"（{t.period}）" if t.period else ""))
    return "；".join(parts)


def _row(n: int, clause, doc) -> dict:
    cite = format_path(clause.path) + (f"（第{clause.seq}段）" if clause.seq > 1 else "")
    return {
        "序号": n,
        "文件": f"{doc.cite_title}（{doc.doc_number or '无文号'}）",
        "条款": f"{cite} {clause.heading}".strip(),
        "工作事项": _measure(clause),
        "牵头单位": "、".join(u.as_written for u in clause.lead_units),
        "配合单位": "、".join(u.as_written for u in clause.coop_units),
        "完成时限": _deadline(clause, doc),
        "量化目标": _targets(clause),
        "状态": "",
    }


def build(kb, doc: str | None = None, unit: str | None = None, as_of: str | None = None) -> Ledger:
    """The ledger of one document (文号 or doc_id), of one unit, or of every current
    document (in force on ``as_of`` when given)."""
    from .documents import validities

    current = kb.current_headers()
    if doc:
        ids = [d for d in kb.store.resolve_document(doc) if d in current]
        if not ids:
            raise LedgerError(f"no document matches {doc!r}; `policykb docs` lists them")
        ids = ids[:1]
    else:
        ids = list(current)
    if as_of:
        status = validities(kb, as_of)
        ids = [d for d in ids if status[d].in_force]
    name = None
    if unit:
        found = kb.store.directory.resolve(unit) or next(
            (m.units[0] for m in kb.unit_lexicon.find(unit) if m.surface == unit), None)
        name = found.name if found else unit
        if not kb.store.has_duties(name):
            raise LedgerError(f"{unit} has no tasks in the knowledge base; "
                              "`policykb units` lists the units with duties")
    title = "督办台账"
    if doc:
        title = f"{current[ids[0]].cite_title} 督办台账"
    if name:
        title = f"{name} 督办台账" if not doc else f"{name} · {title}"
    ledger = Ledger(title)
    roles = (("牵头任务", "lead"), ("配合任务", "coop")) if name else ((None, None),)
    wanted = set(ids)
    for heading, role in roles:
        rows, n = [], 0
        if name:  # the unit's clauses from the duty index, not every document's clauses
            cids = kb.store.in_document_order(kb.store.unit_clause_ids(name, role))
            chosen = [c for c in kb.store.clauses(clause_ids=cids) if c.doc_id in wanted]
            order = {cid: k for k, cid in enumerate(cids)}
            chosen.sort(key=lambda c: order[c.clause_id])
        else:
            chosen = [c for doc_id in ids for c in kb.store.clauses(doc_id=doc_id)
                      if c.lead_units or c.coop_units]
        for clause in chosen:
            n += 1
            rows.append(_row(n, clause, current[clause.doc_id]))
        ledger.sections.append((heading or title, rows))
    return ledger


def to_csv(ledger: Ledger) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    many = len(ledger.sections) > 1
    writer.writerow((("分类",) if many else ()) + COLUMNS)
    for heading, rows in ledger.sections:
        for row in rows:
            writer.writerow(((heading,) if many else ()) + tuple(row[c] for c in COLUMNS))
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(ledger: Ledger) -> bytes:
    """Formatted for printing: widths, wrapped text, frozen header, autofilter,
    landscape A4, the header row repeated on every printed page."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    book = Workbook()
    book.remove(book.active)
    thin = Side(style="thin", color="808080")
    for heading, rows in ledger.sections:
        name = heading if len(ledger.sections) > 1 else "督办台账"
        ws = book.create_sheet(re.sub(r"[\\[\]:*?/]", "", name)[:31] or "台账")
        ws.append(COLUMNS)
        for row in rows:
            ws.append([_cell(row[c]) for c in COLUMNS])
        for i, width in enumerate(WIDTHS, start=1):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = width * 1.8
        for cells in ws.iter_rows():
            for cell in cells:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDE4EE")
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_docx(ledger: Ledger) -> bytes:
    """A landscape 公文-style table: 方正小标宋-like title, 仿宋 body, the header repeated."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.8))
    style = document.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(ledger.title)
    run.bold = True
    run.font.size = Pt(18)
    for heading, rows in ledger.sections:
        if len(ledger.sections) > 1:
            document.add_paragraph().add_run(heading).bold = True
        table = document.add_table(rows=1, cols=len(COLUMNS))
        table.style = "Table Grid"
        header = table.rows[0]
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header._tr.get_or_add_trPr().append(repeat)
        for cell, name in zip(header.cells, COLUMNS):
            cell.text = name
            cell.paragraphs[0].runs[0].bold = True
        for row in rows:
            cells = table.add_row().cells
            for cell, name in zip(cells, COLUMNS):
                cell.text = str(row[name])
        table.autofit = False
        total = sum(WIDTHS)
        for i, width in enumerate(WIDTHS):
            table.columns[i].width = Cm(26.1 * width / total)
            for row in table.rows:
                row.cells[i].width = Cm(26.1 * width / total)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


WRITERS = {"xlsx": to_xlsx, "csv": to_csv, "docx": to_docx}
