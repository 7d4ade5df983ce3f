"""policykb knowledge base: storage, index and answers over ingested clauses."""

from __future__ import annotations

import collections
import contextlib
import gc
import itertools
import logging
import os
import queue
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import ingest
from ingest import IngestError

from . import cache
from .analyzer import PolicyAnalyzer
from .index import ClauseIndex, IndexBusy
from .settings import Settings
from .store import (
    AddResult,
    Digest,
    Store,
    UnitDuty,
    clause_json,
    document_rows,
    open_store,
    unit_surfaces,
)

__all__ = [
    "document_tokens", "safe_upload_name",
    "KnowledgeBase", "Settings", "Store", "AddResult", "UnitDuty", "IngestOutcome",
    "clause_json", "iter_documents", "DOCUMENT_SUFFIXES",
]

log = logging.getLogger(__name__)

DOCUMENT_SUFFIXES = (".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".jsp", ".asp",
                     ".aspx", ".php", ".pdf", ".docx", ".doc",
                     ".wps", ".odt", ".rtf", ".ofd")


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one file: added, already there, or refused with a reason."""

    source: str
    result: AddResult | None = None
    error: IngestError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def safe_upload_name(name: str) -> str:
    """The base name only (no folders, no ..), control and reserved characters removed."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r'[\x00-\x1f<>:"|?*]+', "", base).strip(" .")
    return base[-120:] or "upload.txt"


def document_tokens(doc: ingest.Document, analyzer: PolicyAnalyzer,
                    directory: ingest.Directory) -> dict[str, tuple[str, str, str, str]]:
    """Index tokens per clause: body, heading (with its section headings), document
    title and number, and the units (canonical names, aliases and forms as written,
    each one token)."""
    title = analyzer.index_terms(" ".join(filter(None, (doc.title, doc.body_title))))
    if doc.doc_number:
        title += " " + doc.doc_number.replace(" ", "")
    out = {}
    sections: dict[str, str] = {}  # every section's headings are tokenized once
    for clause in doc.clauses:
        names: list[str] = []
        for ref in clause.lead_units + clause.coop_units:
            for surface in unit_surfaces(directory, ref.name, ref.as_written):
                if surface not in names:
                    names.append(surface)
        section = " ".join(clause.section)
        if section not in sections:
            sections[section] = analyzer.index_terms(section)
        heading = analyzer.index_terms(clause.heading) if clause.heading else ""
        out[clause.clause_id] = (
            analyzer.index_terms(clause.text),
            f"{sections[section]} {heading}".strip(),
            title,
            " ".join(names),
        )
    return out


_WORKER: dict = {}


def _parse_file(path: Path, max_bytes: int):
    """In a worker process: parse one file, tokenize it for the index and make its rows,
    so the writer only executes them. Returns (rows, digest, None) or
    (None, None, (source, problem, fix)): the document itself stays here (the store
    reads it back when it is asked for)."""
    from ingest.loaders import ocr

    directory = ingest.default_directory()
    analyzer = _WORKER.get("analyzer")
    if analyzer is None:
        analyzer = _WORKER["analyzer"] = PolicyAnalyzer(directory)
    try:
        with ocr.reporting(lambda line: log.warning("%s", line)):
            doc = ingest.parse(path, directory=directory, max_bytes=max_bytes)
    except IngestError as exc:
        return None, None, (exc.source, exc.problem, exc.fix)
    rows = document_rows(doc, document_tokens(doc, analyzer, directory))
    return rows, Digest.of(doc), None


