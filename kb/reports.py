"""Views over the knowledge base for people: what an answer card shows per intent, the
rows of the tables and exports (CSV that Excel opens with Chinese, XLSX ready to filter),
and small display helpers. The Streamlit pages only render what these functions return;
the counting and paging over the whole store is in kb.views (SQL).
"""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass

from ingest import Clause, Document, format_path
from ingest.lazyre import lazy_compile
from ingest.records import citation

from .views import TargetRow, section_of

ROLE_ZH = {"lead": "牵头", "coop": "配合", "shared": "共同"}


def cite(clause: Clause, document: Document) -> str:
    """The citation people paste into a document: 《title》（文号）三、(二)4."""
    return citation(clause, document, number=True)


def role_label(role: str) -> str:
    return {"lead": "牵头 lead", "coop": "配合 coop", "recipient": "接收 receives"}.get(
        role, "共同 shared")


def format_value(value) -> str:
    """30.0 -> 30, 12.5 -> 12.5, None -> ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def year_text(year) -> str:
    return "" if year is None else str(year)


def place_of(clause: Clause) -> str:
    """Where a clause is: 三、(二)4., or 前言 / 结尾 for the paragraphs before the first
    item and those closing the document after its last (本办法自…起施行)."""
    return format_path(clause.path) or ("结尾" if clause.kind == "closing" else "前言")


def heading_line(clause: Clause) -> str:
    """A clause as a line of a list: 三、(二)4 加速推进科技成果转化."""
    path = place_of(clause)
    seq = f"（第{clause.seq}段）" if clause.seq > 1 else ""
    heading = clause.heading or _first_words(clause.text)
    return f"{path}{seq} {heading}".strip()


def _first_words(text: str, n: int = 30) -> str:
    text = re.sub(r"^\s*(?:第[^\s条]{1,6}条|[一二三四五六七八九十]+、|[(（][^)）]{1,3}[)）]|\d+[.．、])\s*",
                  "", text.strip())
    return text[:n] + ("…" if len(text) > n else "")


def heading_in_text(clause: Clause) -> bool:
    """Whether the clause text already starts with its heading (then a card need not
    print the heading again)."""
    if not clause.heading:
        return True
    return clause.heading in clause.text[: len(clause.heading) + 12]


# ------------------------------------------------------------------ answers


@dataclass
class RankedUnit:
    name: str
    english: str
    role: str
    count: int
    best: str | None  # clause_id of the best clause (the first in rank order)


def ranked_units(answer, role: str, by_count: bool = True) -> list[RankedUnit]:
    """The answer's units in ``role``: most clauses first (ties keep the answer's rank),
    or, ``by_count=False``, in the answer's own order (the best clause's units first)."""
    units = [u for u in answer.units if u.role == role and (u.clauses or u.total)]
    ranked = [RankedUnit(u.name, u.english, u.role, max(u.total, len(u.clauses)),
                         u.clauses[0] if u.clauses else None) for u in units]
    return sorted(ranked, key=lambda u: -u.count) if by_count else ranked


def answer_ids(answer) -> list[str]:
    """The answer's evidence clause ids in the order they are shown: a unit's duties
    lead first then 配合, shared clauses in document order, otherwise best first."""
    if answer.intent in ("unit_duties", "shared"):
        ids: list[str] = []
        for role in ("lead", "coop"):
            for unit in answer.units:
                if unit.role == role:
                    ids += unit.clauses
            if answer.intent == "shared":
                break
        if ids:
            return list(dict.fromkeys(ids))
    return [h.clause.clause_id for h in answer.hits]


_SHOWING_FIRST = lazy_compile(r"^共\s*\d+\s*条，显示前\s*\d+\s*条")


def answer_note(answer) -> str | None:
    """The note to show beside an answer: not its "nothing found" message again, and not
    "showing the first 50" where every clause can be paged to."""
    note = answer.note
    if not note or note == answer.message or _SHOWING_FIRST.match(note):
        return None
    return note


def answer_total(answer) -> int:
    return max(answer.total, len(answer.hits))


def page_hits(kb, answer, page: int, size: int) -> list:
    """The evidence of one page: the answer's own hits where it has them, the rest
    fetched from the store by id (a unit's duties list every id, evidence only a page)."""
    from .search import fetch_hits

    ids = answer_ids(answer)[page * size: (page + 1) * size]
    have = {h.clause.clause_id: h for h in answer.hits}
    missing = [cid for cid in ids if cid not in have]
    if missing:
        for hit in fetch_hits(kb, [(cid, 1.0) for cid in missing], []):
            have[hit.clause.clause_id] = hit
    return [have[cid] for cid in ids if cid in have]


def roles_of(answer) -> dict[str, str]:
    """clause_id -> lead | coop for a unit's duties (lead wins)."""
    out: dict[str, str] = {}
    for role in ("coop", "lead"):
        for unit in answer.units:
            if unit.role == role:
                for cid in unit.clauses:
                    out[cid] = role
    return out


def by_document(hits) -> "OrderedDict[str, tuple[Document, list]]":
    """Hits grouped by document, documents in the order they first appear."""
    groups: OrderedDict[str, tuple[Document, list]] = OrderedDict()
    for hit in hits:
        groups.setdefault(hit.document.doc_id, (hit.document, []))[1].append(hit)
    return groups


def document_counts(hits) -> list[tuple[Document, int]]:
    """Documents of the evidence with how many clauses each holds, most first."""
    groups = by_document(hits)
    return sorted(((doc, len(items)) for doc, items in groups.values()), key=lambda x: -x[1])


def answer_targets(hits, year: int | None = None) -> list[dict]:
    """The targets of an answer as table rows: metric, value, comparator, year, lead
    units and the clause; only the asked year's targets when a year was asked."""
    rows = []
    for hit in hits:
        clause = hit.clause
        for target in clause.targets:
            if year is not None and target.year != year:
                continue
            rows.append({
                "指标 Metric": target.metric,
                "数值 Value": f"{format_value(target.value)}{target.unit}",
                "比较 Comparator": target.comparator or "",
                "年份 Year": year_text(target.year),
                "周期 Period": target.period or "",
                "牵头 Lead": "、".join(u.as_written for u in clause.lead_units),
                "条款 Clause": cite(clause, hit.document),
            })
    return rows


def _clause_row(hit) -> dict:
    return {
        "条款 Clause": cite(hit.clause, hit.document),
        "文号 Number": hit.document.doc_number or "",
        "标题 Heading": hit.clause.heading,
        "牵头 Lead": "、".join(u.as_written for u in hit.clause.lead_units),
        "配合 Cooperating": "、".join(u.as_written for u in hit.clause.coop_units),
        "原文 Text": hit.clause.text,
    }


def evidence_rows(hits) -> list[dict]:
    """An answer's evidence for export."""
    return [_clause_row(h) for h in hits]


# ------------------------------------------------------------------ tables and exports


def duty_rows(hits, roles: dict[str, str] | None = None) -> list[dict]:
    """Clauses with a unit's role (牵头/配合/共同) for export."""
    roles = roles or {}
    return [{"角色 Role": ROLE_ZH.get(roles.get(h.clause.clause_id, "shared"), "共同"),
             **_clause_row(h)} for h in hits]


def target_table(rows: list[TargetRow], headers: dict[str, Document]) -> list[dict]:
    """The targets page: one row per target, values as written (30, not 30.0), a
    missing year blank."""
    out = []
    for r in rows:
        doc = headers.get(r.doc_id)
        path = format_path(_cited(r.path))
        seq = f"（第{r.seq}段）" if r.seq > 1 else ""
        clause = (f"《{doc.cite_title}》" + (f"（{doc.doc_number}）" if doc.doc_number else "")
                  if doc else "") + path + seq
        out.append({
            "指标 Metric": r.metric,
            "数值 Value": format_value(r.value),
            "单位 Unit": r.unit,
            "比较 Comparator": r.comparator or "",
            "年份 Year": year_text(r.year),
            "周期 Period": r.period or "",
            "牵头 Lead": "、".join(r.lead),
            "条款 Clause": clause,
            "原文 Text": r.text,
        })
    return out


def _cited(path):
    from ingest.records import cited_path

    return cited_path(path)


def matrix_rows(cells: list[dict], headers: dict[str, Document]) -> list[dict]:
    """The unit x section matrix for export: Chinese headers with English glosses,
    roles as 牵头/配合."""
    return [{
        "部门 Unit": c["unit"],
        "角色 Role": ROLE_ZH.get(c["role"], c["role"]),
        "文件 Document": doc_label(headers.get(c["doc_id"])) if c["doc_id"] in headers
        else c["doc_id"],
        "部分 Section": c["column"] if c["column"] != c["doc_id"] else "",
        "条数 Clauses": c["clauses"],
    } for c in sorted(cells, key=lambda c: (c["unit"], c["doc_id"], c["order"], c["role"]))]


def doc_label(doc: Document | None) -> str:
    """How a document is named in lists: 《title》（文号）."""
    if doc is None:
        return ""
    return f"《{doc.cite_title}》" + (f"（{doc.doc_number}）" if doc.doc_number else "")


def doc_short(doc: Document | None) -> str:
    """A short name for chart labels: the 文号, else the title's first words."""
    if doc is None:
        return ""
    if doc.doc_number:
        return doc.doc_number
    title = doc.cite_title
    return title if len(title) <= 14 else title[:13] + "…"


def to_csv(rows: list[dict]) -> bytes:
    """CSV as UTF-8 with a BOM, so Excel shows the Chinese correctly."""
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({k: ("" if v is None else _cell(v)) for k, v in row.items()}
                         for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _width(value) -> int:
    """Display width: a CJK character takes two columns."""
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def to_xlsx(rows: list[dict], sheet: str = "policykb") -> bytes:
    """XLSX ready for office use: bold frozen header, autofilter, column widths fitted
    to the content (long text wrapped at 60)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = book.active
    ws.title = re.sub(r"[\\[\]:*?/]", "", sheet)[:31] or "policykb"
    if rows:
        columns = list(rows[0])
        ws.append(columns)
        for row in rows:
            ws.append([_cell(row.get(c)) for c in columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        wrap = Alignment(wrap_text=True, vertical="top")
        for i, column in enumerate(columns, start=1):
            widest = max([_width(column)] + [_width(r.get(column)) for r in rows[:2000]])
            letter = get_column_letter(i)
            ws.column_dimensions[letter].width = min(max(widest + 2, 8), 60)
            if widest > 60:
                for cell in ws[letter][1:]:
                    cell.alignment = wrap
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value):
    # Text that starts like a formula must not run as one in Excel; None is an empty cell.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def download_name(stem: str, ext: str) -> str:
    """A file name that works on every OS, Chinese kept: 省科技厅-职责.csv."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", stem).strip(" .-") or "policykb"
    return f"{cleaned[:80]}.{ext}"


def highlight_html(text: str, spans) -> str:
    """Clause text as safe HTML: escaped first, then <mark> around the matched spans."""
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue
        out.append(html.escape(text[last:start]))
        out.append("<mark>" + html.escape(text[start:end]) + "</mark>")
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out).replace("\n", "<br>")


