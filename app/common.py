"""Shared pieces of the pages: the opened knowledge base, the lists the pickers show
(computed once per knowledge-base generation), how a clause is shown, exports."""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass

import streamlit as st

from app import PAGES, warm
from kb import KnowledgeBase, Settings
from kb.reports import (
    cite,
    download_name,
    heading_in_text,
    highlight_html,
    role_label,
    to_csv,
    to_xlsx,
)

EXAMPLES = [
    "哪些部门牵头科技成果转化",
    "which departments lead on tech transfer",
    "省科技厅牵头哪些任务",
    "2025年要达到哪些目标",
    "省科技厅和省发展改革委共同牵头的任务",
    "宅基地三权分置",
]
LOADING = "正在打开知识库… / Opening the knowledge base…"


# ------------------------------------------------------------------ the knowledge base


@st.cache_resource(show_spinner=False)
def open_kb(home: str) -> KnowledgeBase:
    """One knowledge base per folder for the whole server: the one the background
    loader opened at server start (app/warm.py), else opened and warmed here."""
    kb = warm.take(home)
    if kb is None:
        logging.getLogger("jieba").setLevel(logging.WARNING)
        kb = KnowledgeBase.open(home)
        kb.analyzer.warm_up()
    return kb


def kb_home() -> str:
    return str(Settings.from_env().home)


def get_kb() -> KnowledgeBase:
    home = kb_home()
    if warm.ready(home):
        return open_kb(home)
    notice = st.empty()  # the first visit while the knowledge base is still loading
    notice.info(LOADING)
    kb = open_kb(home)
    notice.empty()
    return kb


def generation(kb) -> int:
    return kb.store.generation()


@dataclass(frozen=True)
class DocChoice:
    doc_id: str
    label: str  # 《title》（文号）
    key: str  # how a link names it: the 文号 when it names one document, else the doc_id
    short: str  # 文号 or the title's first words, for chart labels
    order: int


@st.cache_data(show_spinner=False, max_entries=8)
def doc_choices(home: str, generation: int) -> list[DocChoice]:
    """Current documents, in the order they were added: from the headers (metadata
    only), once per knowledge-base generation."""
    from kb.reports import doc_label, doc_short

    headers = open_kb(home).current_headers()
    numbers: dict[str, int] = {}
    for h in headers.values():
        if h.doc_number:
            numbers[h.doc_number] = numbers.get(h.doc_number, 0) + 1
    return [DocChoice(d, doc_label(h), h.doc_number if h.doc_number and numbers[h.doc_number] == 1
                      else d, doc_short(h), i)
            for i, (d, h) in enumerate(headers.items())]


@st.cache_data(show_spinner=False, max_entries=8)
def unit_choices(home: str, generation: int) -> list:
    """Named units with duties and their counts (kb.views.unit_counts), per generation."""
    from kb import views

    return views.unit_counts(open_kb(home).store)


@st.cache_data(show_spinner=False, max_entries=8)
def target_years(home: str, generation: int) -> list[int]:
    from kb import views

    return [y for y, _ in views.target_years(open_kb(home).store) if y is not None]


@st.cache_data(show_spinner=False, max_entries=8)
def corpus_counts(home: str, generation: int) -> dict[str, int]:
    from kb import views

    return views.counts(open_kb(home).store)


def doc_lookup(kb) -> dict[str, DocChoice]:
    return {d.doc_id: d for d in doc_choices(kb_home(), generation(kb))}


def documents_or_notice(kb) -> list[DocChoice]:
    """The corpus, or a notice that it is empty (then the page has nothing to show)."""
    docs = doc_choices(kb_home(), generation(kb))
    if not docs:
        st.info("知识库为空，请在“添加文件”页添加文件 / The knowledge base is empty: add a "
                "document on 添加文件 Add a document.")
    return docs


# ------------------------------------------------------------------ style


