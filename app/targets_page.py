"""目标 / Targets: every quantified target, a page at a time, filterable by year and unit."""

from __future__ import annotations

import streamlit as st

from app.charts import bar_chart, pd
from app.common import (
    export_buttons,
    generation,
    get_kb,
    kb_home,
    pager,
    pager_buttons,
    target_years,
    unit_choices,
)
from kb import views
from kb.reports import target_table

PAGE_SIZE = 100


@st.fragment
def _table(kb, year: int | None, unit: str | None, total: int) -> None:
    """One page of the targets table; the pager reruns only the table."""
    key = "targets_page"
    page_no, pages = pager(key, total, PAGE_SIZE)
    rows = target_table(views.target_rows(kb.store, year, unit, page_no * PAGE_SIZE, PAGE_SIZE),
                        kb.current_headers())
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
                 column_config={"原文 Text": st.column_config.TextColumn(width="large"),
                                "条款 Clause": st.column_config.TextColumn(width="large")})
    pager_buttons(key, page_no, pages, total, PAGE_SIZE)


def render() -> None:
    kb = get_kb()
    home, gen = kb_home(), generation(kb)
    store = kb.store
    st.title("目标 · Targets")
    left, right = st.columns(2)
    years = [str(y) for y in target_years(home, gen)]
    names = [u.name for u in unit_choices(home, gen)]
    link = (st.query_params.get("year"), st.query_params.get("unit"))
    if link != st.session_state.get("targets_link") or "targets_year" not in st.session_state:
        # A link (?year=2025&unit=…) sets the filters; what it names that is not here, not.
        st.session_state["targets_link"] = link
        st.session_state["targets_year"] = link[0] if link[0] in years else ""
        st.session_state["targets_unit"] = link[1] if link[1] in names else ""
    year = left.selectbox("年份 / Year", ["", *years], key="targets_year",
                          format_func=lambda y: y or "全部年份 / all years", filter_mode=None)
    unit = right.selectbox("牵头或配合部门 / Unit", [""] + names, key="targets_unit",
                           filter_mode="contains", format_func=lambda n: n or "全部部门 / all units")
    wanted = {k: v for k, v in (("year", year), ("unit", unit)) if v}
    if wanted != {k: v for k, v in (("year", link[0]), ("unit", link[1])) if v}:
        st.query_params.from_dict(wanted)
        st.session_state["targets_link"] = (wanted.get("year"), wanted.get("unit"))
    year_no = int(year) if year else None
    total = views.target_count(store, year_no, unit or None)
    st.caption(f"{total} 个目标 targets")
    if not total:
        st.info("没有符合条件的目标 / No targets match.")
        return
    key = "targets_page"
    if st.session_state.get("targets_filter") != (year, unit):
        st.session_state["targets_filter"] = (year, unit)
        st.session_state[key] = 0
    headers = kb.current_headers()
    _table(kb, year_no, unit or None, total)

    by_year = views.target_years(store, unit or None)
    if year_no is not None:
        by_year = [(y, n) for y, n in by_year if y == year_no]
    frame = pd.DataFrame([{"年份 Year": str(y) if y is not None else "未定 none", "目标数 Targets": n}
                          for y, n in by_year])
    chart = bar_chart(frame, "年份 Year", "目标数 Targets", order=frame["年份 Year"].tolist(),
                      horizontal=False, title_category="年份 Year",
                      title_value="目标数 Targets")
    st.altair_chart(chart, width="stretch")

    def export() -> list[dict]:
        return target_table(views.target_rows(store, year_no, unit or None, 0, None), headers)

    export_buttons(export, f"目标-{year or '全部'}", key="targets")


render()
