"""Documents as living records in the app: a validity badge, facets with counts, related
documents in both directions, and the 督办台账 download."""

from __future__ import annotations

import streamlit as st

from kb.documents import LABELS, records, validities

BADGE_COLORS = {"现行有效": "green", "推定有效": "blue", "已修改": "orange",
                "实施期已结束": "gray", "尚未生效": "violet", "已到期": "red", "已废止": "red",
                "被替代": "red"}


def validity_of(kb, doc_id: str, as_of: str | None = None):
    return validities(kb, as_of).get(doc_id)


def badge(kb, doc_id: str, as_of: str | None = None) -> None:
    """A coloured 时效 badge with its evidence on hover."""
    v = validity_of(kb, doc_id, as_of)
    if v is None:
        return
    label = v.status + ("（推定）" if v.presumed else "")
    st.badge(label, color=BADGE_COLORS.get(v.status, "gray"), help=f"{v.evidence}（{v.as_of}）")


@st.cache_data(show_spinner=False, max_entries=8)
def _records(home: str, generation: int, as_of: str | None) -> list[dict]:
    from app.common import get_kb

    return records(get_kb(), as_of)


def document_records(kb, as_of: str | None = None) -> list[dict]:
    return _records(str(kb.settings.home), kb.store.generation(), as_of)


def facets(rows: list[dict]) -> dict[str, dict[str, int]]:
    """Counts by issuer, 文种, year and validity, like pkulaw's facet list."""
    out: dict[str, dict[str, int]] = {"发文机关 Issuer": {}, "文种 Kind": {}, "年份 Year": {},
                                      "时效 Validity": {}}
    for r in rows:
        year = (r["signed_date"] or r["published_date"] or "")[:4] or "未知"
        kind = r["frame"].get("文种") or r["doc_type"] or "未知"
        for facet, value in (("发文机关 Issuer", r["issuer"] or "未知"), ("文种 Kind", kind),
                             ("年份 Year", year), ("时效 Validity", r["validity"]["status"])):
            out[facet][value] = out[facet].get(value, 0) + 1
    return out


def related_panel(record: dict, by_id: dict[str, dict], page) -> None:
    """Related documents, both directions, each a link when it is in the knowledge base."""
    items = [(LABELS[r["type"]], r["target_doc_id"], r["target_number"] or "",
              r["target_title"] or "", r["evidence"]) for r in record["relations"]]
    items += [(LABELS[r["type"]], r["source_doc_id"], (by_id.get(r["source_doc_id"]) or {}).get(
        "doc_number") or "", (by_id.get(r["source_doc_id"]) or {}).get("title") or "",
        r["evidence"]) for r in record["related_by"]]
    if not items:
        st.caption("未发现与其他文件的关系 / No relations to other documents found.")
        return
    for label, doc_id, number, title, evidence in items:
        name = f"《{title}》{number}".strip() if title else number
        if doc_id and doc_id != record["doc_id"] and doc_id in by_id:
            st.page_link(page, label=f"{label}：{name}", query_params={"doc": doc_id})
        elif doc_id == record["doc_id"]:
            st.markdown(f"{label}：{name}（本文件正文 / the body of this document）")
        else:
            st.markdown(f"{label}：{name} — 未收录 / not in the knowledge base")
        st.caption(evidence[:200])


def ledger_download(kb, key: str, doc: str | None = None, unit: str | None = None) -> None:
    """Download buttons for the 督办台账 (XLSX for printing, DOCX 公文 table, CSV), built
    when asked for (a unit's ledger at 100,000 clauses is not made on every visit)."""
    from kb.ledger import LedgerError, build, to_csv, to_docx, to_xlsx
    from kb.reports import download_name

    if not st.toggle("督办台账 Supervision ledger", key=f"{key}-ledger-on",
                     help="生成一行一项任务的督办台账，可下载 XLSX / DOCX / CSV"):
        return
    try:
        ledger = build(kb, doc=doc, unit=unit)
    except LedgerError as exc:
        st.caption(f"无法生成督办台账 / No ledger: {exc}")
        return
    if not ledger.rows:
        return
    stem = ledger.title
    a, b, c = st.columns(3)
    a.download_button("督办台账 XLSX", to_xlsx(ledger), download_name(stem, "xlsx"),
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      key=f"{key}-ledger-xlsx")
    b.download_button("督办台账 DOCX", to_docx(ledger), download_name(stem, "docx"),
                      mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                      key=f"{key}-ledger-docx")
    c.download_button("督办台账 CSV", to_csv(ledger), download_name(stem, "csv"),
                      mime="text/csv", key=f"{key}-ledger-csv")
