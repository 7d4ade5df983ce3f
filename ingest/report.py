"""Where extraction is unsure: the extraction report of one document.

Computed at ingest from the parsed document alone (pure) and stored with it, so the
CLI (``policykb ingest`` / ``policykb report``) and the app can show the user what may
have been lost instead of losing it silently. Each item names its clause, quotes the
clause text and says what to check.
"""

from __future__ import annotations

from typing import Any

from .lazyre import lazy_compile
from .records import Clause, Document, format_path
from .units import HOME_PROVINCE, PROVINCES

# kind -> (Chinese label, English gloss). Order is the order of the summary line.
KINDS: dict[str, tuple[str, str]] = {
    "note_without_units": ("注释未识别出单位", "a unit note gave no unit"),
    "unknown_unit": ("名录外单位", "unit not in the directory"),
    "province_unit": ("外省单位（按名录对应部门）", "another province's body, read as the directory's counterpart"),
    "generic_only_lead": ("牵头仅为泛指", "only generic lead units"),
    "unsplit_note": ("注释未能拆分", "a note item could not be split"),
    "fuzzy_unit": ("近似匹配的单位", "unit matched approximately (OCR)"),
    "text_duty": ("正文句式提取", "duty read from a sentence, not a note"),
    "target_without_year": ("目标缺年份", "target without a year"),
    "missing_metadata": ("元数据缺失", "metadata missing"),
}
OTHER_PROVINCES = tuple(p for p in PROVINCES.values() if p != HOME_PROVINCE)
_UNSPLIT = lazy_compile(r"牵头|负责|配合|参与|会同|指导|[，,；;。]|等有关|按职责")


def _item(kind: str, clause: Clause | None, detail: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "clause_id": clause.clause_id if clause else None,
        "path": format_path(clause.path) if clause else "",
        "detail": detail,
        "text": clause.text[:300] if clause else "",
    }


def build(doc: Document) -> tuple[dict[str, Any], ...]:
    """Every place in ``doc`` where a unit or target may be missing or wrong."""
    items: list[dict[str, Any]] = []
    if doc.meta.get("title_from") == "file name":
        items.append(_item("missing_metadata", None,
                           "no title line in the file; the file name stands in for the title"))
    if doc.meta.get("title_from") == "opening":
        items.append(_item("missing_metadata", None,
                           f"no title line in the file; the title {doc.title} was read from "
                           "its opening sentence"))
    if not doc.doc_number:
        items.append(_item("missing_metadata", None, "no 文号 (document number) found"))
    for c in doc.clauses:
        units = c.lead_units + c.coop_units
        if c.note and not units:
            items.append(_item("note_without_units", c, f"note （{c.note}） gave no unit"))
        for u in units:
            if u.source == "ocr":
                items.append(_item("fuzzy_unit", c, f"{u.as_written} → {u.name}"))
            if u.known or u.generic:
                continue
            if any(p in u.name and p not in u.as_written for p in OTHER_PROVINCES):
                # 省财政厅 of a Henan document, read as 河南省财政厅
                items.append(_item("province_unit", c, f"{u.as_written} → {u.name}"))
            elif _UNSPLIT.search(u.as_written) or len(u.as_written) > 20:
                items.append(_item("unsplit_note", c, f"could not split: {u.as_written}"))
            else:
                items.append(_item("unknown_unit", c, f"{u.as_written} is not in the directory"))
        if c.lead_units and all(u.generic for u in c.lead_units) and not any(
                not u.generic for u in c.coop_units):
            names = "、".join(u.as_written for u in c.lead_units)
            items.append(_item("generic_only_lead", c, f"lead is only generic: {names}"))
        text_units = [u for u in units if u.source == "text"]
        if text_units:
            names = "、".join(f"{u.as_written}（{'牵头' if u.role == 'lead' else '配合'}）"
                             for u in text_units)
            items.append(_item("text_duty", c, f"from a sentence: {names}"))
        for t in c.targets if not doc.period else ():
            if t.year is None and t.period is None:
                items.append(_item("target_without_year", c, f"{t.text}"))
    return tuple(items)


def counts(report) -> dict[str, int]:
    out = {kind: 0 for kind in KINDS}
    for item in report:
        out[item["kind"]] = out.get(item["kind"], 0) + 1
    return out


def summary(doc: Document) -> str:
    """One line per document for ``policykb ingest``."""
    clauses = len(doc.clauses)
    with_units = sum(1 for c in doc.clauses if c.lead_units or c.coop_units)
    c = counts(doc.report)
    parts = [f"{KINDS[k][1]} ×{v}" for k, v in c.items() if v]
    tail = "; to check: " + ", ".join(parts) if parts else "; nothing to check"
    return f"{clauses} clauses, {with_units} with units{tail}"
