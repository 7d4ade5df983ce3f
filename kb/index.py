"""The full-text index: tantivy over jieba tokens, derived from the store.

The store keeps each clause's tokens, so a rebuild never re-runs jieba. The index
records the store generation it reflects; a knowledge base whose index is missing,
damaged or behind the store rebuilds it on open instead of trusting it. Everything
tantivy-specific stays in this module behind ``ClauseIndex``, so a server engine can
take its place for corpora beyond one machine.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, NamedTuple

import tantivy

log = logging.getLogger(__name__)

# Relative weights of a term match by field: headings and units say most about a clause.
BOOSTS = {"heading": 3.0, "units": 2.0, "body": 1.0, "title": 0.5}
_WRITER_HEAP = 50_000_000
_STATE = "policykb-index.json"
_FORMAT = 2  # 2: the CJK bigram field
# Character bigrams of the clause text (the approach of Lucene's CJK analyzer): a word
# cut differently by jieba in the question and in the clause still meets its bigrams.
GRAM_BOOST = 0.4


class IndexRow(NamedTuple):
    """A clause as the index takes it. A named tuple, not a dataclass: a folder ingest's
    workers send these clause by clause, and a tuple unpickles several times faster."""

    clause_id: str
    doc_id: str
    body: str  # space-separated tokens
    heading: str
    title: str
    units: str
    lead: tuple[str, ...] = ()
    coop: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    has_target: bool = False
    text: str = ""  # the clause as written, for the bigram field


@dataclass(frozen=True)
class SearchQuery:
    terms: tuple[tuple[str, float], ...] = ()  # (token, weight)
    grams: tuple[tuple[str, float], ...] = ()  # (CJK bigram, weight), for recall
    doc_ids: tuple[str, ...] = ()
    unit: str | tuple[str, ...] | None = None  # canonical name, or names any of which will do
    role: str | None = None  # lead | coop | None for either
    year: int | None = None
    has_target: bool = False
    exclude: tuple[str, ...] = ()  # clause ids


class IndexBusy(RuntimeError):
    """Another process holds the index writer for longer than we are willing to wait."""


class ClauseIndex:
    def __init__(self, folder: Path, store_id: str | None = None):
        self.folder = Path(folder)
        self.store_id = store_id  # the store this index is derived from, kept in its state
        self._write_lock = threading.Lock()
        self._committing: threading.Thread | None = None  # a commit finishing meanwhile
        self._commit_error: BaseException | None = None
        self.schema = _schema()
        self.index = self._open()

    def _open(self) -> tantivy.Index:
        # nothing here before (a new folder), as opposed to an index found damaged
        self.was_missing = not self.folder.is_dir() or not any(self.folder.iterdir())
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            if tantivy.Index.exists(str(self.folder)):
                index = tantivy.Index.open(str(self.folder))
                if self.state().get("format") == _FORMAT:
                    return _with_analyzers(index)
                log.warning("index format changed; it will be rebuilt")
        except ValueError as exc:  # a damaged index: start again, the store has it all
            log.warning("index at %s is unreadable (%s); it will be rebuilt", self.folder, exc)
        self._wipe()
        return _with_analyzers(tantivy.Index(self.schema, path=str(self.folder), reuse=False))

    def doc_freq(self, field: str, term: str) -> int:
        """How many clauses hold ``term`` in ``field``: for IDF weights."""
        return self.index.searcher().doc_freq(field, term)

    def doc_freqs(self, field: str, terms: list[str]) -> list[int]:
        """``doc_freq`` of many terms, read from one searcher."""
        searcher = self.index.searcher()
        return [searcher.doc_freq(field, term) for term in terms]

    def num_docs(self) -> int:
        return self.index.searcher().num_docs

    def _wipe(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)

    # ------------------------------------------------------------ state

    def state(self) -> dict:
        try:
            return json.loads((self.folder / _STATE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _write_state(self, generation: int) -> None:
        tmp = self.folder / (_STATE + ".tmp")
        state = {"format": _FORMAT, "generation": generation, "count": self.count()}
        if self.store_id:
            state["store"] = self.store_id
        tmp.write_text(json.dumps(state), encoding="utf-8")
        os.replace(tmp, self.folder / _STATE)

    def clause_ids(self) -> set[str]:
        self.index.reload()
        searcher = self.index.searcher()
        total = searcher.num_docs
        if not total:
            return set()
        hits = searcher.search(tantivy.Query.all_query(), total, count=False).hits
        return {searcher.doc(address)["clause_id"][0] for _, address in hits}

    def count(self) -> int:
        self.index.reload()
        return self.index.searcher().num_docs

    # ------------------------------------------------------------ writing

    def _writer(self, timeout: float = 30.0, threads: int = 1):
        deadline = time.monotonic() + timeout
        while True:
            try:
                return self.index.writer(_WRITER_HEAP * threads, threads)
            except ValueError as exc:
                if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                    if "lock" in str(exc).lower():
                        raise IndexBusy("another process is writing the index") from exc
                    raise
                time.sleep(0.05)

    def wait(self) -> None:
        """Until a commit left to finish meanwhile (``wait=False``) is done; raises what
        made it fail."""
        committing = self._committing
        if committing is not None:
            committing.join()
            self._committing = None
            error, self._commit_error = self._commit_error, None
            if error is not None:
                raise error

    def _apply(self, generation: int, rows: Iterable[IndexRow] = (),
               delete_doc: str | None = None, clear: bool = False,
               delete_docs: Iterable[str] = (), wait: bool = True) -> None:
        """One index commit. With ``wait=False`` the documents are added here but the
        commit (tantivy's own threads, no Python) finishes meanwhile: ``wait`` for it."""
        self.wait()
        self._write_lock.acquire()
        try:
            # A rebuild uses every core (tantivy indexes in its own threads).
            writer = self._writer(threads=max(1, min(os.cpu_count() or 1, 4)) if clear else 1)
            try:
                if clear:
                    writer.delete_all_documents()
                for doc_id in ([delete_doc] if delete_doc else []) + list(delete_docs):
                    writer.delete_documents_by_term("doc_id", doc_id)
                for row in rows:
                    writer.add_document(_document(row))
            except BaseException:
                writer.rollback()
                raise
        except BaseException:
            self._write_lock.release()
            raise
        if wait:
            self._commit(writer, generation)
            return
        self._committing = threading.Thread(target=self._commit, args=(writer, generation, True),
                                            name="index-commit")
        self._committing.start()

    def _commit(self, writer, generation: int, meanwhile: bool = False) -> None:
        """The end of ``_apply``, under its write lock (released here)."""
        try:
            try:
                writer.commit()
                writer.wait_merging_threads()
            except BaseException:
                writer.rollback()
                raise
            self.index.reload()
            self._write_state(generation)
        except BaseException as exc:
            if not meanwhile:
                raise
            self._commit_error = exc
        finally:
            self._write_lock.release()

    def add(self, rows: Iterable[IndexRow], generation: int) -> None:
        self._apply(generation, rows)

    def delete_document(self, doc_id: str, generation: int) -> None:
        self._apply(generation, delete_doc=doc_id)

    def replace_document(self, doc_id: str, rows: Iterable[IndexRow], generation: int) -> None:
        """A document's clauses anew, in one commit (after a correction)."""
        self._apply(generation, rows, delete_doc=doc_id)

    def replace_documents(self, doc_ids: Iterable[str], rows: Iterable[IndexRow],
                          generation: int, wait: bool = True) -> None:
        """Documents' clauses anew (none for a document gone or superseded), in one
        commit: how an index catches up with the store."""
        self._apply(generation, rows, delete_docs=doc_ids, wait=wait)

    def rebuild(self, rows: Iterable[IndexRow], generation: int) -> None:
        self._apply(generation, rows, clear=True)

    # ------------------------------------------------------------ reading

    def search(self, query: SearchQuery, limit: int = 20) -> list[tuple[str, float]]:
        """The best clauses, equal scores in clause id order: which of several equal
        clauses (boilerplate repeated across documents) come back must not depend on the
        order this index was built in (incrementally, or rebuilt, in any process)."""
        q = self._query(query)
        searcher = self.index.searcher()
        want = limit + len(query.exclude)
        hits = searcher.search(q, want, count=False).hits
        for _ in range(4):  # a tie across the cut: read on past it (a few times at most)
            if not hits or len(hits) < want or hits[-1][0] != hits[min(limit, len(hits)) - 1][0]:
                break
            want *= 4
            hits = searcher.search(q, want, count=False).hits
        found = sorted(((score, searcher.doc(address)["clause_id"][0]) for score, address in hits),
                       key=lambda hit: (-hit[0], hit[1]))
        return [(cid, score) for score, cid in found if cid not in query.exclude][:limit]

    def clauses_naming_all(self, names: list, role: str | None = "lead",
                           limit: int = 2000) -> list[str]:
        """Ids of clauses that name every unit in ``names`` (in ``role``, or either); an
        item may be a list of names any one of which will do (a unit, or the names
        documents give it by function): an intersection of posting lists, fast at any
        corpus size. Unordered."""
        Q, Occur, schema = tantivy.Query, tantivy.Occur, self.schema
        roles = [role] if role else ["lead", "coop"]
        must = [(Occur.Must, Q.boolean_query([(Occur.Should, Q.term_query(schema, r, name))
                                              for r in roles
                                              for name in ([item] if isinstance(item, str)
                                                           else item)]))
                for item in names]
        searcher = self.index.searcher()
        hits = searcher.search(Q.boolean_query(must), limit, count=False).hits
        return [searcher.doc(address)["clause_id"][0] for _, address in hits]

    def _query(self, query: SearchQuery) -> tantivy.Query:
        Q, Occur, schema = tantivy.Query, tantivy.Occur, self.schema
        should = []
        for term, weight in query.terms:
            for field, boost in BOOSTS.items():
                should.append((Occur.Should, Q.boost_query(Q.term_query(schema, field, term),
                                                           boost * weight)))
        for gram, weight in query.grams:
            should.append((Occur.Should, Q.boost_query(Q.term_query(schema, "grams", gram),
                                                       GRAM_BOOST * weight)))
        must = []
        if should:
            must.append((Occur.Must, Q.boolean_query(should)))
        if query.doc_ids:
            must.append((Occur.Must, Q.boolean_query(
                [(Occur.Should, Q.term_query(schema, "doc_id", d)) for d in query.doc_ids])))
        if query.unit:
            roles = [query.role] if query.role else ["lead", "coop"]
            names = (query.unit,) if isinstance(query.unit, str) else query.unit
            must.append((Occur.Must, Q.boolean_query(
                [(Occur.Should, Q.term_query(schema, r, name)) for r in roles for name in names])))
        if query.year is not None:
            must.append((Occur.Must, Q.term_query(schema, "year", str(query.year))))
        if query.has_target:
            must.append((Occur.Must, Q.term_query(schema, "has_target", "1")))
        if not must:
            return Q.all_query()
        if not should:
            must.append((Occur.Must, Q.all_query()))
        return Q.boolean_query(must)


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("clause_id", stored=True, tokenizer_name="raw")
    builder.add_text_field("doc_id", tokenizer_name="raw", index_option="basic")
    for field in ("body", "heading", "title", "units"):
        builder.add_text_field(field, tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("grams", tokenizer_name="cjk_bigram", index_option="freq")
    for field in ("lead", "coop", "year", "has_target"):
        builder.add_text_field(field, tokenizer_name="raw", index_option="basic")
    return builder.build()


def _document(row: IndexRow) -> tantivy.Document:
    # one call with every field (a list for the repeated ones), not a call per value:
    # a folder ingest builds one per clause in the writer process
    fields = {
        "clause_id": row.clause_id, "doc_id": row.doc_id, "body": row.body,
        "heading": row.heading, "title": row.title, "units": row.units,
        "has_target": "1" if row.has_target else "0",
    }
    if row.text:
        fields["grams"] = row.text
    if row.lead:
        fields["lead"] = list(row.lead)
    if row.coop:
        fields["coop"] = list(row.coop)
    if row.years:
        fields["year"] = [str(year) for year in row.years]
    return tantivy.Document(**fields)


def _with_analyzers(index: tantivy.Index) -> tantivy.Index:
    # no lowercase filter: questions look up CJK bigrams only (search.cjk_bigrams), which
    # have no case; skipping it saves a sixth of the index's work in a folder ingest
    bigrams = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.ngram(2, 2, False)).build()
    index.register_tokenizer("cjk_bigram", bigrams)
    return index
