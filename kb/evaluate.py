"""Measure the extractor against the hand-checked gold in annotations/.

Each ``*.gold.json`` names a document; its clauses list the units as written and the
targets. Matching is exact on (document, path, seq, as written, role) for units and
(document, path, seq, value, unit, comparator, year, period) for targets.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import ingest

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

    def to_dict(self) -> dict:
        return {"extraction": {k: v.to_dict() for k, v in self.scores.items()},
                "documents": self.documents, "skipped": self.skipped}


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


def locate(name: str, settings: Settings) -> Path | None:
    for folder in (settings.corpus, settings.shared_corpus):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def evaluate(settings: Settings, annotations: Path | None = None) -> Report:
    report = Report()
    folder = annotations or settings.annotations
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        source = locate(gold["document"], settings)
        if source is None:
            report.skipped.append(gold["document"])
            continue
        doc = ingest.parse(source)
        report.documents.append(gold["document"])
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
