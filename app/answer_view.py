"""The answer card, one shape per intent, and its evidence, paged.

who_leads    the units ranked by how many of the clauses name them, each with its best clause
unit_duties  the unit's task headings grouped by document, 牵头 and 配合 apart
targets      a table: metric, value, comparator, year, lead units, clause
shared       the clauses the units share
search       the documents the hits come from (with counts), then the clauses
document     the document, then its clauses
An empty answer says so once, and shows the nearest clauses as related, not an answer.
"""

from __future__ import annotations

import streamlit as st

from app.common import _md, clause_card, export_buttons, page, pager, pager_buttons, unit_link
from kb.reports import (
    answer_ids,
    answer_note,
    answer_targets,
    answer_total,
    by_document,
    cite,
    doc_label,
    document_counts,
    evidence_rows,
    heading_line,
    page_hits,
    ranked_units,
    roles_of,
)

PAGE_SIZE = 10
MORE = 100  # clauses added by "show more" when a ranked answer was cut at its limit
RANKED = ("who_leads", "search", "targets")
UNITS_SHOWN = 10  # ranked units listed at once; the rest on demand
TARGET_ROWS = 200  # rows of an answer's target table; the Targets page has them all
INTENT_LABELS = {
    "who_leads": "谁牵头 · who leads",
    "unit_duties": "部门职责 · what the unit does",
    "targets": "目标 · targets",
    "shared": "共同职责 · shared duties",
    "search": "全文检索 · search",
    "document": "文件 · a document",
}


def _more(limit: int) -> None:
    st.session_state["ask_limit"] = limit + MORE


def render(kb, answer, elapsed_ms: float, state, page_key: str = "ask_page",
           limit: int | None = None) -> None:
    total = answer_total(answer)
    # Ranked answers stop at ``limit`` clauses: then there may be more, and we say so.
    capped = limit is not None and answer.intent in RANKED and len(answer.hits) >= limit
    with st.container(border=True, key="answer-card"):
        st.subheader("答案 · Answer")
        meta = ["各自职责 · each unit's duties" if getattr(answer, "each", False)
                else INTENT_LABELS.get(answer.intent, answer.intent)]
        if answer.topic:
            meta.append(f"主题 topic：{answer.topic}")
        if answer.year:
            meta.append(f"年份 year：{answer.year}")
        if answer.documents:
            meta.append("范围 in：" + "、".join(d["doc_number"] or d["title"]
                                              for d in answer.documents))
        if capped:
            meta.append(f"最相关的 {total} 条（还有更多）/ the {total} most relevant clauses "
                        "(there are more)")
        elif not answer.empty:
            meta.append(f"共 {total} 条 / {total} clause{'s' if total != 1 else ''}")
        meta.append(f"{elapsed_ms:.0f} ms")
        st.caption(" · ".join(meta))
        if answer.empty:
            st.info(answer.message or "没有找到相关条款 / nothing in the knowledge base answers this")
        else:
            note = answer_note(answer)
            if note:
                st.warning(note)
            page_no, pages = pager(page_key, total, PAGE_SIZE)
            hits = page_hits(kb, answer, page_no, PAGE_SIZE)
            CARDS.get(answer.intent, _search_card)(kb, answer, hits, state)
    if answer.empty:
        _related(answer)
        return
    st.subheader("依据条款 · Evidence")
    roles = roles_of(answer) if answer.intent == "unit_duties" else {}
    for i, hit in enumerate(hits):
        clause_card(hit.clause, hit.document, hit.highlights, key=f"hit-{page_no}-{i}",
                    role=roles.get(hit.clause.clause_id))
    pager_buttons(page_key, page_no, pages, total, PAGE_SIZE)
    if capped and page_no == pages - 1:
        st.button(f"再显示 {MORE} 条 / show {MORE} more", on_click=_more, args=(limit,))
    export_buttons(lambda: evidence_rows(page_hits(kb, answer, 0, len(answer_ids(answer)))),
                   f"答案-{answer.question[:30]}", key="answer")


def _related(answer) -> None:
    if not answer.related:
        return
    st.subheader("相关但非答案 · Related, not an answer")
    st.caption("以下条款与问题用词相近，但不能回答这个问题 / these clauses share words with the "
               "question but do not answer it")
    for i, hit in enumerate(answer.related):
        clause_card(hit.clause, hit.document, hit.highlights, key=f"related-{i}", correct=False)


# ------------------------------------------------------------------ one card per intent


def _who_leads_card(kb, answer, hits, state) -> None:
    best = {h.clause.clause_id: h for h in answer.hits}
    for role, title in (("recipient", "报送、申请对象 Where it goes"), ("lead", "牵头部门 Lead units"),
                        ("coop", "配合部门 Cooperating units")):
        # the answer's order: the units of the clause that best answers come first (a
        # class of bodies named in many clauses must not push them down)
        units = ranked_units(answer, role, by_count=False)
        if not units:
            continue
        st.markdown(f"**{title}**（按最相关条款排序 / best clause first）")
        word = {"lead": "牵头", "coop": "配合", "recipient": "接收"}[role]
        with st.container(key=f"units-{role}"):
            _ranked(units[:UNITS_SHOWN], best, word, 1)
            rest = units[UNITS_SHOWN:]
            if rest:  # drawn when opened: a broad topic can name dozens of units
                more = st.expander(f"其余 {len(rest)} 个部门 / {len(rest)} more units",
                                   key=f"more-units-{role}", on_change="rerun")
                with more:
                    if more.open:
                        _ranked(rest, best, word, UNITS_SHOWN + 1)


