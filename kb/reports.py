"""Views over the knowledge base for people: a unit's profile, the unit × section
matrix, the targets table, and exports (CSV that Excel opens with Chinese, XLSX).

The Streamlit pages only render what these functions return.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter
from dataclasses import dataclass, field

from ingest import Clause, Document, Unit, format_path
from ingest.records import citation


@dataclass
class Duty:
    clause: Clause
    document: Document
    role: str

    @property
    def citation(self) -> str:
        return citation(self.clause, self.document)


@dataclass
class Profile:
    name: str
    unit: Unit | None
    lead: list[Duty] = field(default_factory=list)
    coop: list[Duty] = field(default_factory=list)
    partners: list[tuple[str, int]] = field(default_factory=list)  # units sharing clauses

    def by_document(self, role: str) -> dict[str, list[Duty]]:
        groups: dict[str, list[Duty]] = {}
        for duty in self.lead if role == "lead" else self.coop:
            groups.setdefault(duty.document.cite_title, []).append(duty)
        return groups

    def by_section(self) -> list[dict]:
        """Counts per document section (the first heading level), both roles."""
        counts: Counter = Counter()
        for duty in self.lead + self.coop:
            counts[(duty.document.cite_title, section_label(duty.clause), duty.role)] += 1
        return [{"文件 Document": d, "部分 Section": s, "角色 Role": role_label(r), "条数 Clauses": n}
                for (d, s, r), n in sorted(counts.items())]


def role_label(role: str) -> str:
    return "牵头 lead" if role == "lead" else "配合 coop"


def section_label(clause: Clause, depth: int = 1) -> str:
    """The section a clause sits in, ``depth`` levels down: 三、重要举措 (depth 1) or
    三、(二)实施科技创新能力跃升工程 (depth 2); a clause at that level stands for itself."""
    if not clause.path:
        return "前言"
    depth = min(depth, max(1, len(clause.path) - 1))
    heading = clause.section[depth - 1] if len(clause.section) >= depth else clause.heading
    return f"{format_path(clause.path[:depth])}{heading}"


def unit_profile(kb, name: str) -> Profile:
    unit = kb.store.directory.get(name)
    profile = Profile(name=name, unit=unit)
    lead_ids = kb.store.unit_clause_ids(name, "lead")
    coop_ids = kb.store.unit_clause_ids(name, "coop")
    clauses = {c.clause_id: c for c in kb.store.clauses(clause_ids=lead_ids + coop_ids)}
    docs = kb.store.document_headers(sorted({c.doc_id for c in clauses.values()}))
    partners: Counter = Counter()
    for role, ids in (("lead", lead_ids), ("coop", coop_ids)):
        for cid in ids:
            clause = clauses[cid]
            duty = Duty(clause, docs[clause.doc_id], role)
            (profile.lead if role == "lead" else profile.coop).append(duty)
            for ref in clause.lead_units + clause.coop_units:
                if ref.name != name and not ref.generic:
                    partners[ref.name] += 1
    profile.partners = partners.most_common()
    return profile


def unit_options(kb) -> list[tuple[str, int, int]]:
    """(name, lead, coop) for every unit with duties, most leads first."""
    return [(d.name, d.lead, d.coop) for d in kb.store.unit_duties() if not d.generic]


def cross_matrix(kb, doc_id: str | None = None) -> list[dict]:
    """One row per (unit, section, role) with the number of clauses."""
    counts: Counter = Counter()
    docs = {d.doc_id: d for d in kb.store.documents()} if doc_id is None else {}
    clauses = kb.store.clauses(doc_id=doc_id) if doc_id else kb.store.clauses()
    for clause in clauses:
        section = section_label(clause, depth=2 if doc_id else 1)
        if doc_id is None:
            section = f"{_short(docs[clause.doc_id])} {section}"
        for ref in clause.lead_units + clause.coop_units:
            if not ref.generic:
                counts[(ref.name, section, ref.role)] += 1
    return [{"unit": u, "section": s, "role": r, "clauses": n}
            for (u, s, r), n in sorted(counts.items())]


def _short(doc: Document) -> str:
    return doc.doc_number or doc.cite_title[:12]


def shared_clauses(kb, first: str, second: str) -> list[Duty]:
    ids = kb.store.shared_clause_ids([first, second], role=None)
    clauses = kb.store.clauses(clause_ids=ids)
    docs = kb.store.document_headers(sorted({c.doc_id for c in clauses}))
    return [Duty(c, docs[c.doc_id], "shared") for c in clauses]


def targets_table(kb, year: int | None = None, unit: str | None = None) -> list[dict]:
    ids = kb.store.target_clause_ids(year)
    if unit:
        allowed = set(kb.store.unit_clause_ids(unit))
        ids = [cid for cid in ids if cid in allowed]
    clauses = kb.store.clauses(clause_ids=ids)
    docs = kb.store.document_headers(sorted({c.doc_id for c in clauses}))
    rows = []
    for clause in clauses:
        for target in clause.targets:
            if year is not None and target.year != year:
                continue
            rows.append({
                "指标 Metric": target.metric,
                "数值 Value": target.value,
                "单位 Unit": target.unit,
                "比较 Comparator": target.comparator or "",
                "年份 Year": target.year,
                "周期 Period": target.period or "",
                "牵头 Lead": "、".join(u.as_written for u in clause.lead_units),
                "条款 Clause": citation(clause, docs[clause.doc_id]),
                "原文 Text": target.text,
            })
    return rows


def duty_rows(duties: list[Duty]) -> list[dict]:
    return [{
        "角色 Role": role_label(d.role) if d.role in ("lead", "coop") else "共同 shared",
        "条款 Clause": d.citation,
        "文号 Number": d.document.doc_number or "",
        "标题 Heading": d.clause.heading,
        "牵头 Lead": "、".join(u.as_written for u in d.clause.lead_units),
        "配合 Cooperating": "、".join(u.as_written for u in d.clause.coop_units),
        "原文 Text": d.clause.text,
    } for d in duties]


# ------------------------------------------------------------------ exports and display


def to_csv(rows: list[dict]) -> bytes:
    """CSV as UTF-8 with a BOM, so Excel shows the Chinese correctly."""
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: list[dict], sheet: str = "policykb") -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = re.sub(r"[\\[\]:*?/]", "", sheet)[:31] or "policykb"
    if rows:
        ws.append(list(rows[0]))
        for row in rows:
            ws.append([_cell(v) for v in row.values()])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value):
    # Text that starts like a formula must not run as one in Excel.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def download_name(stem: str, ext: str) -> str:
    """A file name that works on every OS, Chinese kept: 省科技厅-职责.csv."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", stem).strip(" .-") or "policykb"
    return f"{cleaned[:80]}.{ext}"


def highlight_html(text: str, spans) -> str:
    """Clause text as safe HTML: escaped first, then <mark> around the matched spans."""
    out, last = [], 0
    for start, end in sorted(spans):
        out.append(html.escape(text[last:start]))
        out.append("<mark>" + html.escape(text[start:end]) + "</mark>")
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out).replace("\n", "<br>")
