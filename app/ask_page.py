"""问答 / Ask & search: one box for questions and keywords, Chinese or English."""

from __future__ import annotations

import time

import streamlit as st

from app.common import EXAMPLES, clause_card, doc_labels, get_kb, unit_link
from kb.search import filter_hits

INTENT_LABELS = {
    "who_leads": "谁牵头 · who leads",
    "unit_duties": "部门职责 · what the unit does",
    "targets": "目标 · targets",
    "shared": "共同牵头 · shared duties",
    "search": "全文检索 · search",
}


def _pick(question: str) -> None:
    st.session_state["question"] = question


def render() -> None:
    kb = get_kb()
    st.title("问答 · Ask & search")
    st.text_input("问题或关键词 / Question or keywords", key="question",
                  placeholder="例如：哪些部门牵头科技成果转化 / which departments lead on tech transfer")
    st.caption("试试 / Try:")
    columns = st.columns(3)
    for i, example in enumerate(EXAMPLES):
        columns[i % 3].button(example, key=f"example-{i}", on_click=_pick, args=(example,),
                              width="stretch")

    docs = kb.store.documents()
    with st.expander("筛选 / Filters"):
        labels = doc_labels(docs)
        doc_ids = st.multiselect("文件 / Document", list(labels), format_func=labels.get)
        units = [d.name for d in kb.store.unit_duties() if not d.generic]
        unit = st.selectbox("部门 / Unit", [""] + units, format_func=lambda n: n or "全部 / all")
        role = st.radio("角色 / Role", ["", "lead", "coop"], horizontal=True,
                        format_func={"": "全部 / any", "lead": "牵头 lead", "coop": "配合 coop"}.get)
        year = st.selectbox("目标年份 / Target year", [""] + [str(y) for y in range(2020, 2036)],
                            format_func=lambda y: y or "全部 / any")

    question = st.session_state.get("question", "").strip()
    if not question:
        st.info("输入问题，或点击上面的例子。/ Type a question, or click an example above.")
        return
    started = time.perf_counter()
    answer = kb.ask(question, limit=20)
    hits = filter_hits(answer.hits, tuple(doc_ids), unit or None, role or None,
                       int(year) if year else None)
    elapsed = (time.perf_counter() - started) * 1000

    with st.container(border=True):
        st.subheader("答案 · Answer")
        meta = [INTENT_LABELS.get(answer.intent, answer.intent)]
        if answer.topic:
            meta.append(f"主题 topic：{answer.topic}")
        if answer.year:
            meta.append(f"年份 year：{answer.year}")
        st.caption(" · ".join(meta) + f" · {elapsed:.0f} ms")
        if answer.note:
            st.warning(answer.note)
        lead = [u for u in answer.units if u.role == "lead" and u.clauses]
        coop = [u for u in answer.units if u.role == "coop" and u.clauses]
        if lead:
            st.markdown("**牵头部门 Lead units**")
            for rank, u in enumerate(lead, 1):
                unit_link(u.name, f"{rank}. {u.name}　{u.english}　·　{len(u.clauses)} 条 clauses")
        if coop:
            st.markdown("**配合部门 Cooperating units**")
            for u in coop:
                unit_link(u.name, f"{u.name}　{u.english}　·　{len(u.clauses)} 条 clauses")
        if not hits:
            st.info("没有找到相关条款 / No clause matches.")

    if hits:
        st.subheader(f"依据条款 · Evidence ({len(hits)})")
        for i, hit in enumerate(hits):
            clause_card(hit.clause, hit.document, hit.highlights, key=f"hit-{i}")


render()
