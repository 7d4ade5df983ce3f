"""policykb ingest: policy documents -> structured clauses.

``parse(source)`` is the one entry point: it reads a file (or takes its bytes),
sniffs the format, drops portal chrome, reads the metadata, segments the body into
clauses and extracts lead/cooperating units, targets and deadlines. Pure: no storage.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
from dataclasses import replace
from pathlib import Path

from . import extract, layout, notes, report, segment, validity
from .errors import (
    BadEncoding,
    BadLayout,
    BinaryFile,
    EmptyDocument,
    EncryptedDocument,
    IngestError,
    NoClauses,
    NoTextLayer,
    TooLarge,
    UnsupportedFormat,
)
from .lazyre import lazy_compile
from .records import Block, Clause, Document, Target, UnitRef, format_path
from .units import Directory, Unit, default_directory, document_province

__all__ = [
    "parse", "parse_bytes", "Block", "Clause", "Document", "Target", "UnitRef", "Unit",
    "Directory", "default_directory", "format_path", "IngestError", "UnsupportedFormat",
    "EmptyDocument", "BadEncoding", "BinaryFile", "NoTextLayer", "EncryptedDocument",
    "TooLarge", "NoClauses", "BadLayout", "MAX_BYTES", "document_level",
]

MAX_BYTES = 50_000_000
MAX_PARAGRAPH = 100_000  # characters; real paragraphs are a few thousand at most
NOTICE_PART = "通知"  # the path of an issuing notice's own points (通知一、)


def parse(
    source: str | os.PathLike,
    format: str | None = None,
    directory: Directory | None = None,
    max_bytes: int = MAX_BYTES,
) -> Document:
    """Parse one file into a Document with its clauses."""
    path = Path(source)
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise IngestError(str(source), "the file does not exist", "check the path") from exc
    if size > max_bytes:
        raise TooLarge(str(source), size, max_bytes)
    try:
        return parse_bytes(path.read_bytes(), path.name, format, directory, max_bytes)
    except IngestError as exc:
        raise exc.at(str(source)) from None


def parse_bytes(
    data: bytes,
    source: str,
    format: str | None = None,
    directory: Directory | None = None,
    max_bytes: int = MAX_BYTES,
) -> Document:
    if len(data) > max_bytes:
        raise TooLarge(source, len(data), max_bytes)
    from . import loaders  # the format libraries (bs4, pdfium, OCR) load with the first file

    fmt, blocks = loaders.load(data, source, format)
    from_ocr = loaders.ocr_used(blocks)
    longest = max((len(b.text) for b in blocks), default=0)
    if longest > MAX_PARAGRAPH:
        raise BadLayout(source, f"one paragraph runs to {longest:,} characters with no line break")
    if directory is None:
        directory = default_directory()
    text = "\n".join(b.text for b in blocks)
    doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    lay = layout.assemble(blocks)
    raw_clauses, outline = segment.clauses(lay.body)
    if lay.notice:
        # the issuing notice's own points come first, under 通知: 通知二、 beside the plan's 二、
        notice, notice_outline = segment.clauses(lay.notice)
        raw_clauses = [replace(c, path=(NOTICE_PART, *c.path)) for c in notice] + raw_clauses
        outline = [((NOTICE_PART, *path), heading) for path, heading in notice_outline] + outline
    if not raw_clauses:
        raise NoClauses(source)
    # (another province's document: its 省财政厅 is that province's, 河南省财政厅)
    province = document_province(lay.issuer, lay.doc_number, lay.title)
    level = document_level(lay.issuer, lay.doc_number, lay.title)
    if level is None and _LOCAL.match(lay.title or lay.issuer or ""):
        level = "local"  # a county's, a city's or a district's (沙湾县…办法, 广州市…)
    clauses = _annotate(doc_id, text, raw_clauses, directory, level, from_ocr, province)
    meta = dict(lay.meta)
    if not lay.title:
        meta["title_from"] = "file name"
    if from_ocr:
        meta["text_source"] = "OCR: " + str(getattr(blocks, "engine", "") or "tesseract")
    doc = Document(
        doc_id=doc_id,
        title=lay.title or Path(source).stem,
        text=text,
        source=source,
        format=fmt,
        doc_number=lay.doc_number,
        issuer=lay.issuer,
        signed_date=lay.signed_date,
        published_date=lay.published_date,
        recipients=lay.recipients,
        period=lay.period,
        doc_type=lay.doc_type,
        body_title=lay.body_title,
        wrapper="\n".join(b.text for b in lay.wrapper) or None,
        attachments=tuple(lay.attachments),
        meta=meta,
        outline=tuple(outline),
        clauses=tuple(clauses),
        frame=dict(lay.frame),
    )
    said = validity.statements(text, doc.signed_date, doc.published_date, doc.period,
                               doc.cite_title, printed=doc.frame.get("印发日期"))
    return replace(doc, report=report.build(doc), statements=said.to_dict())


# a title or issuer opening with a county's, a city's or a district's name (not 城市, 市场, 上市)
_LOCAL = lazy_compile(r"^(?:中共)?(?!关于)[\u4e00-\u9fa5]{1,6}?(?<![城都超上])(?:县|市|区|旗)(?![场级])"
                      r"(?![\u4e00-\u9fa5]*省)")


def document_level(issuer: str | None, number: str | None, title: str | None) -> str | None:
    probe = f"{issuer or ''}{number or ''}{title or ''}"
    if not probe:
        return None
    if probe.startswith(("国务院", "国办", "国发", "中共中央", "中办")) or "国务院" in (issuer or ""):
        return "national"
    if probe.startswith(("山东", "鲁")) or "山东" in probe:
        return "provincial"
    if document_province(issuer, number, title):  # another province's: its bodies' level
        return "provincial"
    return None


# a section headed by whose duties its items are (…指挥部的主要职责, …办公室及其职责：)
_DUTIES_OF = lazy_compile(r"^(?:[\d.．]+|[（(]?[一二三四五六七八九十\d]+[)）、.．])?[\s\u3000]*"
                        r"(?P<body>[^，,。；;：:]{2,30}?)(?:的主要|的|及其|主要)?(?:工作)?职责"
                        r"(?:是|为|如下|包括)?[：:。]?\s*$")
# a body a clause designates and names for the rest of the text: 由省人民政府指定的行政机关
# 负责（以下简称“省核管理机关”）
_DESIGNATED = lazy_compile(r"(?:指定|确定|设立|明确)的[\u4e00-\u9fa5]{0,10}?(?:机关|部门|机构)"
                         r"(?:负责|承担)?[^（(]{0,30}?[（(]以下简称[“\"「]?(?P<name>[\u4e00-\u9fa5]{2,12})"
                         r"[”\"」]?[)）]")
# 其主要职责是： the items below are the duties of the body the sentence before named
_ITS_DUTIES = lazy_compile(r"^其(?:主要)?(?:工作)?职责(?:是|为|如下|包括)?[：:]?\s*$")
# an introducing sentence that gives the items below it a duty to do
_ITEM_DUTY = lazy_compile(r"负责|责任|义务|应当|应|要|须|提供|承担|分工|职责|任务")
# (…综合采取以下政策措施，支持新型研发机构建设发展。: what the items are for may follow)
_INTRODUCES = lazy_compile(r"(?:[：:]|(?:以下|如下)[\u4e00-\u9fa5]{0,6}(?:[，,][^。；;：:，,]{2,30})?[：:。]?)\s*$")


def _sentences(text: str) -> list[str]:
    """The sentences of ``text``, its closing colon or full stop dropped: the last is the
    one that introduces the items below."""
    return re.split(r"[。；;！？]", text.rstrip("：:。 "))


def _body_duty(name: str, directory):
    """``name`` read as a body with a duty (the mentions of 《name》负责)."""
    return extract.text_duties(f"{name}负责", directory)


def _sentence_duties(clause_text, parent_text, directory, has_children=False):
    """Duties written as sentences: the clause's own, else those of an enclosing
    section whose sentence introduces the items below it (发展改革委提出了以下意见：).
    Such an introducing sentence belongs to the items, not to the clause it closes."""
    text = clause_text.strip()
    defined = _DESIGNATED.search(text)
    if defined:  # 由省人民政府指定的行政机关负责（以下简称“省核管理机关”）: the body so named
        found = _body_duty(defined.group("name"), directory)
        if found:
            return found, False
    if has_children and _INTRODUCES.search(text):
        # (a clause that is nothing but the introducing sentence keeps its bodies: 十四、地方
        # 政府可…综合采取以下政策措施： is theirs as much as its items)
        before = "。".join(_sentences(text)[:-1])
        text = before if re.sub(r"^[^\u4e00-\u9fa5]*[一二三四五六七八九十百]*[、.．]?", "", before) else text
    own = extract.text_duties(text, directory)
    if own:
        return own, False
    for text in parent_text:
        text = text.strip()
        defined = _DESIGNATED.search(text)
        last = _sentences(text)[-1]
        if defined and _ITS_DUTIES.match(last):
            # …（以下简称“省核管理机关”）。其主要职责是：(一)…: the items are that body's
            found = _body_duty(defined.group("name"), directory)
            if found:
                return found, True
        head = re.match(r"^(?:[\d.．]+[\s\u3000]*)?[^\s\u3000]+", text)
        owner = _DUTIES_OF.match(head.group(0)) if head else None
        if owner:  # 2.1.1 国家粮食应急工作指挥部的主要职责: the items below are its duties
            found = _body_duty(owner.group("body"), directory)
            if found:
                return found, True
        if _INTRODUCES.search(text):
            # Only the sentence that introduces the items counts: 发展改革委提出了以下意见：
            last = _sentences(text)[-1]
            # …有关部门和单位有责任提供以下信息：（一）公安部门有关户籍信息: an item that opens
            # with a body is that body's part of the duty
            if _ITEM_DUTY.search(last):
                mine = extract.item_subjects(clause_text, directory)
                if mine:
                    return mine, False
            found = extract.text_duties(last, directory)
            if found:
                return found, True
        break  # only the nearest enclosing section
    return [], False


_BODY = r"[\u4e00-\u9fa5]{1,12}?(?:局|委|办|厅|部|署|站|中心|委员会|办公室|政府)"
# 与县水利局、县水文站共同推进 / 协同县水利局加强 / 配合县水利局、水保局开展: in a row of a
# table whose unit column names who does it, the bodies it works with
_ROW_PARTNER = lazy_compile(
    rf"(?P<word>会同|协同|配合|协助|与)(?P<units>{_BODY}(?:[、和及]{_BODY})*)"
    r"(?=共同|一起|联合|[\u4e00-\u9fa5])")


# 公安、市场监管、城管执法等部门积极配合监控视频接入: a sentence of a task whose note
# names its lead, opening with the bodies that cooperate
_NAME_PART = r"(?:(?!等|积极|主动|全力|密切|协同|鼓励|支持|引导|推动|要|应|配合|协助|参与)[\u4e00-\u9fa5]){2,10}"
_COOPERATE_FIRST = lazy_compile(
    r"(?:^|[。；;])\s*(?:\d{1,3}[．.、﹒])?(?!各|有关|相关|其他)"
    # 公安、市场监管等部门 (functions, then the kind they share) or 县水利局、县水文站
    rf"(?:(?P<units>{_NAME_PART}(?:、{_NAME_PART}){{0,8}})等(?:有关|相关)?(?:部门|单位)|"
    rf"(?P<bodies>{_BODY}(?:、{_BODY}){{0,8}}))"
    r"(?:要|应当?)?(?:积极|主动|全力|密切|协同)?(?P<word>配合|协助|参与)")


def _partners(pattern, text: str, mentions: list, classes: bool = True) -> list:
    """The bodies ``pattern`` finds a task done with in its own text (its ``units`` or
    ``bodies`` group, with its role ``word``), cooperating, each once and none its note
    names; with ``classes`` false, no class of bodies (有关部门)."""
    named = {m.as_written for m in mentions}
    found = []
    for match in pattern.finditer(text):
        group = "units" if match.group("units") else "bodies"
        for m in extract._units_in(match.group(group), match.start(group), "coop",
                                   match.group("word")):
            if m.as_written not in named and (classes or not m.generic):
                named.add(m.as_written)
                found.append(m)
    return found


def _row_partners(text: str, mentions: list) -> list:
    """The bodies a table row's task is done with, cooperating (not named in its note)."""
    return _partners(_ROW_PARTNER, text, mentions)


