"""Measure the extractor against the hand-checked gold in annotations/.

Each ``*.gold.json`` names a document; its clauses list the units as written and the
targets. Matching is exact on (document, path, seq, as written, role) for units and
(document, path, seq, value, unit, comparator, year, period) for targets.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import ingest

try:
    from ingest.units import document_province, resolve_in
except ImportError:  # (bench/eval_questions.py judging an older checkout's answers)
    document_province = resolve_in = None

from ingest.lazyre import lazy_compile

from .settings import Settings


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: set, predicted: set) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def to_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: {
        "lead": Score(), "coop": Score(), "targets": Score(), "metadata": Score()})
    documents: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # mismatches, for reading
    # per document: lead/coop scored on canonical unit names (an alias written either
    # way counts), so a gold written 省住房城乡建设厅 and a note 省住建厅 agree
    per_document: dict[str, dict[str, Score]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"extraction": {k: v.to_dict() for k, v in self.scores.items()},
                "by_name": {k: v.to_dict() for k, v in self.by_name().items()},
                "per_document": {d: {k: v.to_dict() for k, v in s.items()}
                                 for d, s in self.per_document.items()},
                "documents": self.documents, "skipped": self.skipped}

    def by_name(self) -> dict[str, Score]:
        total = {"lead": Score(), "coop": Score()}
        for scores in self.per_document.values():
            for k in total:
                for attr in ("tp", "fp", "fn"):
                    setattr(total[k], attr, getattr(total[k], attr) + getattr(scores[k], attr))
        return total


def _norm_value(value) -> float:
    return round(float(value), 4)


def _gold_sets(gold: dict):
    lead, coop, targets = set(), set(), set()
    for c in gold["clauses"]:
        key = (tuple(c["path"]), c.get("seq", 1))
        lead |= {key + (u,) for u in c.get("lead", [])}
        coop |= {key + (u,) for u in c.get("coop", [])}
        targets |= {
            key + (_norm_value(t["value"]), t["unit"], t.get("comparator"), t.get("year"),
                   t.get("period"))
            for t in c.get("targets", [])
        }
    return lead, coop, targets


def _canonical(as_written: str, directory, province: str | None = None) -> str:
    """A directory name (in a document of another ``province``, its body's name there),
    else the name as written; a class of bodies named by its function is the same
    written with or without 部门 (民政 / 民政部门), also where the directory knows one of
    the two forms (海关 of 网信、海关等部门 and 海关部门 alike mean 海关总署)."""
    bare = as_written.removesuffix("部门")
    forms = [as_written] if len(bare) < 2 else [bare, bare + "部门"]
    for form in forms:
        unit = resolve_in(directory, form, province)[0] if province else directory.resolve(form)
        if unit:
            return unit.name
    name = re.sub(r"[\s\u3000]|^等", "", as_written)
    bare = name.removesuffix("部门")
    return bare if len(bare) >= 2 else name


_BODY_END = lazy_compile(r"(?:部|委|局|厅|署|办|院|行|会|室|政府|部门|地区|机构|方面|小组)$")


def _bodies_of(as_written: str, directory) -> list[str]:
    """A gold answer may name two bodies as the document writes them together
    (河北省委和省政府, 各地区、各部门): each is a unit of the answer."""
    if directory.resolve(as_written):
        return [as_written]
    parts = re.split(r"[、和及与]", as_written)
    if len(parts) > 1 and all(len(p) >= 3 and _BODY_END.search(p) for p in parts):
        return parts
    return [as_written]


def _named_sets(items, directory):
    """(path, seq, canonical name) for lead and coop, from gold clauses or Clause records."""
    lead, coop = set(), set()
    for c in items:
        if isinstance(c, dict):
            key = (tuple(c["path"]), c.get("seq", 1))
            lead |= {key + (_canonical(u, directory),) for u in c.get("lead", [])}
            coop |= {key + (_canonical(u, directory),) for u in c.get("coop", [])}
        else:
            key = (tuple(c.path), c.seq)
            lead |= {key + (_canonical(u.as_written, directory),) for u in c.lead_units}
            coop |= {key + (_canonical(u.as_written, directory),) for u in c.coop_units}
    return lead, coop


def _predicted_sets(doc: ingest.Document):
    lead, coop, targets = set(), set(), set()
    for c in doc.clauses:
        key = (tuple(c.path), c.seq)
        lead |= {key + (u.as_written,) for u in c.lead_units}
        coop |= {key + (u.as_written,) for u in c.coop_units}
        targets |= {
            key + (_norm_value(t.value), t.unit, t.comparator, t.year, t.period)
            for t in c.targets
        }
    return lead, coop, targets


_META_FIELDS = ("doc_number", "title", "issuer", "signed_date", "published_date")


def locate(name: str, settings: Settings, extra: Path | None = None) -> Path | None:
    for folder in (settings.corpus, settings.shared_corpus, *((extra,) if extra else ())):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def evaluate(settings: Settings, annotations: Path | None = None,
             corpus: Path | None = None) -> Report:
    report = Report()
    folder = annotations or settings.annotations
    directory = ingest.default_directory()
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        source = locate(gold["document"], settings, corpus)
        if source is None:
            report.skipped.append(gold["document"])
            continue
        doc = ingest.parse(source)
        report.documents.append(gold["document"])
        per = report.per_document[gold["document"]] = {"lead": Score(), "coop": Score()}
        for name, g, p in zip(("lead", "coop"), _named_sets(gold["clauses"], directory),
                              _named_sets(doc.clauses, directory)):
            per[name].add(g, p)
        for name, g, p in zip(("lead", "coop", "targets"), _gold_sets(gold), _predicted_sets(doc)):
            report.scores[name].add(g, p)
            for miss in sorted(g - p, key=str):
                report.errors.append(f"{gold['document']} {name} missed {miss}")
            for extra in sorted(p - g, key=str):
                report.errors.append(f"{gold['document']} {name} extra {extra}")
        meta = report.scores["metadata"]
        for name in _META_FIELDS:
            expected, got = gold.get(name), getattr(doc, name)
            if expected is None:
                continue
            if got == expected:
                meta.tp += 1
                continue
            meta.fn += 1
            meta.fp += got is not None
            report.errors.append(f"{gold['document']} metadata {name}: {got!r} != {expected!r}")
    return report


# ------------------------------------------------------------------ questions


@dataclass
class QuestionReport:
    per_intent: dict[str, list[int]] = field(default_factory=dict)  # intent -> [correct, total]
    failures: list[str] = field(default_factory=list)
    skipped: int = 0

    def share(self, intent: str) -> float:
        correct, total = self.per_intent.get(intent, [0, 0])
        return correct / total if total else 0.0

    @property
    def overall(self) -> float:
        correct = sum(c for c, _ in self.per_intent.values())
        total = sum(t for _, t in self.per_intent.values())
        return correct / total if total else 0.0

    def to_dict(self) -> dict:
        return {
            "per_intent": {k: {"correct": c, "total": t, "share": round(c / t, 4) if t else 0.0}
                           for k, (c, t) in sorted(self.per_intent.items())},
            "overall": round(self.overall, 4),
            "skipped": self.skipped,
        }


def _ref(item: dict) -> tuple:
    return (item["document"], tuple(item["path"]), item.get("seq", 1))


def _aliases(expect: dict) -> dict[tuple, tuple]:
    """The other clauses a quoted expected clause could be (the quote is in each: a task
    a plan's text states and its annexed table repeats), each to the one resolved."""
    return {(item["document"], tuple(path), seq): _ref(item)
            for key in ("clauses", "lead", "coop") for item in expect.get(key, [])
            for path, seq in item.get("also", ())}


def _clause_ref(clause, source_of: dict[str, str], alias: dict[tuple, tuple]) -> tuple:
    """A clause of an answer as gold names it (the expected clause it may stand for)."""
    ref = (source_of.get(clause.doc_id), clause.path, clause.seq)
    return alias.get(ref, ref)


def _answer_refs(answer, source_of: dict[str, str], expect: dict) -> list[tuple]:
    alias = _aliases(expect)
    return [_clause_ref(h.clause, source_of, alias) for h in answer.hits]


def _judge(kb, question: dict, answer, source_of: dict[str, str]) -> tuple[bool, str]:
    expect = question["expect"]
    intent = question["intent"]
    refs = _answer_refs(answer, source_of, expect)
    if answer.intent != intent:
        return False, f"intent {answer.intent}"
    if intent == "who_leads":
        return _judge_units(kb, expect, answer, refs, "lead")
    if intent == "unit_duties":
        return _judge_duties(kb, expect, answer, source_of, "any")
    return _judge_clauses(kb, intent, expect, answer, refs, source_of)


def _judge_units(kb, expect, answer, refs, role: str) -> tuple[bool, str]:
    """The answer's first units in ``role`` are exactly those expected, and its first
    clause is one of the expected clauses."""
    want = set(expect["units"])
    # asked who a named unit works with (X跟哪个厅一起负责), the answer lists its partners
    # first, in whichever role they share the work: co-leads or cooperating units
    partners = getattr(answer, "partner", None) is not None  # (older checkouts: none)
    got = [_canonical(u.name, kb.store.directory)
           # (报到哪个机关备案: the body things go to answers who)
           for u in answer.units if u.role in (role, "recipient") or partners][: len(want)]
    first_ok = bool(refs) and refs[0] in {_ref(c) for c in expect["clauses"]}
    return set(got) == want and first_ok, f"{role} units {got}, first {refs[:1]}"


def _judge_duties(kb, expect, answer, source_of, role: str) -> tuple[bool, str]:
    """Every clause the unit leads / cooperates on, exactly (only ``role`` when it is
    lead or coop)."""
    ids = [c for u in answer.units for c in u.clauses]
    alias = _aliases(expect)
    by_id = {c.clause_id: _clause_ref(c, source_of, alias)
             for c in kb.store.clauses(clause_ids=ids)}
    lead = {by_id[c] for u in answer.units if u.role == "lead" for c in u.clauses}
    coop = {by_id[c] for u in answer.units if u.role == "coop" for c in u.clauses}
    if "clauses" in expect and not ("lead" in expect or "coop" in expect):
        # sets written from v7 on list every clause naming the unit responsible, alone or
        # with others: its lead clauses, or (where the writer counted 会同 partners in)
        # its clauses in either role, as the answer shows them
        want = {_ref(c) for c in expect["clauses"]}
        got = lead if lead == want else lead | coop
        return got == want, f"clauses -{sorted(want - got)} +{sorted(got - want)}"
    want_lead = {_ref(c) for c in expect.get("lead", [])}
    want_coop = {_ref(c) for c in expect.get("coop", [])}
    ok_lead = role == "coop" or lead == want_lead
    ok_coop = role == "lead" or coop == want_coop
    return ok_lead and ok_coop, (
        f"lead -{sorted(want_lead - lead)} +{sorted(lead - want_lead)} "
        f"coop -{sorted(want_coop - coop)} +{sorted(coop - want_coop)}")


def _judge_clauses(kb, intent, expect, answer, refs, source_of) -> tuple[bool, str]:
    """shared: the clause set matches; targets: all appear, the first is one; search:
    one in the top 3."""
    want = {_ref(c) for c in expect["clauses"]}
    if intent == "shared":
        # the clauses the answer gives the units asked about: shared ones (every unit has
        # the same), or each unit's own (X和Y分别要做什么)
        ids = list(dict.fromkeys(c for u in answer.units for c in u.clauses))
        alias = _aliases(expect)
        got = {_clause_ref(c, source_of, alias) for c in kb.store.clauses(clause_ids=ids)}
        return got == want, f"-{sorted(want - got)} +{sorted(got - want)}"
    if intent == "targets":
        ok = want <= set(refs) and bool(refs) and refs[0] in want
        return ok, f"missing {sorted(want - set(refs))}, first {refs[:1]}"
    return bool(want & set(refs[:3])), f"top3 {refs[:3]}"


def _judge_content(kb, question: dict, answer, source_of: dict[str, str]) -> tuple[bool, str]:
    """Judge an answer by what it says, not by the intent label it chose (question sets
    written after the first round: who_coops, empty, role-limited duties, documents)."""
    expect = question["expect"]
    intent = question["intent"]
    refs = _answer_refs(answer, source_of, expect)
    empty = getattr(answer, "empty", None)
    if empty is None:
        empty = not answer.units and not answer.hits
    if intent == "empty":
        return bool(empty), f"empty={empty}, units {[u.name for u in answer.units][:3]}"
    if empty:
        return False, "answered 'nothing found'"
    docs = set(expect.get("documents", ()))
    if docs:
        ids = [c for u in answer.units for c in u.clauses]
        seen = {source_of.get(c.doc_id) for c in kb.store.clauses(clause_ids=ids)} | {
            r[0] for r in refs}
        if not seen <= docs:
            return False, f"strays outside {sorted(docs)}: {sorted(seen - docs)}"
    if intent in ("who_leads", "who_coops"):
        return _judge_units(kb, expect, answer, refs, "lead" if intent == "who_leads" else "coop")
    if intent == "unit_duties":
        return _judge_duties(kb, expect, answer, source_of, expect.get("role", "any"))
    if intent == "shared" and answer.intent != "shared":
        return False, f"intent {answer.intent}"
    return _judge_clauses(kb, intent, expect, answer, refs, source_of)


def evaluate_questions(kb, settings: Settings, path: Path | None = None) -> QuestionReport:
    """Ask every gold question of ``kb`` (built from the corpus) and score the answers."""
    path = path or settings.annotations / "questions.jsonl"
    report = QuestionReport()
    source_of = {d.doc_id: d.source for d in kb.store.documents()}
    present = set(source_of.values())
    quotes = _QuoteResolver(kb, source_of)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        question = quotes.resolve(json.loads(line))
        documents = _documents_of(question)
        if not documents <= present:
            report.skipped += 1
            continue
        answer = kb.ask(question["question"])
        judge = _judge_content if "kind" in question else _judge
        ok, detail = judge(kb, question, answer, source_of)
        tally = report.per_intent.setdefault(question["intent"], [0, 0])
        tally[0] += ok
        tally[1] += 1
        if not ok:
            report.failures.append(f"{question['id']} {question['question']!r}: {detail}")
    return report


class _QuoteResolver:
    """Gold written by quoting the answering clause ({"document", "quote"}) instead of
    naming its path: the quote is looked up in the stored clauses of that document, so
    the gold does not depend on how the segmenter numbers paragraphs. Unit names as the
    document writes them are turned into directory names. A quote found in no clause
    stays unresolved (path ["?"]) and the question can only fail."""

    def __init__(self, kb, source_of: dict[str, str]):
        self.kb = kb
        self.doc_of = {source: doc_id for doc_id, source in source_of.items()}
        self._clauses: dict[str, list] = {}

    def resolve(self, question: dict) -> dict:
        expect = question["expect"]
        for key in ("clauses", "lead", "coop"):
            if key in expect:
                expect[key] = [self._ref(item) for item in expect[key]]
        if "units" in expect:
            directory = self.kb.store.directory
            # units as the document writes them mean what they mean there: 省财政厅 in a
            # Henan document is 河南省财政厅 (the extractor reads it so too)
            headers = self.kb.current_headers()
            provinces = {document_province(h.issuer, h.doc_number, h.title)
                         for d in expect.get("documents", ())
                         for h in [headers.get(self.doc_of.get(d))] if h is not None} \
                if document_province else set()
            province = provinces.pop() if len(provinces) == 1 else None
            expect["units"] = [_canonical(part, directory, province) for u in expect["units"]
                               for part in _bodies_of(u, directory)]
        return question

    def _ref(self, item: dict) -> dict:
        if "quote" not in item:
            return item
        quote = _squash(item["quote"])
        found = [c for c in self._clauses_of(item["document"])
                 if quote in _squash(c.heading + c.text)]
        if not found:
            return {"document": item["document"], "path": ["?"], "seq": 0}
        # a quote in several clauses: any of them is the one meant
        return {"document": item["document"], "path": list(found[0].path), "seq": found[0].seq,
                "also": [[list(c.path), c.seq] for c in found[1:]]}

    def _clauses_of(self, source: str) -> list:
        if source not in self._clauses:
            doc_id = self.doc_of.get(source)
            self._clauses[source] = self.kb.store.clauses(doc_id=doc_id) if doc_id else []
        return self._clauses[source]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def _documents_of(question: dict) -> set[str]:
    expect = question["expect"]
    items = expect.get("clauses", []) + expect.get("lead", []) + expect.get("coop", [])
    return {c["document"] for c in items}


def gold_documents(settings: Settings, annotations: Path | None = None) -> list[Path]:
    """The corpus documents the gold set covers that are present on this machine."""
    folder = annotations or settings.annotations
    out = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        source = locate(json.loads(gold_path.read_text(encoding="utf-8"))["document"], settings)
        if source is not None:
            out.append(source)
    return out
