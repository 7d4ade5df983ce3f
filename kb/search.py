"""Plain full-text search: analyse, expand through the thesaurus, search the index,
fetch the clauses from the store, mark the matched words on the original text."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest import Clause, Document

from .analyzer import highlight_spans
from .index import SearchQuery
from .lexicon import default_thesaurus
from .store import clause_json

EXPANSION_WEIGHT = 0.6
SUBWORD_WEIGHT = 0.3
RERANK_DEPTH = 3  # candidates fetched per result wanted, for the phrase rerank
PHRASE_BONUS = 0.5
COVERAGE_WEIGHT = 0.75


@dataclass(frozen=True)
class Hit:
    clause: Clause
    document: Document
    score: float
    highlights: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict:
        row = clause_json(self.clause, self.document)
        row["score"] = round(self.score, 4)
        row["highlights"] = [list(span) for span in self.highlights]
        return row


@dataclass
class Terms:
    """A query after analysis: weighted index terms and the surface words to highlight."""

    weighted: list[tuple[str, float]] = field(default_factory=list)
    surface: list[str] = field(default_factory=list)
    main: list[str] = field(default_factory=list)  # the words asked for, for coverage

    def add(self, term: str, weight: float) -> None:
        for i, (existing, w) in enumerate(self.weighted):
            if existing == term:
                self.weighted[i] = (term, max(w, weight))
                return
        self.weighted.append((term, weight))


def analyse(kb, text: str) -> Terms:
    terms = Terms()
    for term in kb.analyzer.query_terms(text):
        terms.add(term, 1.0)
        terms.surface.append(term)
        terms.main.append(term)
    for token in kb.analyzer.tokens(text, mode="search"):
        terms.add(token.text, SUBWORD_WEIGHT)
    thesaurus = default_thesaurus()
    for phrase in thesaurus.terms_in(text):
        for synonym in thesaurus.expand(phrase):
            terms.surface.append(synonym)
            pieces = kb.analyzer.query_terms(synonym)
            # A synonym that is one word counts nearly as much as the word asked for; one
            # that falls apart into common words (赛事活动 -> 赛事, 活动) counts little.
            weight = EXPANSION_WEIGHT if len(pieces) == 1 else SUBWORD_WEIGHT
            for term in pieces:
                terms.add(term, weight)
    return terms


def fetch_hits(kb, ranked: list[tuple[str, float]], highlight: list[str]) -> list[Hit]:
    """Clauses for ranked ids, best first; ids the store no longer has are dropped."""
    clauses = {c.clause_id: c for c in kb.store.clauses(clause_ids=[cid for cid, _ in ranked])}
    docs = kb.store.document_headers(sorted({c.doc_id for c in clauses.values()}))
    hits = []
    for cid, score in ranked:
        clause = clauses.get(cid)
        if clause is None:
            continue
        spans = tuple(highlight_spans(clause.text, highlight)) if highlight else ()
        hits.append(Hit(clause, docs[clause.doc_id], score, spans))
    return hits


def search(kb, text: str, limit: int = 10, doc_ids: tuple[str, ...] = (), unit: str | None = None,
           role: str | None = None, year: int | None = None, has_target: bool = False,
           terms: Terms | None = None) -> list[Hit]:
    kb.refresh()
    terms = terms or analyse(kb, text)
    query = SearchQuery(terms=tuple(terms.weighted), doc_ids=tuple(doc_ids), unit=unit,
                        role=role, year=year, has_target=has_target)
    ranked = kb.index.search(query, limit=limit * RERANK_DEPTH)
    hits = fetch_hits(kb, ranked, terms.surface)
    return rerank(hits, text, terms)[:limit]


def rerank(hits: list[Hit], text: str, terms: Terms) -> list[Hit]:
    """Favour clauses that hold every word asked for, and the query as written.

    BM25 sums term scores, so a clause repeating one common word (体育赛事) can outscore
    the one clause holding both words asked for (体育赛事制播分离). Scale each score by
    the share of asked-for words the clause contains, and add a bonus when it holds the
    whole query as written (Chinese has no spaces to make that a phrase query).
    """
    phrase = "".join(text.split())
    main = [m.lower() for m in terms.main if m]
    out = []
    for hit in hits:
        body = hit.clause.text.lower()
        factor = 1.0
        if main:
            coverage = sum(1 for m in main if m in body) / len(main)
            factor *= 1 - COVERAGE_WEIGHT + COVERAGE_WEIGHT * coverage
        if len(phrase) >= 3 and phrase in hit.clause.text:
            factor *= 1 + PHRASE_BONUS
        out.append(Hit(hit.clause, hit.document, hit.score * factor, hit.highlights))
    return sorted(out, key=lambda h: -h.score)


def filter_hits(hits: list[Hit], doc_ids=(), unit: str | None = None, role: str | None = None,
                year: int | None = None) -> list[Hit]:
    """Narrow an answer's evidence by document, unit (in a role) and target year."""
    out = []
    for hit in hits:
        clause = hit.clause
        if doc_ids and clause.doc_id not in doc_ids:
            continue
        if unit:
            refs = {"lead": clause.lead_units, "coop": clause.coop_units}.get(
                role, clause.lead_units + clause.coop_units)
            if not any(r.name == unit for r in refs):
                continue
        if year is not None and not any(t.year == year for t in clause.targets):
            continue
        out.append(hit)
    return out
