"""问答 / Ask & search: one box for questions and keywords, Chinese or English.

The question and the filters are in the URL (/ask?q=…&doc=…&unit=…&role=…&year=…): a
link opens on its answer, the back button restores it, another page and back keeps it.
"""

from __future__ import annotations

import time

import streamlit as st

from app import answer_view
from app.ask_state import AskState, link_of, query_dict, read_link, snapshot
from app.common import (
    EXAMPLES,
    doc_choices,
    generation,
    get_kb,
    kb_home,
    target_years,
    unit_choices,
)

ASK_LIMIT = 100  # clauses an answer ranks; the evidence shows them a page at a time
WIDGETS = {"question": "q", "f_docs": "docs", "f_unit": "unit", "f_role": "role",
           "f_year": "year"}


def _pick(question: str) -> None:
    st.session_state["question"] = question


def _clear_filters() -> None:
    st.session_state["f_docs"] = []
    st.session_state["f_unit"] = ""
    st.session_state["f_role"] = ""
    st.session_state["f_year"] = ""


def _widget_value(state: AskState, key: str):
    value = getattr(state, WIDGETS[key])
    return list(value) if key == "f_docs" else value


def _sync_from_link(kb, docs, units, years) -> AskState:
    """Read the link when it is not the one this page last wrote (a shared link, a
    reload, the back button); otherwise the widgets hold the state."""
    url = snapshot(st.query_params)
    state = st.session_state.get("ask")
    if state is None or (url and url != st.session_state.get("ask_url")):
        current = {d.doc_id for d in docs}
        names = {u.name for u in units}

        def resolve_document(ref: str) -> list[str]:
            return [d for d in kb.store.resolve_document(ref) if d in current]

        def resolve_unit(ref: str) -> str | None:
            if ref in names:
                return ref
            unit = kb.store.directory.resolve(ref)
            return unit.name if unit is not None and unit.name in names else None

        reading = read_link(url, resolve_document, resolve_unit, years)
        state = reading.state
        st.session_state["ask"] = state
        st.session_state["ask_warnings"] = reading.warnings
        st.session_state["ask_page"] = 0
        st.session_state["filters_open"] = state.filtered
        for key in WIDGETS:
            st.session_state[key] = _widget_value(state, key)
    else:
        for key in WIDGETS:  # Streamlit dropped them while another page was shown
            if key not in st.session_state:
                st.session_state[key] = _widget_value(state, key)
    return state


def render() -> None:
    kb = get_kb()
    home, gen = kb_home(), generation(kb)
    docs = doc_choices(home, gen)
    units = unit_choices(home, gen)
    years = target_years(home, gen)
    previous = _sync_from_link(kb, docs, units, years)

    st.title("问答 · Ask & search")
    st.text_input("问题或关键词 / Question or keywords", key="question",
                  placeholder="例如：哪些部门牵头科技成果转化 / which departments lead on tech transfer")
    labels = {d.doc_id: d.label for d in docs}
    counts = {u.name: u for u in units}
    active = sum(bool(st.session_state.get(k)) for k in ("f_docs", "f_unit", "f_year"))
    # The filter widgets are drawn only while the expander is open: a first visit (often
    # a shared link) then loads and renders less.
    filters = st.expander("筛选 / Filters" + (f"（已选 {active} 项 / {active} active）"
                                            if active else ""),
                          expanded=bool(active), key="filters_open", on_change="rerun")
    with filters:
        if filters.open:
            st.multiselect("文件 / Document", list(labels), key="f_docs", format_func=labels.get,
                           placeholder="全部文件 / all documents")
            st.selectbox("部门 / Unit", [""] + list(counts), key="f_unit",
                         format_func=lambda n: f"{n}（牵头 {counts[n].lead} · 配合 {counts[n].coop}）"
                         if n else "全部部门 / all units", filter_mode="contains")
            st.radio("角色 / Role", ["", "lead", "coop"], key="f_role", horizontal=True,
                     format_func={"": "全部 / any", "lead": "牵头 lead", "coop": "配合 coop"}.get,
                     disabled=not st.session_state.get("f_unit"),
                     help="先选部门 / choose a unit first")
            st.selectbox("目标年份 / Target year", [""] + [str(y) for y in years], key="f_year",
                         format_func=lambda y: y or "全部年份 / any year", filter_mode=None)
            if active:
                st.button("清除筛选 / Clear filters", on_click=_clear_filters)

    state = AskState(
        q=(st.session_state.get("question") or "").strip(),
        docs=tuple(d for d in st.session_state.get("f_docs") or () if d in labels),
        unit=st.session_state.get("f_unit") or "",
        role=st.session_state.get("f_role") or "",
        year=st.session_state.get("f_year") or "",
    )
    if state != previous:
        st.session_state["ask_page"] = 0
        st.session_state["ask_limit"] = ASK_LIMIT
        if state.q != previous.q or state.filtered != previous.filtered:
            st.session_state["ask_warnings"] = []
    st.session_state["ask"] = state
    link = link_of(state, {d.doc_id: d.key for d in docs})
    if snapshot(st.query_params) != link:
        st.query_params.from_dict(query_dict(link))
    st.session_state["ask_url"] = link

    for warning in st.session_state.get("ask_warnings", []):
        st.warning(warning)

    if not state.q:
        st.info("输入问题或关键词后按回车，或点击下面的例子。/ Type a question and press Enter, "
                "or click an example below.")
        _examples()
        return

    answer, elapsed, limit = _answer(kb, state, gen)
    answer_view.render(kb, answer, elapsed, state, limit=limit)
    with st.expander("试试其他问题 / More examples"):
        _examples()


def _answer(kb, state: AskState, gen: int):
    """The answer for the state, reused while only the page or a widget elsewhere changes."""
    page_no = st.session_state.get("ask_page", 0)
    limit = max(st.session_state.get("ask_limit", ASK_LIMIT),
                (page_no + 1) * answer_view.PAGE_SIZE)
    key = (state.q, state.filters(), limit, gen)
    cached = st.session_state.get("ask_answer")
    if cached and cached[0] == key:
        return cached[1], cached[2], limit
    started = time.perf_counter()
    answer = kb.ask(state.q, limit=limit, filters=state.filters())
    elapsed = (time.perf_counter() - started) * 1000
    st.session_state["ask_answer"] = (key, answer, elapsed)
    return answer, elapsed, limit


def _examples() -> None:
    st.caption("试试 / Try:")
    columns = st.columns(3)
    for i, example in enumerate(EXAMPLES):
        columns[i % 3].button(example, key=f"example-{i}", on_click=_pick, args=(example,),
                              width="stretch")


render()
