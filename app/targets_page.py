"""目标 / Targets: every quantified target, sortable and filterable."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app.common import export_buttons, get_kb
from kb.reports import targets_table, unit_options


def render() -> None:
    kb = get_kb()
    st.title("目标 · Targets")
    left, right = st.columns(2)
    year = left.selectbox("年份 / Year", ["", *[str(y) for y in range(2020, 2036)]],
                          format_func=lambda y: y or "全部 / all")
    names = [n for n, _, _ in unit_options(kb)]
    unit = right.selectbox("牵头或配合部门 / Unit", [""] + names,
                           format_func=lambda n: n or "全部 / all")
    rows = targets_table(kb, int(year) if year else None, unit or None)
    st.caption(f"{len(rows)} 个目标 targets")
    if not rows:
        st.info("没有符合条件的目标 / No targets match.")
        return
    frame = pd.DataFrame(rows)
    st.dataframe(frame, hide_index=True, width="stretch")
    by_year = frame.assign(**{"年份 Year": frame["年份 Year"].fillna(0).astype(int).astype(str)
                              .replace("0", "未定 none")})
    chart = alt.Chart(by_year).mark_bar().encode(
        x=alt.X("年份 Year:N", title="年份 Year"),
        y=alt.Y("count():Q", title="目标数 Targets"),
        tooltip=["年份 Year", "count()"],
    ).properties(height=220)
    st.altair_chart(chart, width="stretch")
    export_buttons(rows, f"目标-{year or '全部'}", key="targets")


render()
