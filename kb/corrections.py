"""Corrections: an analyst's fix of what the extractor got wrong, kept as an overlay.

A correction records who changed what, when and why, and what the extractor had said.
It is applied in the store in the same transaction (the clause's units, or the
document's metadata), so answers, duty lists, exports and the index all see it; and
because it lives in the store it survives ``reindex``, a repeated ingest of the same
file and backup/restore. When a revised version of the document (same 文号, new text)
arrives, a correction whose clause text is unchanged is carried over to it; the others
are listed for review (status ``review``).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any, NamedTuple

from ingest import Directory, UnitRef
from ingest.layout import normalize_doc_number

if TYPE_CHECKING:
    from .store import DocumentRows

DOCUMENT_FIELDS = ("title", "doc_number", "issuer", "signed_date", "published_date")


class CorrectionError(Exception):
    """A correction that cannot be made; the message says why and what to do."""


@dataclass(frozen=True)
class Correction:
    id: int
    kind: str  # clause | document
    doc_id: str
    clause_id: str | None
    lead: tuple[str, ...] | None
    coop: tuple[str, ...] | None
    fields: dict[str, Any]
    extracted: dict[str, Any]
    author: str
    reason: str
    created_at: str
    status: str  # active | review | replaced
    carried_from: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "doc_id": self.doc_id, "clause_id": self.clause_id,
            "lead": list(self.lead) if self.lead is not None else None,
            "coop": list(self.coop) if self.coop is not None else None,
            "fields": self.fields, "extracted": self.extracted, "author": self.author,
            "reason": self.reason, "created_at": self.created_at, "status": self.status,
            "carried_from": self.carried_from,
        }

    @classmethod
    def from_row(cls, row) -> "Correction":
        def names(value):
            return tuple(json.loads(value)) if value is not None else None
        return cls(
            id=row["id"], kind=row["kind"], doc_id=row["doc_id"], clause_id=row["clause_id"],
            lead=names(row["lead"]), coop=names(row["coop"]),
            fields=json.loads(row["fields"] or "{}"), extracted=json.loads(row["extracted"]),
            author=row["author"], reason=row["reason"], created_at=row["created_at"],
            status=row["status"], carried_from=row["carried_from"],
        )


def text_hash(text: str) -> str:
    return hashlib.sha256(re.sub(r"\s+", "", text).encode("utf-8")).hexdigest()[:16]


def split_units(text: str | None) -> list[str]:
    """省科技厅、省财政厅 / 省科技厅,省财政厅 -> the names; an empty string clears the role."""
    if text is None:
        return []
    return [p.strip() for p in re.split(r"[、,，;；]", text) if p.strip()]


def resolve_units(directory: Directory, written: list[str], level: str | None = None) -> list[str]:
    """Canonical names for units given by any alias; an unknown one is refused with the
    closest directory names."""
    out = []
    for name in written:
        unit = directory.resolve(name, level)
        if unit is None:
            surfaces = [s for s, _ in directory.surfaces()]
            close = difflib.get_close_matches(name, surfaces, n=4, cutoff=0.4)
            hint = f"; did you mean {'、'.join(close)}?" if close else \
                "; `policykb units --all` lists the directory"
            raise CorrectionError(f"{name} is not a unit in the directory{hint}")
        if unit.name not in out:
            out.append(unit.name)
    return out


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _refs(names, role, directory) -> list[UnitRef]:
    return [UnitRef(name=n, as_written=n, role=role, known=n in directory, role_word="更正",
                    source="correction") for n in names]


def correct_clause(store, clause_id: str, lead: list[str] | None, coop: list[str] | None,
                   author: str, reason: str) -> Correction:
    """Set a clause's lead and/or cooperating units (None keeps that role as it is)."""
    if not author.strip() or not reason.strip():
        raise CorrectionError("say who corrects and why (--by NAME --why TEXT)")
    found = store.clauses(clause_ids=[clause_id])
    if not found:
        raise CorrectionError(f"there is no clause {clause_id}; `policykb export` lists clause ids")
    clause = found[0]
    if lead is None and coop is None:
        raise CorrectionError("give --lead and/or --coop")
    lead_names = resolve_units(store.directory, lead) if lead is not None else None
    coop_names = resolve_units(store.directory, coop) if coop is not None else None
    doc = store.document(clause.doc_id, with_clauses=False)
    with store.transaction() as db:
        previous = db.execute(
            "SELECT extracted FROM corrections WHERE clause_id = ? AND status = 'active'",
            (clause_id,)).fetchone()
        extracted = json.loads(previous[0]) if previous else {
            "lead": [u.name for u in clause.lead_units], "coop": [u.name for u in clause.coop_units],
            "lead_as_written": [u.as_written for u in clause.lead_units],
            "coop_as_written": [u.as_written for u in clause.coop_units]}
        db.execute("UPDATE corrections SET status = 'replaced' WHERE clause_id = ? AND "
                   "status = 'active'", (clause_id,))
        cursor = db.execute(
            "INSERT INTO corrections (kind, doc_id, clause_id, doc_number, path, seq, text_hash, "
            "lead, coop, fields, extracted, author, reason, created_at) "
            "VALUES ('clause',?,?,?,?,?,?,?,?,NULL,?,?,?,?)",
            (clause.doc_id, clause_id, doc.doc_number if doc else None,
             json.dumps(list(clause.path), ensure_ascii=False), clause.seq,
             text_hash(clause.text),
             json.dumps(lead_names, ensure_ascii=False) if lead_names is not None else None,
             json.dumps(coop_names, ensure_ascii=False) if coop_names is not None else None,
             json.dumps(extracted, ensure_ascii=False), author.strip(), reason.strip(), _now()))
        _apply_clause(store, db, clause_id)
        _bump(db)
        row = db.execute("SELECT * FROM corrections WHERE id = ?", (cursor.lastrowid,)).fetchone()
    return Correction.from_row(row)


