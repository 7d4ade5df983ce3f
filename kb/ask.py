"""Questions -> intent -> search or store queries -> an answer with its evidence.

Intents:
  who_leads    哪些部门牵头X / which departments lead on X: lead units of the best clauses
  unit_duties  省科技厅牵头哪些任务 / what does the Department of Commerce lead: every clause
  targets      2025年要达到哪些目标 / how many X by 2025: clauses with matching targets
  shared       省科技厅和省发展改革委共同牵头的任务: clauses both units lead
  search       anything else: ranked clauses with highlights
English questions go through the curated glossary (kb/data/glossary.tsv) into the same
Chinese machinery; units resolve through the directory's names, aliases and short forms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ingest import Unit

from .lexicon import default_glossary
from .search import Hit, Terms, analyse, fetch_hits, search

INTENTS = ("who_leads", "unit_duties", "targets", "shared", "search")
DUTY_PAGE = 50  # evidence clauses carried in full for a unit's duties
ID_CAP = 2000  # clause ids listed per unit and role; `total` counts them all

_TARGET_CUES = re.compile(
    r"目标|指标|多少|要达到|达到多少|量化|\b(?:how many|how much|targets?|targeted|goals?|aims?)\b")
_WHO_CUES = re.compile(r"哪些部门|哪个部门|哪些单位|哪个单位|什么部门|哪家|谁|由哪|牵头单位|责任单位|牵头部门|"
                       r"责任部门|主管部门|\b(?:which|who)\b")
_DUTY_CUES = re.compile(r"牵头|负责|职责|任务|工作|做什么|干什么|干啥|管什么|配合|参与|承担|"
                        r"\b(?:duties|tasks|leads?|do|does)\b")
_COOP_CUES = re.compile(r"配合|参与|协助|\b(?:cooperat\w*|support\w*|assist\w*)\b")
_PERIOD_CUES = re.compile(r"每年|年均|\b(?:annual\w*|yearly|every year|each year|per year)\b")
# Words that frame a question but name no topic.
_FRAME = re.compile(
    r"哪些部门|哪个部门|哪些单位|哪个单位|什么部门|牵头单位|责任单位|牵头部门|责任部门|主管部门|"
    r"由哪个|由哪些|由谁|由哪|哪家|哪些|哪个|什么|谁|是|的|了|吗|呢|么|要|需要|应当|应该|"
    r"牵头|负责|配合|参与|协助|承担|共同|都|和|与|及|同|又|还|以及|分别|任务|工作|职责|事项|内容|"
    r"方面|情况|"
    r"目标|指标|多少|达到|达|量化|完成|到|年|前|底|有|在|做|干|管|啥|请问|列出|查询|一下|"
    r"[，,。.？?！!：:；;、\s“”\"'（）()]"
)


@dataclass
class UnitAnswer:
    name: str
    aliases: tuple[str, ...]
    english: str
    role: str
    clauses: list[str] = field(default_factory=list)
    total: int = 0  # clauses in this role, when more than are listed

    def to_dict(self) -> dict:
        return {"name": self.name, "aliases": list(self.aliases), "english": self.english,
                "role": self.role, "clauses": list(self.clauses),
                "total": max(self.total, len(self.clauses))}


@dataclass
class Parsed:
    question: str
    intent: str
    units: list[Unit]
    topic: str
    year: int | None
    english: bool
    role: str | None = None
    extra_terms: list[str] = field(default_factory=list)  # Chinese topic terms from the glossary
    per_year: bool = False  # 每年 / annual: targets with a yearly period


@dataclass
class Answer:
    question: str
    intent: str
    units: list[UnitAnswer]
    hits: list[Hit]
    topic: str = ""
    year: int | None = None
    total: int = 0
    note: str | None = None

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "intent": self.intent,
            "topic": self.topic,
            "year": self.year,
            "note": self.note,
            "total": self.total,
            "units": [u.to_dict() for u in self.units],
            "clauses": [h.to_dict() for h in self.hits],
        }


# ------------------------------------------------------------------ parsing


def _resolve_units(kb, found: list[tuple[str, Unit]]) -> list[Unit]:
    """Units named in a question. A bare short form (发改委) names the national unit in
    the directory; when the provincial one (省发改委) has duties here, it is meant too."""
    out: list[Unit] = []
    for surface, unit in found:
        candidates = [unit]
        if unit.level == "national" and not surface.startswith(("国家", "国务院", "中华", "中国")):
            provincial = kb.store.directory.resolve("省" + surface, "provincial")
            if provincial is not None:
                candidates.append(provincial)
        useful = [u for u in candidates if kb.store.has_duties(u.name)] or candidates[:1]
        for u in useful:
            if u not in out:
                out.append(u)
    return out


def parse(kb, question: str) -> Parsed:
    text = unicodedata.normalize("NFKC", question).strip()
    latin = len(re.findall(r"[A-Za-z]", text))
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    english = latin > cjk
    directory = kb.store.directory
    found: list[tuple[str, Unit]] = []
    extra_terms: list[str] = []
    cues = ""
    year_match = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)\s*年?", text)
    year = int(year_match.group(1)) if year_match else None
    rest = text
    if year_match:
        rest = text[: year_match.start()] + " " + text[year_match.end():]
    if english:
        lowered = rest.lower()
        for hit in default_glossary().translate(lowered):
            if hit.kind == "unit":
                unit = directory.resolve(hit.chinese)
                if unit is not None:
                    found.append((hit.chinese, unit))
            elif hit.kind == "question":
                cues += hit.chinese + " "
            else:
                extra_terms.append(hit.chinese)
            lowered = lowered[: hit.start] + " " * (hit.end - hit.start) + lowered[hit.end:]
        # English words the glossary does not know may still be terms (EOD, 5G, IPO).
        leftovers = [w for w in re.findall(r"[a-z0-9]+", lowered)
                     if len(w) >= 2 and w not in _ENGLISH_STOP]
        cjk_parts = re.findall(r"[\u4e00-\u9fff]+", rest)
        rest = " ".join(leftovers + cjk_parts)
        cue_text = cues + " " + text.lower()
    else:
        spans = directory.find(rest)
        for start, end, unit in spans:
            found.append((rest[start:end], unit))
        for start, end, _ in reversed(spans):
            rest = rest[:start] + " " * (end - start) + rest[end:]
        cue_text = text
    period = bool(_PERIOD_CUES.search(text.lower()))
    if period:
        rest = _PERIOD_CUES.sub(" ", rest)
    topic = _FRAME.sub(" ", rest) if not english else rest
    topic = " ".join(topic.split())
    units = _resolve_units(kb, found)
    role = "coop" if _COOP_CUES.search(cue_text) and not re.search(r"牵头|lead", cue_text) else None

    who = bool(_WHO_CUES.search(cue_text))
    # English words the glossary does not know (policies, take part) are search terms,
    # not a topic that turns "what does the Ministry of Finance do" into a search.
    has_topic = bool(extra_terms) or (bool(topic) and not english)
    if len(units) >= 2:
        intent = "shared"
    elif (_TARGET_CUES.search(cue_text) or period
          or (year is not None and not units and not who)):
        intent = "targets"
    elif len(units) == 1 and not has_topic:
        intent = "unit_duties"
    elif who and has_topic and (english or not units):
        # "which departments handle customs clearance": a unit word inside the topic
        # does not make it a question about that unit.
        intent = "who_leads"
        extra_terms += [u.name for u in units] if english else []
        units = []
    elif units:
        intent = "search"
    elif (who or _DUTY_CUES.search(cue_text)) and has_topic:
        intent = "who_leads"
    else:
        intent = "search"
    return Parsed(question, intent, units, topic, year, english, role, extra_terms, period)


_ENGLISH_STOP = frozenset(
    """a an the of on in for to by and or with is are was be what which who whom whose how
    does do did lead leads led department departments responsible charge tasks task duties
    duty due by until please show list me about any all that this those these there their
    province provincial shandong at as from into via per over under more most than its it
    we our should will can has have been being get gets""".split()
)


# ------------------------------------------------------------------ answering


def _unit_answer(unit: Unit, role: str, clauses: list[str]) -> UnitAnswer:
    return UnitAnswer(unit.name, unit.aliases + unit.former, unit.english, role, clauses)


def _terms(kb, parsed: Parsed) -> Terms:
    terms = analyse(kb, parsed.topic) if parsed.topic else Terms()
    for chinese in parsed.extra_terms:
        extra = analyse(kb, chinese)
        for term, weight in extra.weighted:
            terms.add(term, weight)
        terms.surface += extra.surface + [chinese]
        terms.main.append(chinese)
    return terms


def _relevant(hits: list[Hit], share: float = 0.3) -> list[Hit]:
    if not hits:
        return hits
    top = hits[0].score
    return [h for h in hits if h.score >= share * top]


def _ranked_units(hits: list[Hit], role: str) -> list[UnitAnswer]:
    """Units of the evidence clauses in the order the evidence ranks them: the best
    clause's units first, as written, then the next clause's new units, and so on."""
    order: dict[str, UnitAnswer] = {}
    for hit in hits:
        refs = hit.clause.lead_units if role == "lead" else hit.clause.coop_units
        for ref in refs:
            if ref.generic:
                continue
            answer = order.get(ref.name)
            if answer is None:
                answer = order[ref.name] = UnitAnswer(ref.name, (), "", role)
            if hit.clause.clause_id not in answer.clauses:
                answer.clauses.append(hit.clause.clause_id)
    return list(order.values())


def _decorate(kb, units: list[UnitAnswer]) -> list[UnitAnswer]:
    for answer in units:
        unit = kb.store.directory.get(answer.name)
        if unit is not None:
            answer.aliases = unit.aliases + unit.former
            answer.english = unit.english
    return units


def ask(kb, question: str, limit: int = 10) -> Answer:
    kb.refresh()
    parsed = parse(kb, question)
    intent = parsed.intent
    answer = Answer(question, intent, [], [], parsed.topic, parsed.year)

    if intent == "who_leads":
        terms = _terms(kb, parsed)
        hits = [h for h in search(kb, parsed.topic, limit=max(limit, 10), terms=terms)
                if h.clause.lead_units or h.clause.coop_units]
        hits = _relevant(hits)[:limit]
        answer.hits = hits
        answer.units = _decorate(kb, _ranked_units(hits, "lead") + _ranked_units(hits, "coop"))
        answer.total = len(hits)
        if not hits:
            answer.note = "没有找到相关条款 / no clause matches this topic"

    elif intent == "unit_duties":
        for unit in parsed.units:
            for role in ("lead", "coop"):
                ids = kb.store.unit_clause_ids(unit.name, role, limit=ID_CAP)
                entry = _unit_answer(unit, role, ids)
                entry.total = (len(ids) if len(ids) < ID_CAP
                               else kb.store.unit_clause_count(unit.name, role))
                answer.units.append(entry)
        ranked = [(cid, 1.0 if u.role == "lead" else 0.5) for u in answer.units for cid in u.clauses]
        answer.total = sum(u.total for u in answer.units)
        # units[].clauses lists every clause id (up to ID_CAP per role, with the total);
        # the evidence carries the first page in full.
        page = max(limit, DUTY_PAGE)
        answer.hits = fetch_hits(kb, ranked[:page], [])
        if answer.total > page:
            answer.note = (f"共{answer.total}条，显示前{page}条 / showing the first {page} of "
                           f"{answer.total} clauses")

    elif intent == "shared":
        names = [u.name for u in parsed.units]
        role = "lead" if parsed.role is None else None
        ids = kb.store.in_document_order(kb.index.clauses_naming_all(names, role))
        if not ids and role == "lead":
            ids = kb.store.in_document_order(kb.index.clauses_naming_all(names, None))
            if ids:
                answer.note = ("这些部门没有共同牵头的条款，以下为共同参与的条款 / no clause is led "
                               "by all of them; these are the clauses they all take part in")
        answer.units = [_unit_answer(u, "lead", list(ids)) for u in parsed.units]
        page = max(limit, DUTY_PAGE)  # every id is in units[].clauses; evidence is a page
        answer.hits = fetch_hits(kb, [(cid, 1.0) for cid in ids[:page]], [])
        answer.total = len(ids)
        if answer.total > page:
            answer.note = (f"共{answer.total}条，显示前{page}条 / showing the first {page} of "
                           f"{answer.total} clauses; every clause id is listed under units")

    elif intent == "targets":
        terms = _terms(kb, parsed)
        unit = parsed.units[0].name if parsed.units else None
        if terms.weighted:
            hits = search(kb, parsed.topic, limit=max(limit, 20), year=parsed.year,
                          has_target=True, unit=unit, terms=terms)
            hits = _relevant(hits)[:limit]
        else:
            ids = kb.store.target_clause_ids(
                parsed.year, periods=("每年", "年均") if parsed.per_year else None)
            if unit:
                allowed = set(kb.store.unit_clause_ids(unit))
                ids = [cid for cid in ids if cid in allowed]
            hits = fetch_hits(kb, [(cid, 1.0) for cid in ids], [])
        answer.hits = hits
        answer.total = len(hits)
        answer.units = _decorate(kb, _ranked_units(hits, "lead"))

    else:
        terms = _terms(kb, parsed) if parsed.english else analyse(kb, question)
        unit = parsed.units[0].name if parsed.units else None
        if parsed.units and not parsed.english:
            terms = _terms(kb, parsed)
        answer.hits = search(kb, parsed.topic if not parsed.english else "", limit=limit,
                             unit=unit, role=parsed.role, terms=terms)
        answer.total = len(answer.hits)
        answer.units = _decorate(kb, _ranked_units(answer.hits, "lead"))
        if not answer.hits:
            answer.note = "没有找到相关条款 / nothing matched"
    return answer
