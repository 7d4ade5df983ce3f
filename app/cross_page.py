"""交叉分析 / Cross-reference: units × sections (or documents), and what two units share.
Counted in the store (kb.views); the chart shows the busiest, the export everything."""

from __future__ import annotations

import streamlit as st

from app.charts import heat_map, pd
from app.common import (
    clause_card,
    doc_lookup,
    documents_or_notice,
    export_buttons,
    generation,
    get_kb,
    kb_home,
    open_kb,
    pager,
    pager_buttons,
    unit_choices,
)
from kb import views
from kb.reports import duty_rows, matrix_rows
from kb.search import fetch_hits

MAX_UNITS = 40
MAX_COLUMNS = 30
MAX_DOCUMENTS = 30  # across the corpus, sections of the busiest documents
PAGE_SIZE = 10
SECTION_VIEW_DOCS = 8  # up to this many documents, the corpus is shown by section


def render() -> None:
    kb = get_kb()
    home, gen = kb_home(), generation(kb)
    st.title("交叉分析 · Cross-reference")
    docs = documents_or_notice(kb)
    if not docs:
        return
    labels = {"": "全部文件 / whole corpus"} | {d.doc_id: d.label for d in docs}
    doc_id = st.selectbox("范围 / Scope", list(labels), format_func=labels.get,
                          filter_mode="contains")
    role = st.radio("角色 / Role", ["any", "lead", "coop"], horizontal=True,
                    format_func={"any": "全部 any", "lead": "牵头 lead", "coop": "配合 coop"}.get)
    by = "section"
    if not doc_id:
        by = st.radio("列 / Columns", ["section", "document"], horizontal=True,
                      index=0 if len(docs) <= SECTION_VIEW_DOCS else 1,
                      format_func={"section": "按部分 by section",
                                   "document": "按文件 by document"}.get)
    _matrix(kb, doc_id or None, by, None if role == "any" else role)
    _shared(kb, home, gen)


@st.cache_data(show_spinner=False, max_entries=32)
def _cells(home: str, generation: int, doc_id: str | None, by: str, role: str | None,
           documents: int) -> tuple[list, list | None, list]:
    """The busiest units (and documents), and their cells, once per generation."""
    store = open_kb(home).store
    if doc_id is None:  # across the corpus the counts are the unit list's, already made
        counts = [(u.name, {"lead": u.lead, "coop": u.coop}.get(role, u.lead + u.coop))
                  for u in unit_choices(home, generation)]
        busiest = sorted([c for c in counts if c[1]], key=lambda c: -c[1])[:MAX_UNITS]
    else:
        busiest = views.busiest_units(store, doc_id, role, MAX_UNITS)
    if not busiest:
        return busiest, None, []
    limit_docs = None
    if doc_id is None:
        top_docs = views.busiest_documents(store, role, MAX_DOCUMENTS)
        if len(top_docs) < documents:
            limit_docs = [d for d, _ in top_docs]
    cells = views.matrix(store, doc_id, by, role, units=[u for u, _ in busiest],
                         doc_ids=limit_docs)
    return busiest, limit_docs, cells


