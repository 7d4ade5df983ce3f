"""交叉分析 / Cross-reference: units × sections, and what two units share."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app.common import clause_card, doc_labels, documents_or_notice, export_buttons, get_kb
from kb.reports import cross_matrix, duty_rows, shared_clauses, unit_options

MAX_UNITS = 40
MAX_SECTIONS = 30


def render() -> None:
    kb = get_kb()
    st.title("交叉分析 · Cross-reference")
    docs = documents_or_notice(kb)
    if not docs:
        return
    labels = {"": "全部文件 / whole corpus"} | doc_labels(docs)
    doc_id = st.selectbox("范围 / Scope", list(labels), format_func=labels.get)
    role = st.radio("角色 / Role", ["any", "lead", "coop"], horizontal=True,
                    format_func={"any": "全部 any", "lead": "牵头 lead", "coop": "配合 coop"}.get)
    rows = cross_matrix(kb, doc_id or None)
    if role != "any":
        rows = [r for r in rows if r["role"] == role]
    if rows:
        frame = pd.DataFrame(rows).groupby(["unit", "section"], as_index=False)["clauses"].sum()
        busiest = frame.groupby("unit")["clauses"].sum().nlargest(MAX_UNITS).index
        sections = frame.groupby("section")["clauses"].sum().nlargest(MAX_SECTIONS).index
        if len(busiest) < frame["unit"].nunique() or len(sections) < frame["section"].nunique():
            st.caption(f"显示条款最多的{MAX_UNITS}个部门、{MAX_SECTIONS}个部分 / showing the "
                       f"{MAX_UNITS} busiest units and {MAX_SECTIONS} busiest sections; the "
                       "export has them all")
        frame = frame[frame["unit"].isin(busiest) & frame["section"].isin(sections)]
        height = max(220, 26 * frame["unit"].nunique())
        heat = alt.Chart(frame).mark_rect().encode(
            x=alt.X("section:N", title="部分 Section", axis=alt.Axis(labelAngle=-40, labelLimit=240, labelOverlap=False)),
            y=alt.Y("unit:N", title="部门 Unit", sort="-color", axis=alt.Axis(labelLimit=280, labelOverlap=False)),
            color=alt.Color("clauses:Q", title="条数", scale=alt.Scale(scheme="blues")),
            tooltip=["unit", "section", "clauses"],
        ).properties(height=height)
        st.altair_chart(heat, width="stretch")
        export_buttons(rows, "部门-部分矩阵", key="matrix")
    else:
        st.info("没有部门职责 / No duties here.")

    st.subheader("两个部门的共同条款 · Clauses two units share")
    names = [n for n, _, _ in unit_options(kb)]
    if len(names) < 2:
        return
    left, right = st.columns(2)
    first = left.selectbox("部门一 / First unit", names, index=0)
    second = right.selectbox("部门二 / Second unit", names, index=min(1, len(names) - 1))
    if first == second:
        st.caption("请选两个不同的部门 / Pick two different units.")
        return
    duties = shared_clauses(kb, first, second)
    st.caption(f"{len(duties)} 条 clauses")
    for i, duty in enumerate(duties):
        clause_card(duty.clause, duty.document, key=f"shared-{i}")
    export_buttons(duty_rows(duties), f"{first}-{second}-共同条款", key="shared")


render()
