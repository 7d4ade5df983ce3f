"""policykb — Streamlit front end. This script only routes; the pages render.

Opens the knowledge base named by $POLICYKB_HOME (./data by default) once per server.
No parsing, ranking or SQL here or in app/: everything comes from the kb library.
"""

from __future__ import annotations

import streamlit as st

from app import PAGES
from app.common import get_kb

st.set_page_config(page_title="policykb 政策条款库", page_icon=":material/policy:", layout="wide")

pages = [
    st.Page(PAGES["ask"], url_path="ask", title="问答 Ask & search", icon=":material/search:", default=True),
    st.Page(PAGES["units"], url_path="units", title="部门 Departments", icon=":material/account_balance:"),
    st.Page(PAGES["cross"], url_path="cross", title="交叉分析 Cross-reference", icon=":material/grid_on:"),
    st.Page(PAGES["targets"], url_path="targets", title="目标 Targets", icon=":material/flag:"),
    st.Page(PAGES["documents"], url_path="documents", title="文件 Documents", icon=":material/description:"),
    st.Page(PAGES["add"], url_path="add", title="添加文件 Add a document", icon=":material/upload_file:"),
]

kb = get_kb()
st.navigation(pages).run()
with st.sidebar:  # after the page, so an upload on this run is already counted
    st.markdown("### 政策条款库 · policykb")
    counts = kb.store.counts()
    st.caption(f"{counts['documents']} 份文件 documents · {counts['clauses']} 条款 clauses")
    for notice in kb.notices:
        st.warning(notice)
