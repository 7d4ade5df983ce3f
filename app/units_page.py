"""部门 / Departments: everything a unit leads and cooperates on."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app.common import clause_card, export_buttons, get_kb, unit_link
from kb.reports import duty_rows, unit_options, unit_profile


def render() -> None:
    kb = get_kb()
    st.title("部门 · Departments")
    options = unit_options(kb)
    if not options:
        st.info("知识库里还没有部门职责 / No duties in the knowledge base yet.")
        return
    names = [name for name, _, _ in options]
    counts = {name: (lead, coop) for name, lead, coop in options}
    wanted = st.query_params.get("unit")
    index = names.index(wanted) if wanted in names else 0
    name = st.selectbox("部门 / Unit", names, index=index,
                        format_func=lambda n: f"{n}（牵头{counts[n][0]} · 配合{counts[n][1]}）")
    if name != wanted:
        st.query_params["unit"] = name
    profile = unit_profile(kb, name)
    unit = profile.unit
    if unit is not None:
        st.markdown(f"**{unit.english}**　·　{'省级 provincial' if unit.level == 'provincial' else '国家 national'}")
        if unit.aliases or unit.former:
            st.caption("又称 / Also written: " + "、".join(unit.aliases + unit.former))
    else:
        st.caption("目录中没有这个部门 / Not in the department directory (kept as written)")
    a, b, c = st.columns(3)
    a.metric("牵头 Leads", len(profile.lead))
    b.metric("配合 Cooperates", len(profile.coop))
    c.metric("合作部门 Partners", len(profile.partners))

    sections = profile.by_section()
    if sections:
        chart = alt.Chart(pd.DataFrame(sections)).mark_bar().encode(
            x=alt.X("条数 Clauses:Q"),
            y=alt.Y("部分 Section:N", sort="-x", title=None),
            color=alt.Color("角色 Role:N"),
            tooltip=list(sections[0]),
        ).properties(height=max(120, 28 * len({s["部分 Section"] for s in sections})))
        st.altair_chart(chart, width="stretch")

    lead_tab, coop_tab, partner_tab = st.tabs(
        [f"牵头 Leads ({len(profile.lead)})", f"配合 Cooperates ({len(profile.coop)})",
         f"合作部门 Partners ({len(profile.partners)})"])
    for tab, role in ((lead_tab, "lead"), (coop_tab, "coop")):
        with tab:
            for title, duties in profile.by_document(role).items():
                st.markdown(f"#### 《{title}》 · {len(duties)}")
                for i, duty in enumerate(duties):
                    clause_card(duty.clause, duty.document, key=f"{role}-{i}")
    with partner_tab:
        if profile.partners:
            st.dataframe(pd.DataFrame(profile.partners, columns=["部门 Unit", "共同条款 Shared clauses"]),
                         hide_index=True, width="stretch")
            for partner, _ in profile.partners[:5]:
                unit_link(partner, f"→ {partner}")
    export_buttons(duty_rows(profile.lead + profile.coop), f"{name}-职责", key="profile")


render()