def _cooperating_first(text: str, mentions: list) -> list:
    """Bodies a noted task's own sentence opens with before 配合 (协助, 参与), cooperating."""
    return _partners(_COOPERATE_FIRST, text, mentions, classes=False)


def _part(raw) -> tuple:
    """The top-level part a clause is in, by its number and heading: a notice that issues
    several plans numbers each one's parts 一、二、三 anew (三、主要任务 of one, 三、保障措施
    of the next)."""
    return raw.path[:1], raw.section[:1] if raw.section else raw.heading


def _annotate(doc_id, text, raw_clauses, directory, level, from_ocr=False,
              province=None) -> list[Clause]:
    state = extract.NoteState()
    out: list[Clause] = []
    used: set[str] = set()
    # A document that assigns duties in notes says who does what there; its other
    # sentences (各地区要…) are exhortation, so sentences are read only where notes
    # are not the convention.
    # A letter or decision written without numbered items says who does what in its
    # opening paragraphs; there they are read like clauses.
    duty_kinds = {"clause", "preamble", "closing"}
    with_note = [raw for raw in raw_clauses if raw.kind == "table_row" or any(
        notes.inline_notes(b.text) or notes.label_note(b.text) for b in raw.paragraphs)]
    noted = len(with_note) >= 3
    # (but where a part of it has no note at all, 保障措施 after the tasks, a sentence there
    # that assigns work as plainly as a note would (市数据局会同市数治中心建立…, X牵头, X负责)
    # to a body it names, not to a class it exhorts, is read)
    noted_parts = {_part(raw) for raw in with_note}
    closing: dict[int, list[extract.Mention]] = {}  # clause index -> its note on a line of its own
    for raw in raw_clauses:
        note = ""
        mentions: list[extract.Mention] = []
        targets: list[Target] = []
        own_line: list[extract.Mention] = []
        if raw.kind == "table_row":
            note = raw.table_note
            mentions = extract.parse_note(note, extract.NoteState()) if note else []
            row_text = " ".join(b.text for b in raw.paragraphs)
            if any(m.role == "lead" for m in mentions):
                mentions += _row_partners(row_text, mentions)
            due = re.search(r"((?:19|20)\d{2})\s*年", raw.deadline)
            targets = [
                replace(t, year=int(due.group(1))) if t.year is None and due else t
                for t in extract.extract_targets(row_text, raw.start)
            ]
        paragraphs = raw.paragraphs if raw.kind != "table_row" else ()
        labels = [notes.label_note(block.text) for block in paragraphs]
        for index, block in enumerate(paragraphs):
            labelled = labels[index]
            if labelled is not None:  # the whole paragraph is the note, with any bracket
                if index and labels[index - 1] is not None:
                    continue  # read with the label lines before it
                # label lines one under another (牵头部门：X / 落实部门：Y) are one note
                run = list(itertools.takewhile(lambda words: words is not None, labels[index:]))
                labelled = "；".join(run)
                note = f"{note}；{labelled}" if note else labelled
                found = extract.parse_note(labelled, state)
                mentions += found
                if index:
                    own_line += found
                continue
            spans = notes.inline_notes(block.text)
            for span in spans:
                words = notes.inner(block.text, span)
                note = f"{note}；{words}" if note else words
                found = extract.parse_note(words, state)
                mentions += found
                if index and block.text[:span[0]].strip() == "" and block.text[span[1]:].strip() == "":
                    own_line += found
            body = block.text
            if spans:  # blank the notes out, keeping offsets
                parts, last = [], 0
                for start, end in spans:
                    parts += [body[last:start], "\u3000" * (end - start)]
                    last = end
                body = "".join(parts) + body[last:]
            targets += extract.extract_targets(body, block.start)
        if raw.kind != "table_row" and any(m.role == "lead" for m in mentions):
            mentions += _cooperating_first(text[raw.start:raw.end], mentions)
        inherited = False
        source = "table" if raw.kind == "table_row" else "note"
        if not mentions and raw.inherited_note:
            mentions = extract.parse_note(raw.inherited_note, extract.NoteState())
            inherited = True
        clause_text = text[raw.start : raw.end]
        if not mentions and raw.kind in duty_kinds and (not noted or raw.kind == "closing"):
            mentions, inherited = _sentence_duties(clause_text, raw.parent_text, directory,
                                                   raw.has_children)
            source = "text"
        elif not mentions and (raw.kind == "clause" and raw.path[:1] or raw.kind == "closing") \
                and _part(raw) not in noted_parts:
            mentions = _assigned(clause_text.strip(), directory)
            source = "text"
        lead, coop = extract.unit_refs(mentions, directory, level, inherited, source,
                                       fuzzy=from_ocr, province=province)
        if own_line and own_line == mentions:
            closing[len(out)] = own_line
        key = "/".join(raw.path) or ("closing" if raw.kind == "closing" else "preamble")
        if raw.seq > 1:
            key += f"#{raw.seq}"
        while key in used:
            key += "+"
        used.add(key)
        out.append(
            Clause(
                clause_id=f"{doc_id}:{key}",
                doc_id=doc_id,
                path=raw.path,
                seq=raw.seq,
                heading=raw.heading,
                text=clause_text,
                start=raw.start,
                end=raw.end,
                note=note,
                lead_units=lead,
                coop_units=coop,
                targets=tuple(targets),
                deadlines=((raw.deadline,) if raw.deadline else ())
                + tuple(d for d in extract.extract_deadlines(clause_text) if d != raw.deadline),
                section=raw.section,
                kind=raw.kind,
            )
        )
    for index, found in closing.items():
        _close_group(out, index, found, directory, level, from_ocr, province)
    return _named_in_full(out)


