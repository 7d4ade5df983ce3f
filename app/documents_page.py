"""文件 / Documents: metadata, the heading tree, each clause beside the original text."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.common import (correction_caption, correction_form, doc_labels, documents_or_notice,
                        get_kb, report_panel)
from ingest import format_path


def render() -> None:
    kb = get_kb()
    st.title("文件 · Documents")
    docs = documents_or_notice(kb)
    if not docs:
        return
    labels = doc_labels(docs)
    doc_id = st.selectbox("文件 / Document", list(labels), format_func=labels.get)
    doc = kb.store.document(doc_id)
    newer = kb.store.superseded().get(doc_id)
    if newer:
        st.warning(f"此文件已被同文号的新版本取代，不再出现在答案中 / Superseded by a newer version "
                   f"with the same 文号 ({labels.get(newer, newer)}); it no longer appears in answers.")
    meta = {
        "标题 Title": doc.title, "文号 Number": doc.doc_number, "发文机关 Issuer": doc.issuer,
        "成文日期 Signed": doc.signed_date, "发布日期 Published": doc.published_date,
        "主送 Recipients": doc.recipients, "实施期 Period": doc.period, "文种 Type": doc.doc_type,
        "正文标题 Body title": doc.body_title, "来源 Source": f"{doc.source}（{doc.format}）",
    }
    st.dataframe(pd.DataFrame([(k, v or "—") for k, v in meta.items()], columns=["字段 Field", "值 Value"]),
                 hide_index=True, width="stretch")
    fixes = [f for f in kb.corrections(doc_id=doc_id) if f.kind == "document"]
    for fix in fixes:
        st.caption(f"已更正 Corrected · {fix.author} · {fix.created_at[:10]} · {fix.reason} · "
                   + "；".join(f"{k}: {fix.extracted.get(k) or '—'} → {v or '—'}"
                              for k, v in fix.fields.items()))
    with st.popover("更正文件信息 Correct metadata"):
        _metadata_form(kb, doc)
    st.subheader("提取报告 · Extraction report")
    report_panel(doc)
    st.caption(f"{len(doc.clauses)} 条款 clauses · "
               f"{sum(1 for c in doc.clauses if c.lead_units or c.coop_units)} 有分工 with unit notes · "
               f"{sum(len(c.targets) for c in doc.clauses)} 目标 targets")

    tree, text = st.columns([2, 3])
    with tree:
        st.subheader("结构 · Outline")
        lines = [f"{'　' * (len(path) - 1)}{format_path(path)} {heading}" for path, heading in doc.outline]
        st.text("\n".join(lines) or "—")
        st.subheader("条款 · Clauses")
        for clause in doc.clauses:
            label = f"{format_path(clause.path) or '前言'} {clause.heading}".strip()
            with st.expander(label + (f"（第{clause.seq}段）" if clause.seq > 1 else "")):
                st.text(clause.text)
                st.markdown("**牵头**：" + ("、".join(f"{u.as_written}→{u.name}" for u in clause.lead_units) or "—"))
                st.markdown("**配合**：" + ("、".join(f"{u.as_written}→{u.name}" for u in clause.coop_units) or "—"))
                for t in clause.targets:
                    st.markdown(f"- 目标：{t.value:g}{t.unit}{t.comparator or ''} "
                                f"{t.year or ''} {t.period or ''} · {t.metric}")
                if clause.correction:
                    st.caption(correction_caption(clause.correction))
                correction_form(clause, key=f"doc-fix-{clause.clause_id}")
    with text:
        st.subheader("原文 · Original text")
        st.text_area("原文", doc.text, height=900, label_visibility="collapsed", disabled=True)


def _metadata_form(kb, doc) -> None:
    from kb.corrections import CorrectionError

    with st.form(f"meta-{doc.doc_id}"):
        title = st.text_input("标题 Title", doc.title)
        number = st.text_input("文号 Number", doc.doc_number or "")
        issuer = st.text_input("发文机关 Issuer", doc.issuer or "")
        signed = st.text_input("成文日期 Signed (YYYY-MM-DD)", doc.signed_date or "")
        who = st.text_input("更正人 By")
        why = st.text_input("理由 Why")
        if st.form_submit_button("保存 Save"):
            wanted = {"title": title, "doc_number": number, "issuer": issuer, "signed_date": signed}
            changed = {k: v for k, v in wanted.items() if (v or None) != (getattr(doc, k) or None)}
            if not changed:
                st.info("没有改动 / Nothing changed")
                return
            try:
                kb.correct_document(doc.doc_id, changed, who, why)
            except CorrectionError as exc:
                st.error(f"未保存：请检查日期格式（YYYY-MM-DD）并填写更正人和理由 / Not saved: {exc}")
            else:
                st.success("已保存 / Saved")


render()
