"""文件 / Documents: metadata, the heading tree linked to the clauses, each clause beside
the original text (without the portal page around it)."""

from __future__ import annotations

import html

import streamlit as st

from app import NAV, PAGES, living
from app.common import (
    _md,
    correction_caption,
    correction_form,
    documents_or_notice,
    get_kb,
    metadata_form,
    report_panel,
)
from app.login import can
from ingest import format_path
from kb.reports import document_text, format_value, place_of


def render() -> None:
    kb = get_kb()
    st.title("文件 · Documents")
    docs = documents_or_notice(kb)
    if not docs:
        return
    labels = {d.doc_id: d.label for d in docs}
    wanted = st.query_params.get("doc")
    if wanted != st.session_state.get("documents_link") or "documents_doc" not in st.session_state:
        st.session_state["documents_link"] = wanted
        found = [d for d in kb.store.resolve_document(wanted) if d in labels] if wanted else []
        st.session_state["documents_doc"] = found[0] if found else docs[0].doc_id
        st.session_state["documents_missing"] = wanted if wanted and not found else None
    if st.session_state.get("documents_missing"):
        st.warning(f"知识库中没有“{st.session_state['documents_missing']}”这份文件，显示的是第一份 / "
                   f"the document “{st.session_state['documents_missing']}” is not in the "
                   "knowledge base; showing the first one")
    doc_id = st.selectbox("文件 / Document", list(labels), key="documents_doc",
                          format_func=labels.get, filter_mode="contains")
    key = next((d.key for d in docs if d.doc_id == doc_id), doc_id)
    if wanted != key:
        st.query_params["doc"] = key
        st.session_state["documents_link"] = key
    doc = kb.store.document(doc_id)
    newer = kb.store.superseded().get(doc_id)
    if newer:
        st.warning(f"此文件已被同文号的新版本取代，不再出现在答案中 / Superseded by a newer version "
                   f"with the same 文号 ({labels.get(newer, newer)}); it no longer appears in "
                   "answers.")
    meta = {
        "标题 Title": doc.title, "文号 Number": doc.doc_number, "发文机关 Issuer": doc.issuer,
        "成文日期 Signed": doc.signed_date, "发布日期 Published": doc.published_date,
        "主送 Recipients": doc.recipients, "实施期 Period": doc.period, "文种 Type": doc.doc_type,
        "正文标题 Body title": doc.body_title, "来源 Source": f"{doc.source}（{doc.format}）",
    }
    # Lines, not a table: long titles and recipient lists wrap on a phone.
    st.markdown("  \n".join(f"**{k}**：{_md(v or '—')}" for k, v in meta.items()))
    from kb.documents import record as document_record

    record = document_record(kb, doc_id)
    if record:
        v = record["validity"]
        living.badge(kb, doc_id)
        st.caption(f"时效 Validity（{v['as_of']}）：{v['status']}"
                   + ("（推定 presumed）" if v["presumed"] else "") + f" — {v['evidence'][:160]}")
        with st.expander("相关文件 · Related documents"):
            known = {d: {"doc_id": d, "doc_number": h.doc_number, "title": h.cite_title}
                     for d, h in kb.current_headers().items()}
            living.related_panel(record, known, NAV.get("documents") or PAGES["documents"])
    living.ledger_download(kb, key=f"doc-{doc_id}", doc=doc_id)
    if st.toggle("文件库分面 · All documents by issuer, kind, year, validity", key="facets-on"):
        rows = living.document_records(kb)
        for facet, counts in living.facets(rows).items():
            st.markdown(f"**{facet}**　" + "　".join(
                f"{_md(value)} ({n})" for value, n in sorted(counts.items(), key=lambda x: -x[1])))
        for r in rows[:50]:
            st.page_link(NAV.get("documents") or PAGES["documents"],
                         label=f"{r['body_title'] or r['title']}（{r['doc_number'] or '无文号'}）"
                               f" · {r['validity']['status']}", query_params={"doc": r["doc_id"]})
        if len(rows) > 50:
            st.caption(f"共 {len(rows)} 份，列出前 50 份；上面的文件框可按标题或文号查找 / "
                       f"{len(rows)} documents, the first 50 listed; find any in the box above")
    fixes = [f for f in kb.corrections(doc_id=doc_id) if f.kind == "document"]
    for fix in fixes:
        st.caption(f"已更正 Corrected · {fix.author} · {fix.created_at[:10]} · {fix.reason} · "
                   + "；".join(f"{k}: {fix.extracted.get(k) or '—'} → {v or '—'}"
                              for k, v in fix.fields.items()))
    if can("editor"):
        with st.popover("更正文件信息 Correct metadata"):
            metadata_form(kb, doc, key=f"meta-{doc.doc_id}")
    st.subheader("提取报告 · Extraction report")
    report_panel(doc)
    st.caption(f"{len(doc.clauses)} 条款 clauses · "
               f"{sum(1 for c in doc.clauses if c.lead_units or c.coop_units)} 有分工 "
               "with unit notes · "
               f"{sum(len(c.targets) for c in doc.clauses)} 目标 targets")

    anchors = {c.clause_id: f"pkb-clause-{i}" for i, c in enumerate(doc.clauses)}
    tree, text = st.columns([2, 3])
    with tree:
        st.subheader("结构 · Outline")
        st.caption("点击标题跳到条款 / click a heading to go to its clause")
        st.html(_outline_html(doc, anchors))
        st.subheader("条款 · Clauses")
        _clauses(doc, anchors)
    with text:
        st.subheader("原文 · Original text")
        st.html(f'<div class="pkb-original">{html.escape(document_text(doc))}</div>')


@st.fragment
def _clauses(doc, anchors: dict[str, str]) -> None:
    """Each clause as extracted, opened on demand (its text, units, targets and the
    correction form are drawn when opened; opening one reruns only this list)."""
    for clause in doc.clauses:
        label = f"{place_of(clause)} {clause.heading}".strip()
        st.html(f'<div id="{anchors[clause.clause_id]}" class="pkb-anchor"></div>')
        box = st.expander(label + (f"（第{clause.seq}段）" if clause.seq > 1 else ""),
                          key=f"doc-clause-{clause.clause_id}", on_change="rerun")
        with box:
            if not box.open:
                continue
            st.text(clause.text)
            st.markdown("**牵头**：" + ("、".join(f"{u.as_written}→{u.name}"
                                               for u in clause.lead_units) or "—"))
            st.markdown("**配合**：" + ("、".join(f"{u.as_written}→{u.name}"
                                               for u in clause.coop_units) or "—"))
            for t in clause.targets:
                st.markdown(f"- 目标：{format_value(t.value)}{t.unit}{t.comparator or ''} "
                            f"{t.year or ''} {t.period or ''} · {t.metric}")
            if clause.correction:
                st.caption(correction_caption(clause.correction))
            if can("editor"):
                correction_form(clause, key=f"doc-fix-{clause.clause_id}")


def _outline_html(doc, anchors: dict[str, str]) -> str:
    """The heading tree, each heading a link to the first clause under it."""
    lines = []
    for path, heading in doc.outline:
        target = next((anchors[c.clause_id] for c in doc.clauses
                       if tuple(c.path[: len(path)]) == tuple(path)), None)
        text = html.escape(f"{format_path(path)} {heading}".strip())
        indent = (len(path) - 1) * 1.2
        item = f'<a href="#{target}">{text}</a>' if target else text
        lines.append(f'<div style="margin-left:{indent}em;line-height:1.8">{item}</div>')
    return '<div class="pkb-outline">' + ("".join(lines) or "—") + "</div>"


render()