# ------------------------------------------------------------------ documents


_CHROME_HEAD = 40  # lines before the title that may be portal navigation


def document_text(doc: Document) -> str:
    """The document as written, without the portal around it: navigation before the
    title and the portal's chrome lines (扫一扫, 首页, 来源: …) dropped."""
    from ingest.layout import _CHROME, _SOURCE  # the same lines ingest drops

    text = doc.text
    lines = text.split("\n")
    start = 0
    for i, line in enumerate(lines[:_CHROME_HEAD]):
        bare = line.strip()
        if bare and (bare == doc.title or (doc.body_title and bare == doc.body_title)
                     or (len(bare) >= 6 and bare in (doc.title or ""))):
            start = i
            break
    kept = [line for line in lines[start:]
            if not (_CHROME.match(line.strip()) or _SOURCE.match(line.strip()))]
    return "\n".join(kept).strip("\n")


def section_label(clause: Clause, depth: int = 1) -> str:
    return section_of(clause.path, clause.section, clause.heading, depth)


# ------------------------------------------------------------------ errors


_ERRORS_ZH = (
    ("TooLarge", "文件超过大小上限，请拆分成较小的文件后再添加"),
    ("EncryptedDocument", "文件已加密，请去除密码保护后再添加"),
    ("OcrFailed", "这是扫描件，文字识别没有得到文字，请以 300 dpi 以上重新扫描后再添加"),
    ("NoTextLayer", "这是没有文字层的扫描件，请先做文字识别（OCR）后再添加"),
    ("ToolMissing", "读取这种格式所需的程序未安装，请另存为 .docx、.pdf 或 .txt 后再添加"),
    ("ConversionFailed", "文件无法转换（可能已损坏或受密码保护），请另存为 .docx、.pdf 或 .txt 后再添加"),
    ("BinaryFile", "文件是二进制数据，不是文本，请导出为 .txt、.html、.pdf 或 .docx 后再添加"),
    ("BadEncoding", "文字编码无法识别（不是 UTF-8 或 GB18030），请另存为 UTF-8 后再添加"),
    ("EmptyDocument", "文件里没有文字，请检查是否选错了文件"),
    ("NoClauses", "文件里没有找到政策正文（标题、段落或条款），请确认这是政策文件而不是导航或错误页"),
    ("BadLayout", "文件的版式不像公文（没有分段或层级异常），请分段另存为纯文本后再添加"),
    ("UnsupportedFormat", "不支持这种文件格式，请另存为 .txt、.html、.pdf、.docx、.doc、.wps、.odt、.rtf 或 .ofd 后再添加"),
)


def error_zh(exc: Exception) -> str:
    """One Chinese sentence for an ingest error, naming the file: the English message
    (what was wrong, what to do) follows it in the app."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    source = getattr(exc, "source", "") or ""
    source = re.split(r"[\\/]", source)[-1]
    for name, sentence in _ERRORS_ZH:
        if name in names:
            return f"{source}：{sentence}。"
    return f"{source}：无法添加这个文件，知识库未作改动。"
