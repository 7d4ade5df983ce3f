"""Shared pieces of the pages: the opened knowledge base and how a clause is shown."""

from __future__ import annotations

import logging

import streamlit as st

from kb import KnowledgeBase, Settings
from kb.reports import citation, download_name, highlight_html, role_label, to_csv, to_xlsx

EXAMPLES = [
    "哪些部门牵头科技成果转化",
    "which departments lead on tech transfer",
    "省科技厅牵头哪些任务",
    "2025年要达到哪些目标",
    "省科技厅和省发展改革委共同牵头的任务",
    "宅基地三权分置",
]


@st.cache_resource(show_spinner="正在打开知识库 / Opening the knowledge base…")
def open_kb(home: str) -> KnowledgeBase:
    """One knowledge base per folder for the whole server, warmed up so the first
    question does not pay for loading the dictionaries."""
    logging.getLogger("jieba").setLevel(logging.WARNING)
    kb = KnowledgeBase.open(home)
    kb.analyzer.warm_up()
    kb.store.directory.find("省科技厅")
    return kb


def get_kb() -> KnowledgeBase:
    return open_kb(str(Settings.from_env().home))


def documents_or_notice(kb) -> list:
    """The corpus, or a notice that it is empty (then the page has nothing to show)."""
    docs = kb.store.documents()
    if not docs:
        st.info("知识库为空 / The knowledge base is empty: add a document on 添加文件.")
    return docs


def doc_labels(docs) -> dict[str, str]:
    """How a document is named in pickers: its title and 文号."""
    return {d.doc_id: f"{d.cite_title}（{d.doc_number or '无文号'}）" for d in docs}


def unit_link(name: str, label: str | None = None) -> None:
    from app import PAGES

    st.page_link(PAGES["units"], label=label or name, query_params={"unit": name})


def clause_card(clause, document, highlights=(), key: str = "") -> None:
    """One evidence clause: where it is from, its text with the matches marked, who
    leads and cooperates, its targets, and the citation ready to copy."""
    with st.container(border=True):
        cite = citation(clause, document)
        st.markdown(f"**{_md(cite)}**　{_md(document.doc_number or '无文号')}")
        if clause.heading:
            st.caption(clause.heading)
        st.markdown(highlight_html(clause.text, highlights), unsafe_allow_html=True)
        lead = "、".join(u.as_written for u in clause.lead_units) or "—"
        coop = "、".join(u.as_written for u in clause.coop_units) or "—"
        st.markdown(f"**牵头 Lead**：{_md(lead)}　**配合 Cooperating**：{_md(coop)}")
        if clause.targets:
            items = [
                f"{t.value:g}{t.unit}{t.comparator or ''}"
                + (f"（{t.year}年）" if t.year else "") + (f"（{t.period}）" if t.period else "")
                + f" — {t.metric}"
                for t in clause.targets
            ]
            st.markdown("**目标 Targets**：" + "；".join(_md(i) for i in items))
        st.code(cite, language=None)


def _md(text: str) -> str:
    """Text shown through st.markdown must not be read as markup."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|<>~$" else ch for ch in text)


def export_buttons(rows: list[dict], stem: str, key: str) -> None:
    if not rows:
        return
    left, right = st.columns(2)
    left.download_button("下载 CSV / Download CSV", to_csv(rows), download_name(stem, "csv"),
                         mime="text/csv", key=f"{key}-csv")
    right.download_button(
        "下载 Excel / Download XLSX", to_xlsx(rows, stem), download_name(stem, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}-xlsx")


__all__ = ["EXAMPLES", "get_kb", "doc_labels", "documents_or_notice", "unit_link", "clause_card", "export_buttons", "role_label"]