def iter_documents(path: Path) -> list[Path]:
    """A file as given, or the document files in a folder (recursively, sorted)."""
    if path.is_dir():
        return sorted(
            p for p in path.rglob("*")
            if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
    return [path]


@contextlib.contextmanager
def _collector_paused():
    """Python's cycle collector paused: a rebuild makes a few hundred thousand short-lived
    tuples and strings, none in a cycle, and each collection would walk all that are
    alive (a tenth of a rebuild's time at 100,000 clauses)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class KnowledgeBase:
    """The opened knowledge base: the store (source of truth) and the index derived from it."""

    def __init__(self, settings: Settings, repair: bool = True):
        self.settings = settings
        # SQLite in ``home``, or the PostgreSQL database; the shipped unit directory as
        # kept in the folder's cache/ (see cache.unit_directory)
        self.store = open_store(settings, cache.unit_directory(settings.home / "cache"))
        self.analyzer = PolicyAnalyzer(self.store.directory)
        # the index is always local to this folder, derived from the store
        self.index = ClauseIndex(settings.home / "index", self.store.store_id)
        self._index_lock = threading.RLock()
        self.notices: list[str] = []
        self._seen_generation = -1
        self._by_generation: dict[str, tuple[tuple, object]] = {}
        self.stale = self.check_index(repair=repair)

    @classmethod
    def open(cls, home: str | Path | None = None) -> "KnowledgeBase":
        return cls(Settings.from_env(home))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def check_index(self, repair: bool = True) -> bool:
        """Bring the index up to the store. An index behind the store catches up: the
        documents changed since the generation it reflects (added, superseded,
        corrected, by any process) are re-indexed, nothing else. An index that cannot
        (missing, damaged, of another store, older than the store's change log) or
        that still disagrees is rebuilt from the store, with ``repair`` only.

        Returns True when the index did not reflect the store."""
        with self._index_lock:
            caught_up = 0
            for _ in range(3):  # other processes may add documents while we look
                done = self._catch_up()
                if done is None:
                    break
                caught_up += done
                if self.index.count() == self.store.clause_count(current_only=True):
                    return caught_up > 0
                if self.store.generation() == self._seen_generation:
                    break  # the counts disagree with nothing in between: not a race
            if not repair:
                return True
            state = self.index.state()
            if self.settings.database_url and self.index.was_missing and not self.index.count():
                log.info("building this folder's search index from the shared store")
            elif self.store.clause_count() or self.index.count():
                message = ("the search index did not match the store (generation "
                           f"{state.get('generation')} vs {self.store.generation()}); "
                           "rebuilt it from the store")
                log.warning(message)
                self.notices.append(message)
            self.reindex()
            return True

    def _catch_up(self, known: dict | None = None, known_at: int | None = None,
                  wait: bool = True) -> int | None:
        """Re-index the documents the store's change log lists since the generation the
        index reflects, in one index commit; the number of documents. None when the
        index has no usable state (it needs a rebuild). ``known``: doc_id -> index rows
        as this process stored them, committing generation ``known_at``; taken as they
        are (not read back) unless another process has written since. ``wait=False``:
        the index commit finishes meanwhile (``self.index.wait()``)."""
        self.index.wait()  # a commit finishing meanwhile writes the state read here
        state = self.index.state()
        since = state.get("generation")
        generation = self.store.generation()
        if not known or generation != known_at:  # another process may have corrected them
            known = {}
        if not isinstance(since, int) or since > generation or since < self.store.changes_from \
                or state.get("store", self.store.store_id) != self.store.store_id:
            return None
        if since == generation:
            if self._seen_generation != generation:  # another process caught this folder up
                self.index.index.reload()
                self._seen_generation = generation
            return 0
        changed = self.store.changed_documents(since)
        unready = self.store.documents_missing_tokens([d for d in changed if d not in known])
        for doc_id in unready:  # stored by a writer that stopped before its tokens
            doc = self.store.document(doc_id)
            self.store.put_tokens(document_tokens(doc, self.analyzer, self.store.directory))
        if unready:
            message = (f"{len(unready)} documents were stored without their index tokens "
                       "(a writer stopped midway); tokenized and indexed them")
            log.warning(message)
            self.notices.append(message)
        superseded = self.store.superseded()
        current = [d for d in changed if d not in superseded]
        rows = itertools.chain(
            (row for d in current if d in known for row in known[d]),
            self.store.index_rows(doc_ids=[d for d in current if d not in known]))
        self.index.replace_documents(changed, rows, generation, wait=wait)
        self._seen_generation = generation
        log.info("index caught up from generation %s to %s: %d documents", since, generation,
                 len(changed))
        return len(changed)

    def reindex(self) -> None:
        """Rebuild the index from the store's tokens (tokenizing only clauses that lack them)."""
        with self._index_lock:
            for doc_id in self.store.documents_missing_tokens():
                doc = self.store.document(doc_id)
                self.store.put_tokens(document_tokens(doc, self.analyzer, self.store.directory))
            generation = self.store.generation()
            with _collector_paused():
                self.index.rebuild(self.store.index_rows(), generation)
            self._seen_generation = generation

    def check(self) -> list[str]:
        """Problems between the store and the index; empty when they agree."""
        problems = []
        damage = self.store.integrity()
        if damage:
            problems.append(f"the store is damaged ({damage}); restore a backup")
        in_store = self.store.clause_ids()
        in_index = self.index.clause_ids()
        if in_store != in_index:
            problems.append(
                f"the index has {len(in_index)} clauses, the store {len(in_store)} "
                f"({len(in_store - in_index)} missing from the index, {len(in_index - in_store)} "
                "extra); run `policykb reindex`")
        elif self.index.state().get("generation") != self.store.generation():
            problems.append("the index is from an older state of the store; run `policykb reindex`")
        missing = self.store.documents_missing_tokens()
        if missing:
            problems.append(f"{len(missing)} documents lack index tokens; run `policykb reindex`")
        return problems

    def refresh(self) -> None:
        """Follow the store: what other processes added, corrected or superseded since
        we last looked reaches the index, incrementally (a damaged index is rebuilt)."""
        if self.store.generation() == self._seen_generation:
            return
        with self._index_lock:
            if self.store.generation() == self._seen_generation:
                return  # another thread did it meanwhile
            try:
                if self._catch_up() is None:
                    self.reindex()
            except IndexBusy as exc:  # another process is writing this folder's index
                log.warning("%s; answering from the index as it is", exc)
                self.index.index.reload()

    def add_file(self, path: Path, actor: str | None = None) -> IngestOutcome:
        """Parse, store and index one file; a bad file leaves the knowledge base unchanged.
        With ``actor``, the audit log records who added it (in the same transaction)."""
        try:
            doc = ingest.parse(path, directory=self.store.directory,
                               max_bytes=self.settings.max_bytes)
        except IngestError as exc:
            log.warning("%s", exc)
            return IngestOutcome(str(path), error=exc)
        return IngestOutcome(str(path), result=self.add_document(
            doc, added_by=None if actor is None else (actor, str(path))))

    def add_bytes(self, data: bytes, name: str, actor: str | None = None) -> IngestOutcome:
        try:
            doc = ingest.parse_bytes(data, name, directory=self.store.directory,
                                     max_bytes=self.settings.max_bytes)
        except IngestError as exc:
            return IngestOutcome(name, error=exc)
        return IngestOutcome(name, result=self.add_document(
            doc, added_by=None if actor is None else (actor, name)))

    def add_upload(self, data: bytes, name: str, actor: str = "app") -> IngestOutcome:
        """A file from the app: the name is reduced to a safe base name, the size is
        capped, and the original is kept under the knowledge base's uploads/ folder."""
        safe = safe_upload_name(name)
        if len(data) > self.settings.max_upload_bytes:
            return IngestOutcome(safe, error=ingest.TooLarge(safe, len(data),
                                                             self.settings.max_upload_bytes))
        outcome = self.add_bytes(data, safe, actor)
        if outcome.ok and outcome.result.added:
            uploads = (self.settings.home / "uploads").resolve()
            uploads.mkdir(parents=True, exist_ok=True)
            target = (uploads / f"{outcome.result.document.doc_id}-{safe}").resolve()
            if target.parent == uploads:
                target.write_bytes(data)
        return outcome

    def add_document(self, doc: ingest.Document, tokens: dict | None = None,
                     batch: list | None = None,
                     added_by: tuple[str, str] | None = None) -> AddResult:
        """Store the document with its tokens, then index it: searchable at once. With
        ``batch`` (a folder ingest) the index update waits in the batch for
        ``flush_index`` — one index commit for many documents."""
        if self.store.has_document(doc.doc_id):
            return AddResult(doc, added=False)
        if tokens is None:
            tokens = document_tokens(doc, self.analyzer, self.store.directory)
        result = self.store.add(doc, tokens, added_by)
        if result.added:
            if batch is not None:
                batch.append(result)
                return result
            self.flush_index([result])
        return result

    def flush_index(self, results: list, wait: bool = True) -> None:
        """Index the documents just stored (``add_document`` results; the versions they
        replaced leave), in one commit that records the store generation it reflects:
        the store's change log since the index's generation, so what other processes
        stored meanwhile comes along. ``wait=False``: the commit finishes meanwhile
        (``self.index.wait()``), while a folder ingest writes its next documents."""
        if not results:
            return
        known = {r.doc_id: r.index_rows for r in results if r.index_rows is not None}
        known_at = max((r.generation or 0) for r in results)
        with self._index_lock:
            if self._catch_up(known, known_at, wait) is None:
                self.reindex()
        results.clear()

    # ------------------------------------------------------------ corrections

    def correct_clause(self, clause_id: str, lead: list[str] | None, coop: list[str] | None,
                       author: str, reason: str):
        """Fix a clause's units; the index follows at once."""
        from .corrections import correct_clause

        fix = correct_clause(self.store, clause_id, lead, coop, author, reason)
        self._reindex_document(fix.doc_id)
        self.audit(author, "correct clause", clause_id,
                   {"lead": fix.lead, "coop": fix.coop, "reason": reason})
        return fix

    def correct_document(self, doc_id: str, fields: dict[str, str], author: str, reason: str):
        """Fix a document's metadata (title, 文号, issuer, dates); the index follows."""
        from .corrections import correct_document

        fix = correct_document(self.store, doc_id, fields, author, reason)
        if {"title", "doc_number"} & set(fix.fields):
            doc = self.store.document(doc_id)  # its units are the store's (corrected ones too)
            self.store.put_tokens(document_tokens(doc, self.analyzer, self.store.directory))
        self._reindex_document(doc_id)
        self.audit(author, "correct document", doc_id, {"fields": fix.fields, "reason": reason})
        return fix

    def audit(self, actor: str, action: str, target: str, detail: dict | None = None) -> None:
        """One entry of the audit log: who added, corrected or restored what, and when."""
        from .accounts import record

        record(self.store, actor, action, target, detail)

    def corrections(self, **filters):
        from .corrections import corrections

        return corrections(self.store, **filters)

    def _reindex_document(self, doc_id: str) -> None:
        """After a correction of ``doc_id`` (logged in the store's changes)."""
        with self._index_lock:
            if self._catch_up() is None:
                self.reindex()

    def per_generation(self, key: str, build, variant=None, persist: bool = False):
        """``build()``, kept until the store's generation moves on (another process's
        writes included) or ``variant`` changes: what every question reads but only a
        change alters. One value per key. ``persist``: also kept in the folder's
        ``cache/`` for the next process (a command-line call), for values that cost
        more to build than to unpickle."""
        stamp = (self.store.generation(), variant)
        kept = self._by_generation.get(key)
        if kept is None or kept[0] != stamp:
            value = None
            if persist:
                on_disk = (self.store.store_id, stamp, cache.code_stamp())
                value = cache.load(self.settings.home / "cache", key, on_disk)
            if value is None:
                value = build()
                if persist:
                    cache.save(self.settings.home / "cache", key, on_disk, value)
            kept = self._by_generation[key] = (stamp, value)
        return kept[1]

    @property
    def unit_lexicon(self):
        """Units as people write them in questions (short forms, X部门), and the units
        the documents name that the directory lacks (信息产业部, 国务院信息办)."""
        from .units_in_text import UnitLexicon

        return self.per_generation("unit_lexicon", lambda: UnitLexicon(
            self.store.directory, written=self.store.written_unit_names(),
            classes=self.store.class_unit_names()))

    def warm_cache(self) -> None:
        """Build what every question reads and keep it in ``cache/`` (after an ingest, so
        that the first question of the next process does not pay for it)."""
        from .documents import validities

        validities(self)

    def all_headers(self) -> dict:
        """Metadata of every document (no text, no clauses), read once per store
        generation: validity and the question parser both need it on every question."""
        return self.per_generation("all_headers", lambda: self.store.document_headers(
            self.store.document_ids()), persist=True)

    def current_headers(self) -> dict:
        """Metadata of the current (not superseded) documents: the question parser and
        the app's lists read it on every question."""
        def build():
            superseded = self.store.superseded()
            return {d: h for d, h in self.all_headers().items() if d not in superseded}

        return self.per_generation("headers", build)

    def search(self, text: str, limit: int = 10, **filters):
        from .search import search

        return search(self, text, limit=limit, **filters)

    def ask(self, question: str, limit: int = 10, filters=None):
        from .ask import ask

        return ask(self, question, limit=limit, filters=filters)

    def ingest(self, paths: list[Path], workers: int | None = None,
               actor: str | None = None) -> list[IngestOutcome]:
        """Add files and folders. Several files are parsed and tokenized in worker
        processes (every core), written here one document per transaction as they come
        in, so memory stays flat; a file that fails is reported and the others go on.
        With ``actor``, each added document's audit entry commits with it."""
        return list(self.iter_ingest(paths, workers, actor))

    def iter_ingest(self, paths: list[Path], workers: int | None = None,
                    actor: str | None = None):
        """Outcomes one by one as files are done (a folder of any size in flat memory);
        a path that does not exist comes first, as a refused outcome."""
        files: list[Path] = []
        for given in paths:
            if not given.exists():
                yield IngestOutcome(str(given), error=IngestError(
                    str(given), "the path does not exist", "check the spelling"))
                continue
            files += iter_documents(given)
        workers = workers if workers is not None else min(os.cpu_count() or 1, len(files))
        if workers <= 1 or len(files) <= 1:
            for path in files:
                yield self.add_file(path, actor)
            return
        yield from self._ingest_parallel(files, workers, actor)

    def _ingest_parallel(self, files: list[Path], workers: int, actor: str | None,
                         batch_size: int = 512, batch_seconds: float = 6.0):
        # Each batch is one index segment; tantivy merges segments eight of a size at a
        # time, so fewer, larger batches mean less merging (and fewer commits).
        import concurrent.futures as cf
        import multiprocessing

        context = multiprocessing.get_context("fork")
        if self.store.directory is ingest.default_directory():
            # the workers' segmenter, built once here and inherited by every worker
            self.analyzer.warm_up()
        batch: list = []
        try:
            yield from self._parallel(files, workers, batch, (batch_size, batch_seconds), cf,
                                      context, actor)
        finally:
            self.flush_index(batch)  # also when the caller stops early or a file fails
            self.index.wait()

    def _parallel(self, files, workers, batch, bounds, cf, context, actor):
        """Documents are written in store batches of ``bounds`` = (at most so many
        documents, at most so many seconds): one commit, each document a savepoint, then
        one index commit, which finishes while the next batch is written (and is waited
        for before the next and at the end); their outcomes are reported once the batch
        is committed, so what was reported added is stored."""
        import contextlib

        with contextlib.ExitStack() as stack:
            pool = stack.enter_context(cf.ProcessPoolExecutor(workers, mp_context=context))
            # a caller that stops early waits for the files being parsed, not the queued ones
            stack.callback(pool.shutdown, cancel_futures=True)
            open_batch = stack.enter_context(contextlib.ExitStack())
            pending: dict = {}
            to_parse = collections.deque(files)
            finished = queue.SimpleQueue()  # the futures in the order they complete
            done_outcomes: list[IngestOutcome] = []
            opened: list[float] = []  # when the open store batch began

            def commit(last: bool = False):
                open_batch.close()
                opened.clear()
                # the index commit finishes while the next batch is written
                self.flush_index(batch, wait=last)
                yield from done_outcomes
                done_outcomes.clear()

            def feed():
                # bounded, so memory stays flat, yet deep enough that the workers keep
                # parsing while this process commits a batch (its index commit included)
                while to_parse and len(pending) < workers * 64:
                    path = to_parse.popleft()
                    future = pool.submit(_parse_file, path, self.settings.max_bytes)
                    pending[future] = path
                    future.add_done_callback(finished.put)

            feed()
            last_files = False  # the last files to parse are with the workers
            while pending:
                future = finished.get()
                path = pending.pop(future)
                feed()  # a worker's next file is waiting before this one is written
                try:
                    rows, digest, error = future.result()
                except Exception as exc:  # a worker died (out of memory, a crash)
                    log.warning("%s: %s", path, exc)
                    done_outcomes.append(IngestOutcome(str(path), error=IngestError(
                        str(path), f"the parser stopped ({exc.__class__.__name__})",
                        "add this file on its own to see why")))
                    continue
                if error is not None:
                    done_outcomes.append(IngestOutcome(str(path), error=IngestError(*error)))
                    continue
                if not opened:
                    open_batch.enter_context(self.store.batch())
                    opened.append(time.monotonic())
                result = self.store.add_rows(
                    rows, digest=digest, added_by=None if actor is None else (actor, str(path)))
                if result.added:
                    batch.append(result)
                done_outcomes.append(IngestOutcome(str(path), result=result))
                if len(done_outcomes) >= bounds[0] or time.monotonic() - opened[0] > bounds[1] \
                        or (not to_parse and not last_files and len(done_outcomes) >= 8):
                    # once the last files are with the workers, what is written commits while
                    # they are parsed, so that little is left to commit when they are in
                    last_files = not to_parse
                    yield from commit()
            yield from commit(last=True)