_LEVEL = ("县", "市", "区", "省", "镇", "乡", "旗", "州")


def _named_in_full(clauses: list[Clause]) -> list[Clause]:
    """A body the directory does not know, written bare in one place (县纪委、绩效办、
    招商局负责…) and with its level in another (县招商局): one body, the full name."""
    names = {u.name for c in clauses for u in c.lead_units + c.coop_units if not u.generic}
    full: dict[str, str] = {}
    for name in names:
        if name.startswith(_LEVEL) or len(name) < 3:
            continue
        longer = [n for n in names if len(n) == len(name) + 1 and n.endswith(name)
                  and n.startswith(_LEVEL)]
        if len(longer) == 1:
            full[name] = longer[0]
    if not full:
        return clauses

    def renamed(refs):
        out, seen = [], set()
        for u in refs:
            u = replace(u, name=full[u.name]) if not u.known and u.name in full else u
            if u.name not in seen:
                seen.add(u.name)
                out.append(u)
        return tuple(out)

    return [replace(c, lead_units=renamed(c.lead_units), coop_units=renamed(c.coop_units))
            for c in clauses]


_ASSIGNING = ("会同", "牵头", "负责", "主责", "负总责")
_COOPERATING = ("配合", "参与", "协助")
_LIST_JOIN = ("、", "和", "及", "与")