def correct_document(store, doc_id: str, fields: dict[str, str], author: str,
                     reason: str) -> Correction:
    if not author.strip() or not reason.strip():
        raise CorrectionError("say who corrects and why (--by NAME --why TEXT)")
    doc = store.document(doc_id, with_clauses=False)
    if doc is None:
        raise CorrectionError(f"there is no document {doc_id}; `policykb docs` lists them")
    clean: dict[str, str | None] = {}
    for key, value in fields.items():
        if key not in DOCUMENT_FIELDS:
            raise CorrectionError(f"{key} cannot be set; use one of {', '.join(DOCUMENT_FIELDS)}")
        value = value.strip() or None
        if value and key.endswith("_date"):
            try:
                date.fromisoformat(value)
            except ValueError as exc:
                raise CorrectionError(f"{key}={value} is not a date; write YYYY-MM-DD") from exc
        if value and key == "doc_number":
            value = normalize_doc_number(value)
        if key == "title" and not value:
            raise CorrectionError("a document needs a title")
        clean[key] = value
    extracted = {key: getattr(doc, key) for key in clean}
    with store.transaction() as db:
        earlier = db.execute(
            "SELECT extracted FROM corrections WHERE doc_id = ? AND kind = 'document' "
            "ORDER BY id", (doc_id,)).fetchall()
        for row in earlier:  # the extractor's value, not an earlier correction's
            for key, value in json.loads(row[0]).items():
                if key in extracted:
                    extracted[key] = value
        cursor = db.execute(
            "INSERT INTO corrections (kind, doc_id, doc_number, fields, extracted, author, "
            "reason, created_at) VALUES ('document',?,?,?,?,?,?,?)",
            (doc_id, doc.doc_number, json.dumps(clean, ensure_ascii=False),
             json.dumps(extracted, ensure_ascii=False), author.strip(), reason.strip(), _now()))
        _apply_document(db, doc_id, clean)
        _bump(db)
        row = db.execute("SELECT * FROM corrections WHERE id = ?", (cursor.lastrowid,)).fetchone()
    return Correction.from_row(row)


def _bump(db) -> None:
    db.execute("UPDATE info SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")


def _apply_document(db, doc_id: str, fields: dict[str, Any]) -> None:
    from ingest.validity import title_key

    for key, value in fields.items():
        db.execute(f"UPDATE documents SET {key} = ? WHERE doc_id = ?", (value, doc_id))
        if key == "title":  # documents that cite this one by title find it under the new one
            db.execute("UPDATE documents SET title_key = ? WHERE doc_id = ? AND body_title IS NULL",
                       (title_key(value), doc_id))