def _matrix(kb, doc_id: str | None, by: str, role: str | None) -> None:
    store = kb.store
    docs = doc_lookup(kb)
    busiest, limit_docs, cells = _cells(kb_home(), generation(kb), doc_id, by, role, len(docs))
    if not busiest:
        st.info("这里没有部门职责 / No duties here.")
        return
    cells = [dict(c) for c in cells]
    for cell in cells:
        doc = docs.get(cell["doc_id"])
        rank = doc.order if doc else 0
        if by == "document":
            cell["column"] = doc.short if doc else cell["doc_id"]
        elif doc_id is None:  # the document in the label: sections repeat across documents
            cell["column"] = f"{doc.short if doc else cell['doc_id']} · {cell['column']}"
        cell["rank"] = (rank, cell["order"])
    frame = pd.DataFrame(cells)
    frame = frame.groupby(["unit", "column"], as_index=False).agg(
        clauses=("clauses", "sum"), rank=("rank", "min"))
    columns = frame.groupby("column")["rank"].min().sort_values().index.tolist()
    if len(columns) > MAX_COLUMNS:
        keep = set(frame.groupby("column")["clauses"].sum().nlargest(MAX_COLUMNS).index)
        columns = [c for c in columns if c in keep]
        frame = frame[frame["column"].isin(keep)]
    notes = []
    if len(busiest) == MAX_UNITS:
        notes.append(f"条款最多的 {MAX_UNITS} 个部门 / the {MAX_UNITS} busiest units")
    if limit_docs is not None:
        notes.append(f"条款最多的 {MAX_DOCUMENTS} 份文件 / the {MAX_DOCUMENTS} busiest documents")
    if len(columns) == MAX_COLUMNS:
        notes.append(f"最多 {MAX_COLUMNS} 列 / at most {MAX_COLUMNS} columns")
    if notes:
        st.caption("图中显示：" + "；".join(notes) + "。导出包含全部 / the export has them all")
    rows = (frame.groupby("unit")["clauses"].sum().sort_values(ascending=False, kind="stable")
            .index.tolist())
    with st.container(key="heatmap"):  # scrolls sideways on a phone rather than squeezing
        st.altair_chart(heat_map(frame, columns, rows), width="content")

    def export() -> list[dict]:
        headers = kb.current_headers()
        return matrix_rows(views.matrix(store, doc_id, by, role), headers)

    export_buttons(export, "部门-部分矩阵" if by == "section" else "部门-文件矩阵", key="matrix")


@st.cache_data(show_spinner=False, max_entries=8)
def _partners(home: str, generation: int, name: str) -> list[tuple[str, int]]:
    return views.unit_partners(open_kb(home).store, name, limit=5)


def _default_pair(kb, names: list[str]) -> tuple[str, str]:
    """The busiest unit and the unit it shares most clauses with."""
    first = names[0]
    partners = [p for p, _ in _partners(kb_home(), generation(kb), first) if p in names]
    second = partners[0] if partners else names[min(1, len(names) - 1)]
    return first, second


def _shared(kb, home: str, gen: int) -> None:
    st.subheader("两个部门的共同条款 · Clauses two units share")
    counts = {u.name: u for u in unit_choices(home, gen)}
    names = list(counts)
    if len(names) < 2:
        st.caption("知识库中有职责的部门不足两个 / fewer than two units have duties")
        return
    if "cross_first" not in st.session_state or st.session_state.get("cross_gen") != gen:
        first, second = _default_pair(kb, names)
        st.session_state.update(cross_first=first, cross_second=second, cross_gen=gen)
    left, right = st.columns(2)
    fmt = lambda n: f"{n}（牵头 {counts[n].lead} · 配合 {counts[n].coop}）"  # noqa: E731
    first = left.selectbox("部门一 / First unit", names, key="cross_first", format_func=fmt,
                           filter_mode="contains")
    second = right.selectbox("部门二 / Second unit", names, key="cross_second", format_func=fmt,
                             filter_mode="contains")
    if first == second:
        st.caption("请选两个不同的部门 / Pick two different units.")
        return
    ids = kb.store.shared_clause_ids([first, second], role=None)
    st.caption(f"共 {len(ids)} 条共同条款 / {len(ids)} shared clause{'s' if len(ids) != 1 else ''}")
    if st.session_state.get("cross_pair") != (first, second):
        st.session_state["cross_pair"] = (first, second)
        st.session_state["cross_page"] = 0
    _shared_list(kb, ids)

    def export() -> list[dict]:
        return duty_rows(fetch_hits(kb, [(cid, 1.0) for cid in ids], []))

    export_buttons(export if ids else [], f"{first}-{second}-共同条款", key="shared")


@st.fragment
def _shared_list(kb, ids: list[str]) -> None:
    """One page of the shared clauses; the pager reruns only this list."""
    key = "cross_page"
    page_no, pages = pager(key, len(ids), PAGE_SIZE)
    page_ids = ids[page_no * PAGE_SIZE: (page_no + 1) * PAGE_SIZE]
    for i, hit in enumerate(fetch_hits(kb, [(cid, 1.0) for cid in page_ids], [])):
        clause_card(hit.clause, hit.document, key=f"shared-{page_no}-{i}")
    pager_buttons(key, page_no, pages, len(ids), PAGE_SIZE)


render()