def _assigned(text: str, directory) -> list[extract.Mention]:
    """The bodies a sentence names with the word that assigns them the work right after
    the name (X会同Y…, X牵头…, X负责…), and the partners of those: what a note would say."""
    found = extract.text_duties(text, directory)
    named_at = {m.start: m for m in found if m.role == "lead" and not m.generic}
    lead: list[extract.Mention] = []
    for m in sorted(named_at.values(), key=lambda m: -m.start):
        end = m.start + len(m.as_written)
        if text.startswith(_ASSIGNING, end) or (
                # 省财政厅、省发展改革委、省民政厅会同…: the whole list before the word
                text[end:end + 1] in _LIST_JOIN and lead and lead[-1].start == end + 1):
            lead.append(m)
    if not lead:
        return []
    lead.reverse()
    named = {m.as_written for m in lead}
    # X会同Y…, and X牵头，Y配合 (参与, 协助)
    return lead + [m for m in found if m.role == "coop" and m.as_written not in named and (
        m.role_word == "会同" or m.role_word in _COOPERATING and m.start > lead[0].start
        and text.startswith(_COOPERATING, m.start + len(m.as_written)))]


def _close_group(out: list[Clause], index: int, found, directory, level, from_ocr,
                 province) -> None:
    """A note on a line of its own after the last item of a group (1. … 2. … 3. …
    （责任单位：A、B）) is the whole group's when no item before it names a unit of its own:
    each of them takes it, as inherited."""
    path = out[index].path
    if len(path) < 2:
        return
    group = []
    at = index - 1
    while at >= 0 and len(out[at].path) == len(path) and out[at].path[:-1] == path[:-1]:
        group.append(at)
        at -= 1
    if not group or any(out[k].note or out[k].lead_units or out[k].coop_units for k in group):
        return
    lead, coop = extract.unit_refs(found, directory, level, True, "note", fuzzy=from_ocr,
                                   province=province)
    for k in group:
        out[k] = replace(out[k], lead_units=lead, coop_units=coop)