def _apply_clause(store, db, clause_id: str) -> None:
    """Rewrite the clause's units from the extraction and its active correction."""
    row = db.execute("SELECT * FROM corrections WHERE clause_id = ? AND status = 'active' "
                     "ORDER BY id DESC LIMIT 1", (clause_id,)).fetchone()
    if row is None:
        return
    fix = Correction.from_row(row)
    units = db.execute("SELECT * FROM clause_units WHERE clause_id = ? ORDER BY ord",
                       (clause_id,)).fetchall()
    ord_row = db.execute("SELECT doc_id, ord FROM clauses WHERE clause_id = ?",
                         (clause_id,)).fetchone()
    if ord_row is None:
        return
    from .store import unit_ref

    keep = {"lead": [], "coop": []}
    for u in units:
        keep[u["role"]].append(unit_ref(u))
    lead = _refs(fix.lead, "lead", store.directory) if fix.lead is not None else keep["lead"]
    coop = _refs(fix.coop, "coop", store.directory) if fix.coop is not None else keep["coop"]
    store._put_units(db, clause_id, lead + coop, ord_row["doc_id"], ord_row["ord"])
    # the index reads the units' tokens from clause_units (a store before schema 6 kept them)
    db.execute("UPDATE clause_tokens SET units = '' WHERE clause_id = ?", (clause_id,))


class _Placed(NamedTuple):
    """A clause of a document being added, as its rows have it."""

    clause_id: str
    path: str  # JSON, as stored and as the corrections table keeps it
    seq: int
    text: str


def reapply(store, db, doc: DocumentRows, replaces: list[str]) -> None:
    """Inside ``Store.add_rows`` (``doc``: the rows being added): corrections for this
    very document come back (it was removed and added again), and those of the older
    versions it replaces are carried over where the clause text is unchanged, else listed
    for review."""
    for (clause_id,) in db.execute(
            "SELECT DISTINCT clause_id FROM corrections WHERE doc_id = ? AND kind = 'clause' "
            "AND status = 'active'", (doc.doc_id,)).fetchall():
        _apply_clause(store, db, clause_id)
    for row in db.execute("SELECT * FROM corrections WHERE doc_id = ? AND kind = 'document' "
                          "AND status = 'active' ORDER BY id", (doc.doc_id,)).fetchall():
        _apply_document(db, doc.doc_id, json.loads(row["fields"]))
    if not replaces:
        return
    clauses = [_Placed(*c) for c in doc.clause_columns("clause_id", "path", "seq", "text")]
    by_place = {(c.path, c.seq): c for c in clauses}  # the path as stored (JSON)
    by_hash = {text_hash(c.text): c for c in clauses}
    marks = ",".join("?" * len(replaces))
    old = db.execute(f"SELECT * FROM corrections WHERE doc_id IN ({marks}) AND status = 'active' "
                     "ORDER BY id", replaces).fetchall()
    for row in old:
        if row["kind"] == "document":
            fields = {k: v for k, v in json.loads(row["fields"]).items() if k != "doc_number"}
            if fields:
                db.execute(
                    "INSERT INTO corrections (kind, doc_id, doc_number, fields, extracted, author, "
                    "reason, created_at, status, carried_from) VALUES "
                    "('document',?,?,?,?,?,?,?,'review',?)",
                    (doc.doc_id, doc.doc_number, json.dumps(fields, ensure_ascii=False),
                     row["extracted"], row["author"], row["reason"], row["created_at"], row["id"]))
            continue
        same = by_hash.get(row["text_hash"])
        target = same or by_place.get((row["path"], row["seq"]))
        status = "active" if same is not None else "review"
        db.execute(
            "INSERT INTO corrections (kind, doc_id, clause_id, doc_number, path, seq, text_hash, "
            "lead, coop, extracted, author, reason, created_at, status, carried_from) "
            "VALUES ('clause',?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc.doc_id, target.clause_id if target else None, doc.doc_number,
             row["path"], row["seq"], text_hash(target.text) if target else row["text_hash"],
             row["lead"], row["coop"], row["extracted"], row["author"], row["reason"],
             row["created_at"], status, row["id"]))
        if same is not None:
            _apply_clause(store, db, same.clause_id)


def corrections(store, doc_id: str | None = None, clause_ids: list[str] | None = None,
                status: str | None = None) -> list[Correction]:
    sql, args = "SELECT * FROM corrections WHERE 1=1", []
    if doc_id is not None:
        sql += " AND doc_id = ?"
        args.append(doc_id)
    if clause_ids is not None:
        sql += f" AND clause_id IN ({','.join('?' * len(clause_ids))})"
        args += clause_ids
    if status is not None:
        sql += " AND status = ?"
        args.append(status)
    return [Correction.from_row(r) for r in store.db.execute(sql + " ORDER BY id", args)]