def _ranked(units, best, word: str, start: int) -> None:
    shown = None
    for rank, unit in enumerate(units, start):
        hit = best.get(unit.best)
        if hit is not None and unit.best != shown:  # units sharing it follow it
            shown = unit.best
            st.caption(f"最相关条款 best clause：{cite(hit.clause, hit.document)}　"
                       f"{heading_line(hit.clause).split(' ', 1)[-1]}")
        unit_link(unit.name, f"{rank}. {unit.name}　{unit.english}　·　{word} {unit.count} 条")


def _unit_duties_card(kb, answer, hits, state) -> None:
    names = list(dict.fromkeys(u.name for u in answer.units))
    for name in names:
        units = {u.role: u for u in answer.units if u.name == name}
        english = next((u.english for u in units.values() if u.english), "")
        lead = units.get("lead")
        coop = units.get("coop")
        counts = []
        if lead is not None:
            counts.append(f"牵头 {max(lead.total, len(lead.clauses))} 条")
        if coop is not None:
            counts.append(f"配合 {max(coop.total, len(coop.clauses))} 条")
        unit_link(name, f"{name}　{english}　·　" + " · ".join(counts))
    st.markdown("**任务标题 · Task headings**（本页 / this page）")
    roles = roles_of(answer)
    for doc, items in by_document(hits).values():
        st.markdown(f"**{_md(doc_label(doc))}**")
        for role, word in (("lead", "牵头 Lead"), ("coop", "配合 Cooperating")):
            lines = [heading_line(h.clause) for h in items if roles.get(h.clause.clause_id) == role]
            if lines:
                st.markdown(f"{word}：\n" + "\n".join(f"- {_md(line)}" for line in lines))


def _targets_card(kb, answer, hits, state) -> None:
    rows = answer_targets(answer.hits, answer.year)
    st.markdown(f"**目标一览 · Targets**（{len(rows)} 项 / targets）")
    if rows:
        st.dataframe(rows[:TARGET_ROWS], hide_index=True, width="stretch",
                     column_config={"条款 Clause": st.column_config.TextColumn(width="large")})
    if len(rows) > TARGET_ROWS:
        st.caption(f"表中列出前 {TARGET_ROWS} 项，共 {len(rows)} 项 / the first {TARGET_ROWS} of "
                   f"{len(rows)} targets")
        st.page_link(page("targets"), label="在“目标”页查看全部并下载 / all of them on Targets",
                     query_params={"year": str(answer.year)} if answer.year else None,
                     icon=":material/flag:")
    lead = ranked_units(answer, "lead")
    if lead:
        with st.container(key="units-targets"):
            st.markdown("**牵头部门 Lead units**")
            for unit in lead[:10]:
                unit_link(unit.name, f"{unit.name}　{unit.english}　·　{unit.count} 条")


def _shared_card(kb, answer, hits, state) -> None:
    if getattr(answer, "each", False):
        _each_card(answer, hits)
        return
    names = list(dict.fromkeys(u.name for u in answer.units))
    with st.container(key="units-shared"):
        for name in names:
            english = next((u.english for u in answer.units if u.name == name), "")
            unit_link(name, f"{name}　{english}")
    total = answer_total(answer)
    st.markdown(f"**共同条款 · Shared clauses**：共 {total} 条")
    for doc, items in by_document(hits).values():
        st.markdown(f"**{_md(doc_label(doc))}**\n" +
                    "\n".join(f"- {_md(heading_line(h.clause))}" for h in items))


def _each_card(answer, hits) -> None:
    """X和Y分别要做什么: each unit asked, then its own clauses."""
    clauses = {h.clause.clause_id: h.clause for h in hits}
    with st.container(key="units-each"):
        for unit in answer.units:
            unit_link(unit.name, f"{unit.name}　{unit.english}　·　{len(unit.clauses)} 条")
            own = [clauses[c] for c in unit.clauses if c in clauses]
            st.markdown("\n".join(f"- {_md(heading_line(c))}" for c in own)
                        if own else "- 未找到相关条款 / none found")


def _search_card(kb, answer, hits, state) -> None:
    counts = document_counts(answer.hits)
    if answer.units:
        lead = ranked_units(answer, "lead")[:5]
        if lead:
            with st.container(key="units-search"):
                st.markdown("**涉及的牵头部门 Lead units in these clauses**")
                for unit in lead:
                    unit_link(unit.name, f"{unit.name}　{unit.english}　·　{unit.count} 条")
    st.markdown("**文件分布 · Documents**")
    from dataclasses import replace

    from app.ask_state import link_of, query_dict
    from app.common import doc_lookup

    keys = {d: c.key for d, c in doc_lookup(kb).items()}
    for doc, n in counts:
        label = f"{doc_label(doc)} · {n} 条"
        if state is not None and len(counts) > 1 and state.docs != (doc.doc_id,):
            narrowed = replace(state, docs=(doc.doc_id,))
            st.page_link(page("ask"), label=label + "　→ 只看此文件 only this document",
                         query_params=query_dict(link_of(narrowed, keys)),
                         icon=":material/filter_alt:")
        else:
            st.markdown(f"- {_md(label)}")


def _document_card(kb, answer, hits, state) -> None:
    for doc in answer.documents:
        st.markdown(f"**《{_md(doc['title'])}》**　{_md(doc['doc_number'] or '无文号 no number')}")
        st.page_link(page("documents"), label="在文件页查看全文与结构 / open on Documents",
                     query_params={"doc": doc["doc_number"] or doc["doc_id"]},
                     icon=":material/description:")
    st.markdown(f"**条款 · Clauses**：共 {answer_total(answer)} 条")


CARDS = {
    "who_leads": _who_leads_card,
    "unit_duties": _unit_duties_card,
    "targets": _targets_card,
    "shared": _shared_card,
    "search": _search_card,
    "document": _document_card,
}
