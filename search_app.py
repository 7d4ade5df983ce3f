"""policykb — Streamlit front end. This script only routes; the pages render.

Opens the knowledge base named by $POLICYKB_HOME (./data by default) once per server, in
the background from the moment the server starts (app/warm.py; `make run` starts the
server through app/serve.py so loading begins before the first visit).
No parsing, ranking or SQL here or in app/: everything comes from the kb library.
"""

from __future__ import annotations

import streamlit as st

from app import NAV, PAGES, warm

warm.start()  # once per process; a no-op when app/serve.py already started it

from app.common import corpus_counts, generation, get_kb, inject_css, kb_home  # noqa: E402
from app.login import can, require_login  # noqa: E402

st.set_page_config(page_title="policykb 政策条款库", page_icon="📑", layout="wide")


def _home() -> None:
    """The root URL opens the Ask page at its own address, /ask, with the link's query."""
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    st.switch_page(NAV["ask"], query_params=params)


NAV.update(
    ask=st.Page(PAGES["ask"], url_path="ask", title="问答 Ask & search", icon=":material/search:"),
    units=st.Page(PAGES["units"], url_path="units", title="部门 Departments",
                  icon=":material/account_balance:"),
    cross=st.Page(PAGES["cross"], url_path="cross", title="交叉分析 Cross-reference",
                  icon=":material/grid_on:"),
    targets=st.Page(PAGES["targets"], url_path="targets", title="目标 Targets",
                    icon=":material/flag:"),
    documents=st.Page(PAGES["documents"], url_path="documents", title="文件 Documents",
                      icon=":material/description:"),
    add=st.Page(PAGES["add"], url_path="add", title="添加文件 Add a document",
                icon=":material/upload_file:"),
)
home = st.Page(_home, url_path="home", title="问答 Ask & search", icon=":material/search:",
               default=True, visibility="hidden")
inject_css()
account = require_login(get_kb())  # once any account exists: nothing shows before a login
pages = [home, *(p for k, p in NAV.items() if k != "add" or can("editor"))]
if account is not None and account.can("admin"):
    pages.append(st.Page("app/audit_page.py", url_path="audit", title="审计日志 Audit log",
                         icon=":material/history:"))
current = st.navigation(pages)
current.run()
with st.sidebar:  # after the page, so an upload on this run is already counted
    kb = get_kb()
    st.markdown("### 政策条款库 · policykb")
    counts = corpus_counts(kb_home(), generation(kb))
    st.caption(f"{counts['documents']} 份文件 documents · {counts['clauses']} 条款 clauses")
    for notice in kb.notices:
        st.warning(notice)
    if account is not None:
        st.caption(f"已登录 {account.name}（{account.role}）/ logged in")
        if st.button("退出登录 / Log out"):
            st.session_state.pop("account", None)
            st.rerun()
warm.import_later()  # the chart libraries, once the first page is out
