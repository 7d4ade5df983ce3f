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
        if clause.correction:
            st.caption(correction_caption(clause.correction))
        elif any(u.source == "text" for u in clause.lead_units + clause.coop_units):
            st.caption("分工取自正文句子，非括注 / Units read from a sentence, not a note")
        if clause.targets:
            items = [
                f"{t.value:g}{t.unit}{t.comparator or ''}"
                + (f"（{t.year}年）" if t.year else "") + (f"（{t.period}）" if t.period else "")
                + f" — {t.metric}"
                for t in clause.targets
            ]
            st.markdown("**目标 Targets**：" + "；".join(_md(i) for i in items))
        st.code(cite, language=None)
        with st.popover("更正 Correct", help="更正本条的牵头/配合部门 / Correct this clause's units"):
            correction_form(clause, key=f"fix-{key}-{clause.clause_id}")


def correction_caption(fix: dict) -> str:
    was = fix.get("extracted", {})
    return (f"已更正 Corrected · {fix['author']} · {fix['created_at'][:10]} · {fix['reason']} · "
            f"原提取 extracted: 牵头 {'、'.join(was.get('lead', [])) or '—'}；"
            f"配合 {'、'.join(was.get('coop', [])) or '—'}")


def correction_form(clause, key: str) -> None:
    """Correct a clause's lead / cooperating units: names by any alias, 、 separated."""
    from kb.corrections import CorrectionError, split_units

    with st.form(key):
        lead = st.text_input("牵头 Lead", "、".join(u.name for u in clause.lead_units))
        coop = st.text_input("配合 Cooperating", "、".join(u.name for u in clause.coop_units))
        who = st.text_input("更正人 By")
        why = st.text_input("理由 Why")
        if st.form_submit_button("保存更正 Save"):
            try:
                get_kb().correct_clause(clause.clause_id, split_units(lead), split_units(coop),
                                        who, why)
            except CorrectionError as exc:
                st.error(f"未保存：{_zh_error(str(exc))} / Not saved: {exc}")
            else:
                st.success("已保存，答案与导出即刻采用 / Saved: answers and exports use it now")


def _zh_error(message: str) -> str:
    if "not a unit in the directory" in message:
        return "部门名称不在名录中，请用名录中的名称（可用简称）"
    if "--by" in message:
        return "请填写更正人和理由"
    return "请检查输入"


def report_panel(doc) -> None:
    """Where extraction is unsure in ``doc``: each item with the clause text beside it."""
    from ingest import report as extraction_report

    items = list(doc.report)
    if not items:
        st.success("提取无疑点 / Nothing to check in the extraction")
        return
    st.warning(f"提取待核对 {len(items)} 处 / {len(items)} places to check: "
               f"{extraction_report.summary(doc)}")
    for kind, (zh, en) in extraction_report.KINDS.items():
        rows = [i for i in items if i["kind"] == kind]
        if not rows:
            continue
        with st.expander(f"{zh} · {en}（{len(rows)}）"):
            for item in rows:
                st.markdown(f"**{_md(item['path'] or '全文')}**　{_md(item['detail'])}")
                if item["text"]:
                    st.caption(item["text"])


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


__all__ = ["EXAMPLES", "get_kb", "doc_labels", "documents_or_notice", "unit_link", "clause_card",
           "export_buttons", "role_label", "report_panel", "correction_form", "correction_caption"]
