"""部门 / Departments: everything a unit leads and cooperates on, counted in the store
and listed a page at a time."""

from __future__ import annotations

import streamlit as st

from app.charts import bar_chart, pd
from app.common import (
    _md,
    clause_card,
    doc_lookup,
    export_buttons,
    generation,
    get_kb,
    kb_home,
    open_kb,
    pager,
    pager_buttons,
    unit_choices,
    unit_link,
)
from kb import views
from kb.reports import doc_label, duty_rows
from kb.search import fetch_hits

PAGE_SIZE = 10
MAX_SECTIONS = 25


def _resolve(kb, wanted: str, names: set[str]) -> str | None:
    if wanted in names:
        return wanted
    unit = kb.store.directory.resolve(wanted)
    return unit.name if unit is not None and unit.name in names else None


def render() -> None:
    kb = get_kb()
    home, gen = kb_home(), generation(kb)
    st.title("部门 · Departments")
    units = unit_choices(home, gen)
    if not units:
        st.info("知识库里还没有部门职责 / No duties in the knowledge base yet.")
        return
    counts = {u.name: u for u in units}
    wanted = st.query_params.get("unit")
    if wanted != st.session_state.get("units_link") or "units_unit" not in st.session_state:
        # A link (or the first visit): it decides which unit is shown.
        st.session_state["units_link"] = wanted
        resolved = _resolve(kb, wanted, set(counts)) if wanted else units[0].name
        st.session_state["units_unit"] = resolved
        st.session_state["units_missing"] = wanted if wanted and not resolved else None
        for role in ("lead", "coop"):
            st.session_state[f"units_page_{role}"] = 0
    if st.session_state.get("units_missing"):
        st.warning(f"知识库中没有“{st.session_state['units_missing']}”的职责，请在下面选择部门 / "
                   f"“{st.session_state['units_missing']}” has no duties in the knowledge base; "
                   "choose a unit below")
    name = st.selectbox("部门 / Unit", list(counts), key="units_unit",
                        placeholder="选择部门 / choose a unit", filter_mode="contains",
                        format_func=lambda n: f"{n}（牵头 {counts[n].lead} · 配合 {counts[n].coop}）")
    if name is None:
        return
    if name != wanted:
        st.query_params["unit"] = name
        st.session_state["units_link"] = name
        st.session_state["units_missing"] = None
    _profile(kb, name)
    from app.living import ledger_download

    ledger_download(kb, key=f"unit-{name}", unit=name)


@st.fragment
def _duties(kb, name: str, role: str, total: int) -> None:
    """One page of what the unit leads (or cooperates on), grouped by document; the
    pager reruns only this list."""
    key = f"units_page_{role}"
    page_no, pages = pager(key, total, PAGE_SIZE)
    ids = views.unit_clause_ids(kb.store, name, role, page_no * PAGE_SIZE, PAGE_SIZE)
    hits = fetch_hits(kb, [(cid, 1.0) for cid in ids], [])
    last = None
    for i, hit in enumerate(hits):
        if hit.document.doc_id != last:
            st.markdown(f"#### {_md(doc_label(hit.document))}")
            last = hit.document.doc_id
        clause_card(hit.clause, hit.document, key=f"{role}-{page_no}-{i}", role=role)
    pager_buttons(key, page_no, pages, total, PAGE_SIZE)


@st.cache_data(show_spinner=False, max_entries=64)
def _aggregates(home: str, generation: int, name: str) -> tuple[dict, list, list]:
    """A unit's totals, sections and partners, counted once per knowledge-base generation."""
    store = open_kb(home).store
    return (views.unit_totals(store, name), views.unit_sections(store, name),
            views.unit_partners(store, name))


def _profile(kb, name: str) -> None:
    store = kb.store
    unit = store.directory.get(name)
    if unit is not None:
        st.markdown(f"**{unit.english}**　·　"
                    f"{'省级 provincial' if unit.level == 'provincial' else '国家 national'}")
        if unit.aliases or unit.former:
            st.caption("又称 / Also written: " + "、".join(unit.aliases + unit.former))
    else:
        st.caption("目录中没有这个部门（按原文保留）/ Not in the department directory (kept as written)")
    totals, sections, partners = _aggregates(kb_home(), generation(kb), name)
    a, b, c = st.columns(3)
    a.metric("牵头 Leads", totals["lead"])
    b.metric("配合 Cooperates", totals["coop"])
    c.metric("合作部门 Partners", totals["partners"])

    docs = doc_lookup(kb)
    if sections:
        rows = []
        for s in sections:
            short = docs[s["doc_id"]].short if s["doc_id"] in docs else s["doc_id"]
            rows.append({"部分 Section": f"{short} · {s['section']}",
                         "角色 Role": "牵头 lead" if s["role"] == "lead" else "配合 coop",
                         "条数 Clauses": s["clauses"],
                         "order": (docs[s["doc_id"]].order if s["doc_id"] in docs else 0,
                                   s["order"])})
        frame = pd.DataFrame(rows)
        order = (frame.groupby("部分 Section")["order"].min().sort_values().index.tolist())
        if len(order) > MAX_SECTIONS:
            busiest = set(frame.groupby("部分 Section")["条数 Clauses"].sum()
                          .nlargest(MAX_SECTIONS).index)
            order = [s for s in order if s in busiest]
            frame = frame[frame["部分 Section"].isin(busiest)]
            st.caption(f"按部分统计：显示条款最多的 {MAX_SECTIONS} 个部分（共 {len(sections)} 组）"
                       f" / by section: the {MAX_SECTIONS} busiest sections are shown")
        chart = bar_chart(frame.drop(columns=["order"]), "部分 Section", "条数 Clauses",
                          color="角色 Role", order=order)
        st.altair_chart(chart, width="stretch")

    lead_tab, coop_tab, partner_tab = st.tabs(
        [f"牵头 Leads ({totals['lead']})", f"配合 Cooperates ({totals['coop']})",
         f"合作部门 Partners ({totals['partners']})"])
    for tab, role in ((lead_tab, "lead"), (coop_tab, "coop")):
        with tab:
            _duties(kb, name, role, totals[role])
    with partner_tab:
        if partners:
            st.dataframe(pd.DataFrame(partners, columns=["部门 Unit", "共同条款 Shared clauses"]),
                         hide_index=True, width="stretch")
            with st.container(key="units-partners"):
                for partner, n in partners[:5]:
                    unit_link(partner, f"{partner}　·　共同 {n} 条 / {n} shared")

    def rows() -> list[dict]:
        out = []
        for role in ("lead", "coop"):
            ids = views.unit_clause_ids(store, name, role)
            hits = fetch_hits(kb, [(cid, 1.0) for cid in ids], [])
            out += duty_rows(hits, {h.clause.clause_id: role for h in hits})
        return out

    export_buttons(rows, f"{name}-职责", key="profile")


render()
