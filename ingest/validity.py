"""Validity (时效性) and relations to other documents, from a document's own sentences.

Pure functions over text. ``statements(doc)`` reads what decides validity — 施行日期
(自…起施行, 自印发之日起施行, 自发布之日起施行), 有效期 (有效期至…, 有效期N年), 试行/暂行,
the plan period (2023-2025年) — and what the document says of others: repeals (同时废止
《…》, 《…》同时废止, 停止执行, 不再执行), amends (予以修改), cites (根据/依据/按照《…》
（文号）), implements (贯彻落实《…》), promulgates (现将《X》印发给你们), each with the
sentence it comes from. ``judge`` decides a status as of a date once all relations
between the documents of a knowledge base are known (a later document may repeal this
one though its own text says nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .layout import chinese_number, normalize_doc_number
from .lazyre import lazy_compile

STATUSES = ("现行有效", "尚未生效", "已到期", "实施期已结束", "已废止", "已修改", "被替代", "推定有效")
RELATION_TYPES = ("cites", "promulgates", "implements", "amends", "repeals", "supersedes")
# Statuses under which a document is not in force on the date asked about.
NOT_IN_FORCE = ("尚未生效", "已到期", "已废止", "被替代")

_SENTENCE = lazy_compile(r"[^。；;！？\n]+[。；;！？]?")
_DATE = r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_EFFECTIVE = lazy_compile(r"自\s*" + _DATE + r"\s*起(?:施行|实施|执行|生效)")
_EFFECTIVE_ISSUE = lazy_compile(r"自(印发|发布|公布|下发|颁布)之日起(?:施行|实施|执行|生效)")
_EXPIRES = lazy_compile(r"有效期(?:至|到|截至)\s*" + _DATE)
_TERM_YEARS = lazy_compile(r"有效期(?:为)?\s*([一二三四五六七八九十\d]{1,3})\s*年")
_TRIAL = lazy_compile(r"(?:试行|暂行)")
_CITED = (r"《(?P<title>[^《》]{4,120}?)》\s*(?:[（(](?P<number>[^（）()]{4,30}?号)[)）])?")
_NEGATION = lazy_compile(r"(?:不|未|暂不|不再予以|不得|无需)$")
_RELATIONS: tuple[tuple[str, re.Pattern], ...] = (
    ("repeals", lazy_compile(r"(?:同时|即行|予以|一并)?(?:废止|停止执行|不再执行|失效)" + r"[^《]{0,6}" + _CITED)),
    ("repeals", lazy_compile(_CITED + r"[^《。]{0,12}?(?:同时|即行|予以|一并)?(?:废止|停止执行|不再执行)")),
    ("amends", lazy_compile(_CITED + r"[^《。]{0,20}?(?:予以修改|作如下修改|修改为|予以修订|进行修改)")),
    ("amends", lazy_compile(r"(?:对|将)" + _CITED + r"[^《。]{0,20}?(?:作出|进行|作)?(?:如下)?修改")),
    ("promulgates", lazy_compile(r"(?:现将|特将|将)" + _CITED + r"[^《。]{0,20}?(?:印发|转发|颁布)给你们")),
    ("promulgates", lazy_compile(_CITED + r"[^《。]{0,30}?现(?:予)?(?:印发|转发|颁布)给你们")),
    ("implements", lazy_compile(r"(?:贯彻落实|贯彻|落实)" + _CITED)),
    ("cites", lazy_compile(r"(?:根据|依据|按照|依照|遵照)" + _CITED)),
)


@dataclass(frozen=True)
class Relation:
    type: str
    target_title: str | None
    target_number: str | None
    evidence: str
    target_doc_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "target_number": self.target_number,
                "target_title": self.target_title, "target_doc_id": self.target_doc_id,
                "evidence": self.evidence}


@dataclass
class Statements:
    """What a document says about its own validity."""

    effective: str | None = None  # ISO date
    effective_evidence: str = ""
    expires: str | None = None
    expires_evidence: str = ""
    trial: bool = False
    period_end: str | None = None  # the last day of a plan period (2023-2025 -> 2025-12-31)
    period_evidence: str = ""
    relations: list[Relation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"effective": self.effective, "effective_evidence": self.effective_evidence,
                "expires": self.expires, "expires_evidence": self.expires_evidence,
                "trial": self.trial, "period_end": self.period_end,
                "period_evidence": self.period_evidence,
                "relations": [r.to_dict() for r in self.relations]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Statements":
        data = dict(data or {})
        relations = [Relation(**r) for r in data.pop("relations", [])]
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__},
                   relations=relations)


def _iso(y: str, m: str, d: str) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def title_key(title: str | None) -> str:
    """Titles vary in punctuation and brackets: compare them bare."""
    return re.sub(r"[\s\u3000《》〈〉<>“”\"'（）()【】\[\]〔〕、，,。·•\-—－]", "", title or "")


def statements(text: str, signed: str | None = None, published: str | None = None,
               period: str | None = None, title: str | None = None,
               printed: str | None = None) -> Statements:
    out = Statements()
    out.trial = bool(title and _TRIAL.search(title))
    for m in _SENTENCE.finditer(text):
        sentence = m.group(0).strip()
        # every pattern below needs one of these (most sentences have none of them)
        if not sentence or ("自" not in sentence and "有效期" not in sentence
                            and "《" not in sentence):
            continue
        effective = _EFFECTIVE.search(sentence)
        if effective and out.effective is None:
            out.effective = _iso(*effective.groups())
            out.effective_evidence = sentence
        issue = _EFFECTIVE_ISSUE.search(sentence)
        if issue and out.effective is None:
            word = issue.group(1)
            when = (published or signed) if word in ("发布", "公布") else (printed or signed)
            if when:
                out.effective = when
                out.effective_evidence = sentence
        expires = _EXPIRES.search(sentence)
        if expires and out.expires is None:
            out.expires = _iso(*expires.groups())
            out.expires_evidence = sentence
        term = _TERM_YEARS.search(sentence)
        if term and out.expires is None:
            out.expires_evidence = sentence
            out.trial = out.trial or False
            years = chinese_number(term.group(1))
            start = out.effective or signed
            if start and years:
                begin = date.fromisoformat(start)
                try:
                    end = begin.replace(year=begin.year + years) - timedelta(days=1)
                except ValueError:  # 29 February
                    end = begin.replace(year=begin.year + years, day=28)
                out.expires = end.isoformat()
        if "《" in sentence:  # every relation cites a title
            out.relations += _relations(sentence)
    if period:
        match = re.match(r"((?:19|20)\d{2})-((?:19|20)\d{2})", period)
        if match:
            out.period_end = f"{match.group(2)}-12-31"
            out.period_evidence = f"实施期 {match.group(1)}-{match.group(2)}年"
    seen = set()
    unique = []
    for r in out.relations:
        key = (r.type, r.target_number or title_key(r.target_title))
        if key not in seen:
            seen.add(key)
            unique.append(r)
    out.relations = unique
    return out


def _relations(sentence: str) -> list[Relation]:
    found: list[tuple[int, Relation]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _RELATIONS:
        for m in pattern.finditer(sentence):
            start = m.start()
            if _NEGATION.search(sentence[max(0, start - 3):start]) or re.search(
                    r"(?:不|未|暂不)(?:予)?(?:废止|修改)", m.group(0)):
                continue  # 不废止, 暂不修改
            if any(s <= m.start("title") < e for s, e in taken):
                continue
            taken.append((m.start("title"), m.end("title")))
            number = m.group("number")
            found.append((start, Relation(
                kind, m.group("title"),
                normalize_doc_number(number) if number else None, sentence)))
    return [r for _, r in sorted(found, key=lambda item: item[0])]


@dataclass(frozen=True)
class Validity:
    status: str
    evidence: str
    as_of: str
    presumed: bool = False
    by_doc_id: str | None = None  # the document that repealed, amended or replaced it

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "evidence": self.evidence, "as_of": self.as_of,
                "presumed": self.presumed, "by_doc_id": self.by_doc_id}

    @property
    def in_force(self) -> bool:
        return self.status not in NOT_IN_FORCE


def judge(own: Statements, as_of: str, incoming: list[tuple[str, Relation, str | None]],
          superseded_by: str | None = None) -> Validity:
    """The status of a document as of ``as_of``. ``incoming`` lists (source doc_id,
    relation, the source's effective date) for relations other documents state about
    this one."""
    if superseded_by:
        return Validity("被替代", "同文号的较新版本已收录 / a later version with the same 文号 is in "
                        "the knowledge base", as_of, by_doc_id=superseded_by)
    for source, relation, when in incoming:
        if relation.type == "repeals" and (when is None or when <= as_of):
            return Validity("已废止", relation.evidence, as_of, by_doc_id=source)
    if own.effective and own.effective > as_of:
        return Validity("尚未生效", own.effective_evidence, as_of)
    if own.expires and own.expires < as_of:
        return Validity("已到期", own.expires_evidence, as_of)
    for source, relation, when in incoming:
        if relation.type == "amends" and (when is None or when <= as_of):
            return Validity("已修改", relation.evidence, as_of, by_doc_id=source)
    if own.period_end and own.period_end < as_of and not own.expires:
        return Validity("实施期已结束", own.period_evidence, as_of)
    if own.effective or own.expires or own.period_end:
        evidence = own.expires_evidence or own.effective_evidence or own.period_evidence
        return Validity("现行有效", evidence, as_of)
    return Validity("推定有效", "文件未写明施行日期或有效期，推定有效 / no term stated: presumed in "
                    "force", as_of, presumed=True)
