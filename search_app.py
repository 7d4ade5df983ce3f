"""policykb — Streamlit front end (placeholder: the corpus and its clauses).

Opens the knowledge base named by $POLICYKB_HOME (./data by default) once per server.
No parsing, ranking or SQL here: everything comes from the kb library.
"""

from __future__ import annotations

import streamlit as st

from ingest import format_path
from kb import KnowledgeBase, Settings


@st.cache_resource
def knowledge_base(home: str) -> KnowledgeBase:
    """One opened knowledge base per folder, shared by every session of this server."""
    return KnowledgeBase.open(home)


def main() -> None:
    st.set_page_config(page_title="policykb 政策条款库", layout="wide")
    st.title("政策条款库 · policykb")
    kb = knowledge_base(str(Settings.from_env().home))
    docs = kb.store.documents()
    if not docs:
        st.info("知识库为空 / The knowledge base is empty: run `policykb ingest corpus`.")
        return
    labels = {d.doc_id: f"{d.title}（{d.doc_number or '无文号'}）" for d in docs}
    doc_id = st.selectbox("文件 / Document", list(labels), format_func=labels.get)
    doc = kb.store.document(doc_id)
    st.caption(
        f"发文机关 Issuer: {doc.issuer or '—'} · 成文日期 Signed: {doc.signed_date or '—'} · "
        f"发布日期 Published: {doc.published_date or '—'}"
    )
    rows = [
        {
            "条款 Path": format_path(c.path),
            "标题 Heading": c.heading,
            "牵头 Lead": "、".join(u.as_written for u in c.lead_units),
            "配合 Cooperating": "、".join(u.as_written for u in c.coop_units),
            "目标 Targets": "；".join(t.text for t in c.targets),
        }
        for c in doc.clauses
    ]
    st.dataframe(rows, width="stretch", hide_index=True)


main()
