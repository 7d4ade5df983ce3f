"""添加文件 / Add a document: upload, see what was extracted, searchable at once; when
the file did not say its title, 文号, issuer or date, fill them in right away."""

from __future__ import annotations

import re

import streamlit as st

from app.common import get_kb, metadata_form, report_panel
from app.login import actor
from ingest.loaders import ocr
from kb.reports import error_zh

UPLOADER = "上传者"


def render() -> None:
    kb = get_kb()
    st.title("添加文件 · Add a document")
    limit_mb = kb.settings.max_upload_bytes // 1_000_000
    st.caption(f"支持 PDF（含扫描件，自动识别文字）、Word（.docx/.doc）、WPS、.odt、.rtf、OFD、"
               f"TXT（UTF-8 / GBK）、HTML 网页与 Markdown，单个文件不超过 {limit_mb} MB。"
               f" / PDF (scans are read by OCR), Word .docx/.doc, WPS, .odt, .rtf, OFD, TXT "
               f"(UTF-8 or GBK), HTML pages and Markdown, up to {limit_mb} MB each.")
    files = st.file_uploader("选择文件 / Choose files",
                             type=["pdf", "docx", "doc", "wps", "odt", "rtf", "ofd", "txt", "html",
                                   "htm", "md"],
                             accept_multiple_files=True, max_upload_size=limit_mb)
    done = st.session_state.setdefault("uploads", {})
    for upload in files or []:
        key = f"{upload.file_id}"
        if key not in done:
            with st.status(f"正在处理 / Processing {upload.name}…") as status:
                bar = st.empty()

                def progress(line: str) -> None:  # "page 3/7 …" from the OCR of a scan
                    pages = re.search(r"page (\d+)/(\d+)", line)
                    if pages:
                        done_, total = int(pages.group(1)), int(pages.group(2))
                        bar.progress(min(done_ / max(total, 1), 1.0),
                                     text=f"扫描件文字识别 OCR：第 {done_}/{total} 页")

                with ocr.reporting(progress):
                    outcome = kb.add_upload(upload.getvalue(), upload.name, actor=actor())
                bar.empty()
                if outcome.error is not None:
                    done[key] = ("error", f"{error_zh(outcome.error)}\n\n{outcome.error}")
                    status.update(label=f"未添加 / Not added: {upload.name}", state="error")
                elif not outcome.result.added:
                    doc = outcome.result.document
                    done[key] = ("duplicate", f"{doc.title}（{doc.doc_number or '无文号'}）")
                    status.update(label=f"已存在 / Already there: {upload.name}", state="complete")
                else:
                    done[key] = ("added", _summary(outcome.result.document))
                    done[key][1]["doc_id"] = outcome.result.document.doc_id
                    status.update(label=f"已添加 / Added: {upload.name}", state="complete")
        kind, detail = done[key]
        if kind == "error":
            st.error(detail)
        elif kind == "duplicate":
            st.info(f"知识库中已有这份文件，未重复添加 / Already in the knowledge base, not added "
                    f"again: {detail}")
        else:
            doc = kb.store.document(detail["doc_id"])
            title = f"{doc.title}（{doc.doc_number or '无文号'}）" if doc else detail["title"]
            st.success(f"已添加，可立即检索 / Added and searchable now: {title}")
            a, b, c, d = st.columns(4)
            a.metric("条款 Clauses", detail["clauses"])
            b.metric("有分工 With notes", detail["noted"])
            c.metric("部门 Units", detail["units"])
            d.metric("目标 Targets", detail["targets"])
            if doc is not None:
                _missing_metadata(kb, doc, key)
                report_panel(doc)


def _missing(doc) -> list[str]:
    """What a citation needs that the file did not say."""
    out = []
    if doc.meta.get("title_from") == "file name":
        out.append("标题 title")
    if not doc.doc_number:
        out.append("文号 number")
    if not doc.issuer:
        out.append("发文机关 issuer")
    if not doc.signed_date:
        out.append("成文日期 date")
    return out


def _missing_metadata(kb, doc, key: str) -> None:
    """A plain-text file is otherwise cited by its file name: ask for what is missing."""
    saved = st.session_state.setdefault("upload_meta_saved", set())
    missing = _missing(doc)
    if key in saved or not missing or not (doc.meta.get("title_from") == "file name"
                                           or not doc.doc_number):
        return
    with st.container(border=True):
        st.markdown("**补充文件信息 · Complete the document's details**")
        st.caption(f"文件中没有找到：{'、'.join(missing)}。不补充时，引用将使用文件名 / The file "
                   "does not say these; without them the citation uses the file name.")
        if metadata_form(kb, doc, key=f"upload-meta-{key}", author=UPLOADER,
                         reason="上传时补充 / supplied at upload", submit="保存文件信息 Save details"):
            saved.add(key)
            st.rerun()


def _summary(doc) -> dict:
    refs = [u for c in doc.clauses for u in c.lead_units + c.coop_units]
    return {
        "title": f"{doc.title}（{doc.doc_number or '无文号'}）",
        "clauses": len(doc.clauses),
        "noted": sum(1 for c in doc.clauses if c.lead_units or c.coop_units),
        "units": len({u.name for u in refs if not u.generic}),
        "targets": sum(len(c.targets) for c in doc.clauses),
        "unknown": sorted({u.as_written for u in refs if not u.known}),
    }


render()
