"""Documents as living records: their validity as of a date, judged after every
relation between the documents of the knowledge base is known, and their relations in
both directions (cites / cited by, repeals / repealed by …)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ingest.validity import Relation, Statements, Validity, judge, title_key

INVERSE = {"cites": "cited_by", "promulgates": "promulgated_by", "implements": "implemented_by",
           "amends": "amended_by", "repeals": "repealed_by", "supersedes": "superseded_by"}
LABELS = {"cites": "引用 cites", "cited_by": "被引用 cited by",
          "promulgates": "印发 promulgates", "promulgated_by": "由其印发 promulgated by",
          "implements": "贯彻落实 implements", "implemented_by": "被贯彻落实 implemented by",
          "amends": "修改 amends", "amended_by": "被修改 amended by",
          "repeals": "废止 repeals", "repealed_by": "被废止 repealed by",
          "supersedes": "替代 supersedes", "superseded_by": "被替代 superseded by"}


def today() -> str:
    return date.today().isoformat()


def parse_as_of(text: str | None) -> str:
    """YYYY-MM-DD, or today; a bad date raises ValueError with a plain sentence."""
    if not text:
        return today()
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError as exc:
        raise ValueError(f"{text} is not a date; write YYYY-MM-DD") from exc


def relations(kb) -> list[dict[str, Any]]:
    """Every stated relation, plus 'supersedes' for each later version with the same 文号."""
    rows = kb.store.relations()
    superseded = kb.store.superseded()
    headers = kb.store.document_headers(list(superseded))
    for old, new in superseded.items():
        h = headers.get(old)
        rows.append({"doc_id": new, "ord": -1, "type": "supersedes",
                     "target_number": h.doc_number if h else None,
                     "target_title": h.cite_title if h else None,
                     "evidence": "同文号的较新版本 / a later version with the same 文号",
                     "target_doc_id": old})
    return rows


def validities(kb, as_of: str | None = None) -> dict[str, Validity]:
    """Every document's validity as of ``as_of`` (default today), computed once per store
    generation and date (every answer asks for it)."""
    as_of = parse_as_of(as_of)
    return kb.per_generation("validities", lambda: _validities(kb, as_of), variant=as_of,
                             persist=True)


def _validities(kb, as_of: str) -> dict[str, Validity]:
    docs = kb.all_headers()
    said = {d: Statements.from_dict(h.statements) for d, h in docs.items()}
    incoming: dict[str, list[tuple[str, Relation, str | None]]] = {}
    for row in kb.store.relations():
        target = row["target_doc_id"]
        if target is None:
            continue
        source = said.get(row["doc_id"])
        when = (source.effective if source else None) or (
            docs[row["doc_id"]].signed_date if row["doc_id"] in docs else None)
        incoming.setdefault(target, []).append((row["doc_id"], Relation(
            row["type"], row["target_title"], row["target_number"], row["evidence"]), when))
    superseded = kb.store.superseded()
    return {d: judge(said[d], as_of, incoming.get(d, []), superseded.get(d)) for d in docs}


def record(kb, doc_id: str, as_of: str | None = None) -> dict[str, Any] | None:
    """One document's record (as in `docs --json`), without building every other one."""
    found = records(kb, as_of, only=doc_id)
    return found[0] if found else None


def records(kb, as_of: str | None = None, only: str | None = None) -> list[dict[str, Any]]:
    """What `policykb docs --json` prints: metadata, validity and relations per document."""
    as_of = parse_as_of(as_of)
    status = validities(kb, as_of)
    docs = kb.store.document_headers([only] if only else kb.store.document_ids())
    by_source: dict[str, list[dict]] = {}
    by_target: dict[str, list[dict]] = {}
    for row in relations(kb):
        by_source.setdefault(row["doc_id"], []).append(row)
        if row["target_doc_id"]:
            by_target.setdefault(row["target_doc_id"], []).append(row)
    out = []
    for doc_id, h in docs.items():
        own = title_key(h.body_title)
        for row in by_source.get(doc_id, []):
            if row["type"] == "promulgates" and own and title_key(row["target_title"]) == own:
                row["target_doc_id"] = doc_id  # the notice and the plan it issues: one document
        record = {
            "doc_id": doc_id, "title": h.title, "body_title": h.body_title,
            "doc_number": h.doc_number, "issuer": h.issuer, "signed_date": h.signed_date,
            "published_date": h.published_date, "doc_type": h.doc_type, "period": h.period,
            "source": h.source, "frame": h.frame,
            "validity": status[doc_id].to_dict(),
            "relations": [
                {"type": r["type"], "target_number": r["target_number"],
                 "target_title": r["target_title"], "target_doc_id": r["target_doc_id"],
                 "evidence": r["evidence"]} for r in by_source.get(doc_id, [])],
            "related_by": [
                {"type": INVERSE[r["type"]], "source_doc_id": r["doc_id"],
                 "evidence": r["evidence"]} for r in by_target.get(doc_id, [])],
        }
        out.append(record)
    return out