CSS = """
<style>
/* Links to pages inside the answer look like links and wrap on narrow screens. */
[data-testid="stMain"] [data-testid="stPageLink"] a { padding-left: 0; }
[data-testid="stMain"] [data-testid="stPageLink"] a p,
[data-testid="stMain"] [data-testid="stPageLink"] a span {
  color: #1a5fb4; text-decoration: underline; text-underline-offset: 3px;
  white-space: normal; overflow: visible; text-overflow: clip;
}
[data-testid="stMain"] [data-testid="stPageLink"] a:hover p { color: #0b3d91; }
/* Streamlit's English "Running… Stop" badge; the pages say what they are doing. */
[data-testid="stStatusWidget"] { display: none !important; }
/* Citations: the text wraps, the copy button is always visible (touch screens). */
.pkb-cite { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem .6rem;
  background: #f4f6fa; border: 1px solid #dde3ee; border-radius: .4rem; padding: .35rem .6rem; }
.pkb-cite-text { flex: 1 1 16rem; word-break: break-word; font-size: .95rem; }
.pkb-copy { flex: 0 0 auto; border: 1px solid #1a5fb4; color: #1a5fb4; background: #fff;
  border-radius: .35rem; padding: .2rem .65rem; font-size: .85rem; cursor: pointer; }
.pkb-copy:active { background: #e6effa; }
.pkb-text { line-height: 1.7; word-break: break-word; }
.pkb-text mark { background: #fde68a; padding: 0; }
/* The heat map keeps its cells readable and scrolls sideways on narrow screens. */
.st-key-heatmap [data-testid="stElementContainer"] { overflow-x: auto; max-width: 100%; }
/* The original text of a document: readable, scrolling beside the outline. */
.pkb-original { white-space: pre-wrap; word-break: break-word; line-height: 1.7;
  max-height: 900px; overflow-y: auto; border: 1px solid #dde3ee; border-radius: .4rem;
  padding: .6rem .8rem; background: #fbfcfe; }
/* Text in tables and captions wraps rather than being cut. */
[data-testid="stMain"] [data-testid="stCaptionContainer"] { word-break: break-word; }
</style>
"""


def inject_css() -> None:
    st.html(CSS)
    st.html(COPY_JS, unsafe_allow_javascript=True)


# ------------------------------------------------------------------ links and cards


def page(key: str):
    """The st.Page registered for ``key`` (search_app.py), or its script path."""
    from app import NAV

    return NAV.get(key) or PAGES[key]


def unit_link(name: str, label: str | None = None) -> None:
    st.page_link(page("units"), label=label or name, query_params={"unit": name})


# One listener for every copy button (Streamlit strips inline onclick handlers): the
# clipboard API where the page is a secure context (localhost, https), else a hidden
# textarea and execCommand("copy"), which also works over plain http on the office network.
COPY_JS = """
<script>
if (!window.__pkbCopy) {
  window.__pkbCopy = true;
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".pkb-copy");
    if (!button) return;
    var text = button.getAttribute("data-cite");
    function done() {
      button.textContent = "已复制 Copied";
      setTimeout(function () { button.textContent = "复制引用 Copy"; }, 1500);
    }
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text; area.setAttribute("readonly", "");
      area.style.position = "fixed"; area.style.opacity = "0";
      document.body.appendChild(area); area.select();
      try { document.execCommand("copy"); done(); } catch (e) {}
      document.body.removeChild(area);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else { fallback(); }
  });
}
</script>
"""


def citation_block(text: str) -> None:
    """The citation with a copy button that is always visible (not only on hover), which
    also works over plain http on the office network (no clipboard API there)."""
    st.html(
        f'<div class="pkb-cite"><span class="pkb-cite-text">{html.escape(text)}</span>'
        f'<button type="button" class="pkb-copy" data-cite="{html.escape(text, quote=True)}">'
        "复制引用 Copy</button></div>")


def clause_card(clause, document, highlights=(), key: str = "", role: str | None = None,
                correct: bool = True) -> None:
    """One evidence clause: where it is from, its text with the matches marked, who
    leads and cooperates, its targets, and the citation ready to copy."""
    from kb.reports import format_value, place_of

    with st.container(border=True, key=f"card-{key}-{_css_key(clause.clause_id)}"):
        cite_text = cite(clause, document)
        place = place_of(clause)
        if clause.seq > 1:
            place += f"（第{clause.seq}段）"
        tag = f"　`{role_label(role)}`" if role in ("lead", "coop", "recipient") else ""
        title = f"**{_md(place)}**"
        if not heading_in_text(clause):  # the text does not start with its heading
            title += f"　**{_md(clause.heading)}**"
        st.markdown(title + tag)
        st.caption(f"《{document.cite_title}》" + (f"（{document.doc_number}）"
                                                  if document.doc_number else "（无文号 no number）"))
        from app.living import badge

        badge(get_kb(), clause.doc_id)
        st.html(f'<div class="pkb-text">{highlight_html(clause.text, highlights)}</div>')
        lead = "、".join(u.as_written for u in clause.lead_units) or "—"
        coop = "、".join(u.as_written for u in clause.coop_units) or "—"
        st.markdown(f"**牵头 Lead**：{_md(lead)}　**配合 Cooperating**：{_md(coop)}")
        if clause.correction:
            st.caption(correction_caption(clause.correction))
        elif any(u.source == "text" for u in clause.lead_units + clause.coop_units):
            st.caption("分工取自正文句子，非括注 / Units read from a sentence, not a note")
        if clause.targets:
            items = [
                f"{format_value(t.value)}{t.unit}{t.comparator or ''}"
                + (f"（{t.year}年）" if t.year else "") + (f"（{t.period}）" if t.period else "")
                + f" — {t.metric}"
                for t in clause.targets
            ]
            st.markdown("**目标 Targets**：" + "；".join(_md(i) for i in items))
        citation_block(cite_text)
        from app.login import can

        if correct and can("editor"):
            # The form is drawn when the popover opens, not on every card of every page.
            fix = st.popover("更正 Correct", help="更正本条的牵头/配合部门 / Correct this clause's units",
                             key=f"fixpop-{key}-{_css_key(clause.clause_id)}", on_change="rerun")
            with fix:
                if fix.open:
                    correction_form(clause, key=f"fix-{key}-{clause.clause_id}")


