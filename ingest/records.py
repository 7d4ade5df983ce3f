"""Typed records for each ingest stage: Block -> Clause (UnitRef, Target) -> Document.

Field names are stable: annotations, the SQLite store and the JSON output use them.
Every record round-trips through ``to_dict``/``from_dict``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


def _from_dict(cls, data: dict[str, Any]):
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(frozen=True)
class Block:
    """One paragraph-like piece of text from a loader, with its span in the document text.

    ``kind`` is a layout hint: "line" (a paragraph or line), "meta" (a metadata table
    field, key in ``label``), "table_row" (a row of a table, cells in ``cells``).
    """

    text: str
    start: int
    end: int
    kind: str = "line"
    label: str = ""
    cells: tuple[str, ...] = ()
    bold: bool = False
    centered: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["cells"] = list(self.cells)
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Block":
        data = dict(data)
        data["cells"] = tuple(data.get("cells", ()))
        return _from_dict(cls, data)


@dataclass(frozen=True)
class UnitRef:
    """A unit named on a clause. ``name`` is canonical when the directory knows it."""

    name: str
    as_written: str
    role: str  # "lead" | "coop"
    generic: bool = False
    known: bool = True
    inherited: bool = False  # carried forward from an earlier note ("以下…不再列出")
    role_word: str = ""  # the word as written that gave the role: 牵头/负责/指导/配合/会同 …
    source: str = "note"  # note | text | table | ocr | correction

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "UnitRef":
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Target:
    """A quantified target: 到2025年…达到2000万千瓦以上."""

    text: str
    metric: str
    value: float
    unit: str
    comparator: str | None = None  # 以上/左右/超过/不少于/达到
    year: int | None = None
    period: str | None = None  # 每年/年均/累计
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if float(self.value).is_integer():
            d["value"] = int(self.value)
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Target":
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Clause:
    """The smallest numbered unit of a document that carries content."""

    clause_id: str
    doc_id: str
    path: tuple[str, ...]
    heading: str
    text: str
    start: int
    end: int
    seq: int = 1  # >1 when one numbered unit holds several note-closed paragraph groups
    note: str = ""  # the unit note as written, without brackets
    lead_units: tuple[UnitRef, ...] = ()
    coop_units: tuple[UnitRef, ...] = ()
    targets: tuple[Target, ...] = ()
    deadlines: tuple[str, ...] = ()
    section: tuple[str, ...] = ()  # headings of the enclosing sections, outermost first
    kind: str = "clause"  # clause | preamble | table_row
    # an analyst's correction in force: {id, author, reason, created_at, extracted}
    correction: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {
            "clause_id": self.clause_id,
            "doc_id": self.doc_id,
            "path": list(self.path),
            "seq": self.seq,
            "heading": self.heading,
            "text": self.text,
            "note": self.note,
            "lead_units": [u.to_dict() for u in self.lead_units],
            "coop_units": [u.to_dict() for u in self.coop_units],
            "targets": [t.to_dict() for t in self.targets],
            "deadlines": list(self.deadlines),
            "section": list(self.section),
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
        }
        if self.correction is not None:
            out["correction"] = dict(self.correction)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Clause":
        data = dict(data)
        data["path"] = tuple(data.get("path", ()))
        data["section"] = tuple(data.get("section", ()))
        data["deadlines"] = tuple(data.get("deadlines", ()))
        data["lead_units"] = tuple(UnitRef.from_dict(u) for u in data.get("lead_units", ()))
        data["coop_units"] = tuple(UnitRef.from_dict(u) for u in data.get("coop_units", ()))
        data["targets"] = tuple(Target.from_dict(t) for t in data.get("targets", ()))
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Document:
    """A parsed policy document: metadata, its full text and its clauses."""

    doc_id: str
    title: str
    text: str
    source: str
    format: str
    doc_number: str | None = None
    issuer: str | None = None
    signed_date: str | None = None  # ISO date
    published_date: str | None = None
    recipients: str | None = None
    period: str | None = None  # "2023-2025"
    doc_type: str | None = None
    body_title: str | None = None  # the plan a 印发 notice issues
    wrapper: str | None = None  # the 印发 notice text around the plan
    attachments: tuple[str, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)  # raw metadata table fields
    outline: tuple[tuple[tuple[str, ...], str], ...] = ()  # (path, heading) of every section
    clauses: tuple[Clause, ...] = ()
    frame: dict[str, str] = field(default_factory=dict)  # the 公文 frame (GB/T 9704-2012)
    report: tuple[dict[str, Any], ...] = ()  # where extraction is unsure (ingest.report)
    statements: dict[str, Any] = field(default_factory=dict)  # validity and relations (ingest.validity)

    @property
    def cite_title(self) -> str:
        return self.body_title or self.title

    def to_dict(self, with_clauses: bool = True) -> dict[str, Any]:
        d = {
            "doc_id": self.doc_id,
            "title": self.title,
            "doc_number": self.doc_number,
            "issuer": self.issuer,
            "signed_date": self.signed_date,
            "published_date": self.published_date,
            "recipients": self.recipients,
            "period": self.period,
            "doc_type": self.doc_type,
            "body_title": self.body_title,
            "source": self.source,
            "format": self.format,
            "attachments": list(self.attachments),
            "meta": dict(self.meta),
            "wrapper": self.wrapper,
            "outline": [{"path": list(p), "heading": h} for p, h in self.outline],
            "text": self.text,
            "frame": dict(self.frame),
            "report": [dict(r) for r in self.report],
            "statements": dict(self.statements),
        }
        if with_clauses:
            d["clauses"] = [c.to_dict() for c in self.clauses]
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        data = dict(data)
        data["attachments"] = tuple(data.get("attachments", ()))
        data["outline"] = tuple(
            (tuple(o["path"]), o["heading"]) for o in data.get("outline", ())
        )
        data["clauses"] = tuple(Clause.from_dict(c) for c in data.get("clauses", ()))
        data["report"] = tuple(data.get("report", ()))
        return _from_dict(cls, data)


def format_path(path: tuple[str, ...] | list[str]) -> str:
    """Render a path as it is cited: ("三", "(二)", "4") -> 三、(二)4; a decimal section
    holds its parents' numbers: ("2", "2.1", "2.1.3", "(12)") -> 2.1.3(12)."""
    path = [m for i, m in enumerate(path)
            if not (i + 1 < len(path) and path[i + 1].startswith(m + "."))]
    out = []
    for i, marker in enumerate(path):
        if marker and marker[0] in "一二三四五六七八九十百" and not marker.startswith("第"):
            out.append(marker + "、")
        elif marker.isdigit() and i < len(path) - 1:
            out.append(marker + ".")
        else:
            out.append(marker)
    return "".join(out)


def cited_path(path: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The part of a path a citation names: articles (第X条) are numbered through the
    whole regulation, so 第三章第八条(一) is cited as 第八条(一)."""
    for i, marker in enumerate(path):
        if marker.startswith("第") and marker.endswith("条"):
            return tuple(path[i:])
    return tuple(path)


def citation(clause: Clause, document: Document, number: bool = False) -> str:
    """How a clause is cited: 《山东省…行动方案(2023-2025年)》三、(二)4 (（第2段）for seq 2);
    a regulation's article as 《…办法》第八条. With ``number`` the 文号 follows the title,
    as office documents cite: 《…行动方案(2023-2025年)》（鲁政字〔2023〕209号）三、(二)4."""
    seq = f"（第{clause.seq}段）" if clause.seq > 1 else ""
    doc_number = f"（{document.doc_number}）" if number and document.doc_number else ""
    return f"《{document.cite_title}》{doc_number}{format_path(cited_path(clause.path))}{seq}"