def _css_key(text: str) -> str:
    return "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in text)


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


def metadata_form(kb, doc, key: str, author: str = "", reason: str = "",
                  submit: str = "保存 Save") -> bool:
    """Title, 文号, issuer and date, saved as a document correction. True when saved."""
    from kb.corrections import CorrectionError

    with st.form(key):
        title = st.text_input("标题 Title", doc.title)
        number = st.text_input("文号 Number（如 鲁政字〔2023〕209号）", doc.doc_number or "")
        issuer = st.text_input("发文机关 Issuer", doc.issuer or "")
        signed = st.text_input("成文日期 Signed (YYYY-MM-DD)", doc.signed_date or "")
        who = st.text_input("更正人 By", author)
        why = st.text_input("理由 Why", reason)
        if st.form_submit_button(submit):
            wanted = {"title": title, "doc_number": number, "issuer": issuer, "signed_date": signed}
            changed = {k: v for k, v in wanted.items() if (v or None) != (getattr(doc, k) or None)}
            if not changed:
                st.info("没有改动 / Nothing changed")
                return False
            try:
                kb.correct_document(doc.doc_id, changed, who, why)
            except CorrectionError as exc:
                st.error(f"未保存：请检查日期格式（YYYY-MM-DD）并填写更正人和理由 / Not saved: {exc}")
                return False
            st.success("已保存 / Saved")
            return True
    return False


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


# ------------------------------------------------------------------ paging and exports


def pager(key: str, total: int, size: int) -> tuple[int, int]:
    """Page number state for a list of ``total`` items: returns (page, pages). The
    buttons are drawn by ``pager_buttons`` where the list ends."""
    pages = max(1, -(-total // size))
    current = min(max(0, st.session_state.get(key, 0)), pages - 1)
    st.session_state[key] = current
    return current, pages


def _move(key: str, step: int) -> None:
    st.session_state[key] = st.session_state.get(key, 0) + step


def pager_buttons(key: str, page_no: int, pages: int, total: int, size: int) -> None:
    if pages <= 1:
        return
    first = page_no * size + 1
    last = min(total, (page_no + 1) * size)
    left, middle, right = st.columns([1, 2, 1], vertical_alignment="center")
    left.button("‹ 上一页 Previous", key=f"{key}-prev", disabled=page_no == 0,
                on_click=_move, args=(key, -1), width="stretch")
    middle.caption(f"第 {first}–{last} 条，共 {total} 条 · 第 {page_no + 1}/{pages} 页 "
                   f"/ {first}–{last} of {total}")
    right.button("下一页 Next ›", key=f"{key}-next", disabled=page_no >= pages - 1,
                 on_click=_move, args=(key, 1), width="stretch")


def export_buttons(rows, stem: str, key: str) -> None:
    """CSV and XLSX downloads. ``rows`` may be a callable: then the rows are only built
    when someone clicks (a whole unit's duties at 100,000 clauses is not free)."""
    if not rows:
        return
    build = rows if callable(rows) else (lambda: rows)
    left, right = st.columns(2)
    left.download_button("下载 CSV / Download CSV", lambda: to_csv(build()),
                         download_name(stem, "csv"), mime="text/csv", key=f"{key}-csv",
                         on_click="ignore")
    right.download_button(
        "下载 Excel / Download XLSX", lambda: to_xlsx(build(), stem), download_name(stem, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}-xlsx", on_click="ignore")


__all__ = ["EXAMPLES", "get_kb", "doc_choices", "unit_choices", "documents_or_notice",
           "unit_link", "clause_card", "citation_block", "export_buttons", "role_label",
           "report_panel", "correction_form", "correction_caption", "pager", "pager_buttons"]
