"""The store, whatever the engine: documents, clauses, units, clause_units, targets.
The source of truth.

Every query here is written once, with ``?`` placeholders, in the SQL that SQLite and
PostgreSQL share (``ON CONFLICT`` for upserts, no aliases in HAVING, no bare columns
beside aggregates); the engine modules (``sqlite``, ``postgres``) supply the
connections, the transaction (one writer at a time), the schema's few engine-specific
words (through ``Dialect``) and the integrity check.

Adding a document is one transaction: it is either wholly in the store or not at all.
Every change that the search index must follow is logged in ``changes`` with the store
generation it becomes visible at, so an index (one per process, in PostgreSQL
deployments) catches up by re-indexing only the documents changed since the generation
it reflects.
"""

from __future__ import annotations

import collections
import json
import logging
import re
import threading
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache, partial

from ingest import Clause, Directory, Document, Target, UnitRef, default_directory
from ingest.records import citation
from ingest.validity import statements as validity_statements
from ingest.validity import title_key

log = logging.getLogger(__name__)

SCHEMA_VERSION = 6  # 5: the changes log, the store id; 6: title tokens once per document
SCHEMA = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    doc_number TEXT, issuer TEXT, signed_date TEXT, published_date TEXT, recipients TEXT,
    period TEXT, doc_type TEXT, body_title TEXT, source TEXT NOT NULL, format TEXT NOT NULL,
    attachments TEXT NOT NULL DEFAULT '[]', meta TEXT NOT NULL DEFAULT '{}', wrapper TEXT,
    outline TEXT NOT NULL DEFAULT '[]', text TEXT NOT NULL, added_at TEXT NOT NULL,
    superseded_by TEXT,  -- a newer version with the same 文号 replaced this one
    frame TEXT, report TEXT,  -- the 公文 frame, and where extraction is unsure (JSON)
    statements TEXT,  -- what it says of its validity and of other documents (JSON)
    title_key TEXT,  -- the title without punctuation, to link documents cited by title
    title_tokens TEXT  -- index tokens of the title and 文号, once for all its clauses
);
CREATE TABLE IF NOT EXISTS clauses (
    clause_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    ord INTEGER NOT NULL, path TEXT NOT NULL, seq INTEGER NOT NULL, heading TEXT NOT NULL,
    text TEXT NOT NULL, note TEXT NOT NULL, section TEXT NOT NULL, kind TEXT NOT NULL,
    deadlines TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS clauses_doc ON clauses(doc_id, ord);
CREATE TABLE IF NOT EXISTS units (
    name TEXT PRIMARY KEY, aliases TEXT NOT NULL DEFAULT '[]', english TEXT NOT NULL DEFAULT '',
    level TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL DEFAULT '', known INTEGER NOT NULL,
    generic INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS clause_units (
    clause_id TEXT NOT NULL REFERENCES clauses(clause_id) ON DELETE CASCADE,
    ord INTEGER NOT NULL, name TEXT NOT NULL, as_written TEXT NOT NULL, role TEXT NOT NULL,
    generic INTEGER NOT NULL, known INTEGER NOT NULL, inherited INTEGER NOT NULL,
    doc_id TEXT NOT NULL, clause_ord INTEGER NOT NULL,  -- copies, for duty lists in document order
    role_word TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT 'note',
    PRIMARY KEY (clause_id, ord)
);
CREATE INDEX IF NOT EXISTS clause_units_name
    ON clause_units(name, role, doc_id, clause_ord, clause_id);
CREATE TABLE IF NOT EXISTS targets (
    clause_id TEXT NOT NULL REFERENCES clauses(clause_id) ON DELETE CASCADE,
    ord INTEGER NOT NULL, text TEXT NOT NULL, metric TEXT NOT NULL, value REAL NOT NULL,
    unit TEXT NOT NULL, comparator TEXT, year INTEGER, period TEXT,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    PRIMARY KEY (clause_id, ord)
);
CREATE INDEX IF NOT EXISTS targets_year ON targets(year);
CREATE TABLE IF NOT EXISTS relations (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    ord INTEGER NOT NULL, type TEXT NOT NULL,
    target_number TEXT, target_title TEXT, target_key TEXT, evidence TEXT NOT NULL,
    PRIMARY KEY (doc_id, ord)
);
CREATE INDEX IF NOT EXISTS relations_number ON relations(target_number);
CREATE INDEX IF NOT EXISTS relations_key ON relations(target_key);
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,               -- clause | document
    doc_id TEXT NOT NULL, clause_id TEXT,
    doc_number TEXT, path TEXT, seq INTEGER, text_hash TEXT,  -- to carry over to a revision
    lead TEXT, coop TEXT,             -- JSON lists of canonical names (clause corrections)
    fields TEXT,                      -- JSON {field: value} (document corrections)
    extracted TEXT NOT NULL,          -- what the extractor said, shown beside the fix
    author TEXT NOT NULL, reason TEXT NOT NULL, created_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active',  -- active | review | replaced
    carried_from INTEGER              -- the correction of an older version it came from
);
CREATE INDEX IF NOT EXISTS corrections_target ON corrections(doc_id, clause_id, status);
CREATE TABLE IF NOT EXISTS clause_tokens (
    clause_id TEXT PRIMARY KEY REFERENCES clauses(clause_id) ON DELETE CASCADE,
    body TEXT NOT NULL, heading TEXT NOT NULL,
    -- '' since schema 6: the document's title_tokens, and the surfaces of the clause's
    -- units worked out from clause_units (written per clause, they were a fifth of a store)
    title TEXT NOT NULL, units TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS changes (
    generation INTEGER NOT NULL,  -- the store generation the change became visible at
    doc_id TEXT NOT NULL,         -- the document whose index rows changed
    PRIMARY KEY (generation, doc_id)
)
"""
# after the engine's migrations (an old store may lack the columns until then)
LATE_SCHEMA = (
    "CREATE INDEX IF NOT EXISTS documents_number ON documents(doc_number)",
    "CREATE INDEX IF NOT EXISTS documents_key ON documents(title_key)",
)
TABLES = ("info", "documents", "clauses", "units", "clause_units", "targets", "relations",
          "corrections", "clause_tokens", "changes")


@dataclass(frozen=True)
class Digest:
    """What ``policykb ingest`` says about an added document, without the document (a
    folder ingest's worker makes it, so the document never leaves the worker)."""

    doc_id: str
    title: str
    doc_number: str | None
    unit_mentions: int
    targets: int
    unknown: tuple[str, ...]  # units as written that the directory does not know
    line: str  # the extraction report's one line
    has_report: bool

    @classmethod
    def of(cls, doc: Document) -> "Digest":
        from ingest import report

        refs = [u for c in doc.clauses for u in c.lead_units + c.coop_units]
        return cls(doc.doc_id, doc.title, doc.doc_number, len(refs),
                   sum(len(c.targets) for c in doc.clauses),
                   tuple(sorted({u.as_written for u in refs if not u.known})),
                   report.summary(doc), bool(doc.report))


@dataclass(frozen=True)
class AddResult:
    # the document, or how to read it back from the store (a folder ingest's worker
    # sends rows only) when first asked for
    source: Document | Callable[[], Document]
    added: bool  # False: the same content was already there
    superseded: tuple[str, ...] = ()  # older versions (same 文号) this one replaced
    superseded_by: str | None = None  # a newer version already in the store
    generation: int | None = None  # the store generation the addition committed
    # the index's rows exactly as stored (None when a carried-over correction changed
    # them, or the document is not current): the index takes them without reading back
    index_rows: tuple | None = None
    digest: Digest | None = None

    @property
    def document(self) -> Document:
        if not isinstance(self.source, Document):
            object.__setattr__(self, "source", self.source())
        return self.source

    @property
    def doc_id(self) -> str:
        return self.digest.doc_id if self.digest else self.document.doc_id

    @property
    def summary(self) -> Digest:
        return self.digest or Digest.of(self.document)


@dataclass(frozen=True)
class DocumentRows:
    """A parsed document as the store's rows and the index's rows. Built from the
    document alone (in a worker process during a folder ingest), so the one writer only
    executes them."""

    doc_id: str
    title: str
    doc_number: str | None
    date: str  # signed or published: which of two versions is current
    document: tuple  # _DOCUMENT_COLUMNS but the writer's last two
    relations: list[tuple]
    clauses: list[tuple]
    units: list[tuple]
    names: list[tuple]
    tokens: list[tuple]
    targets: list[tuple]
    index: tuple | None  # IndexRow per clause; None unless every clause has its tokens

    def clause_columns(self, *names: str) -> list[tuple]:
        """The clause rows' values of the columns ``names``, clause by clause."""
        at = [_CLAUSE_COLUMNS.index(name) for name in names]
        return [tuple(row[i] for i in at) for row in self.clauses]


def document_rows(doc: Document, tokens: dict[str, tuple[str, str, str, str]] | None = None
                  ) -> DocumentRows:
    """``doc`` (with ``tokens``: clause_id -> (body, heading, title, units)) as rows."""
    from ..index import IndexRow

    tokens = tokens or {}
    clauses, units, names, token_rows, targets, index = [], [], {}, [], [], []
    title_tokens = None  # the same for every clause (document_tokens)
    for ord_, c in enumerate(doc.clauses):
        clauses.append((
            c.clause_id, doc.doc_id, ord_, _json_list(c.path), c.seq, c.heading,
            c.text, c.note, _json_list(c.section), c.kind, _json_list(c.deadlines),
            c.start, c.end,
        ))
        lead, coop = [], []
        for k, ref in enumerate(c.lead_units + c.coop_units):
            units.append(_unit_row(c.clause_id, k, ref, doc.doc_id, ord_))
            (lead if ref.role == "lead" else coop).append(ref.name)
            if not ref.known or ref.generic:
                names.setdefault(ref.name, (ref.name, int(ref.known), int(ref.generic)))
        targets += [(c.clause_id, k, t.text, t.metric, t.value, t.unit, t.comparator,
                     t.year, t.period, t.start, t.end) for k, t in enumerate(c.targets)]
        if c.clause_id in tokens:
            body, heading, title_tokens, _ = tokens[c.clause_id]
            token_rows.append((c.clause_id, body, heading, "", ""))
            index.append(IndexRow(
                c.clause_id, doc.doc_id, *tokens[c.clause_id], tuple(lead), tuple(coop),
                tuple(sorted({t.year for t in c.targets if t.year is not None})),
                bool(c.targets), c.text))
    document = (
        doc.doc_id, doc.title, doc.doc_number, doc.issuer, doc.signed_date,
        doc.published_date, doc.recipients, doc.period, doc.doc_type,
        doc.body_title, doc.source, doc.format, _json(list(doc.attachments)),
        _json(doc.meta), doc.wrapper,
        _json([{"path": list(p), "heading": h} for p, h in doc.outline]),
        doc.text, _json(doc.frame), _json(list(doc.report)),
        _json(doc.statements), title_key(doc.cite_title), title_tokens,
    )
    relations = _relation_rows(doc.doc_id, doc.statements.get("relations", []))
    return DocumentRows(
        doc.doc_id, doc.title, doc.doc_number, doc.signed_date or doc.published_date or "",
        document, relations, clauses, units, sorted(names.values()), token_rows, targets,
        tuple(index) if len(index) == len(doc.clauses) else None)


@dataclass(frozen=True)
class UnitDuty:
    name: str
    aliases: tuple[str, ...]
    english: str
    level: str
    known: bool
    generic: bool
    lead: int
    coop: int

    def to_dict(self) -> dict:
        return {
            "name": self.name, "aliases": list(self.aliases), "english": self.english,
            "level": self.level, "known": self.known, "generic": self.generic,
            "lead": self.lead, "coop": self.coop,
        }


class Dialect:
    """What differs between the engines in the store's own SQL: the schema's types and
    an index hint. Placeholders stay ``?`` everywhere (the PostgreSQL connection
    rewrites them)."""

    name = "sqlite"

    # Tables of small rows looked up by their whole key: kept in the key's own B-tree
    # (no separate rowid table beside the key's index), which is a fifth less writing
    # for the unit rows of a folder ingest. Stores made before keep their tables.
    _BY_KEY = ("clause_units", "targets")

    def ddl(self, statement: str) -> str:
        name = statement.split("(", 1)[0].split()[-1]
        if statement.lstrip().startswith("CREATE TABLE") and name in self._BY_KEY:
            return statement.rstrip() + " WITHOUT ROWID"
        return statement

    def not_indexed(self, column: str) -> str:
        """``column`` so that the planner does not pick an index on it (SQLite's unary
        plus; PostgreSQL plans these joins well without a hint)."""
        return f"+{column}"


class Store:
    """The store interface. ``Store(path_or_url)`` opens the engine the target names:
    a ``postgresql://`` URL opens PostgreSQL, anything else is a SQLite file."""

    dialect: Dialect = Dialect()
    Error: type[Exception] = Exception  # what the engine's driver raises

    def __new__(cls, target=None, directory: Directory | None = None):
        if cls is Store:
            if is_database_url(target):
                try:
                    from .postgres import PostgresStore
                except ImportError as exc:
                    raise ImportError("a postgresql:// store needs psycopg 3: pip install "
                                      "'psycopg[binary]>=3.2'") from exc
                cls = PostgresStore
            else:
                from .sqlite import SQLiteStore

                cls = SQLiteStore
        return super().__new__(cls)

    def __init__(self, target, directory: Directory | None = None):
        self.directory = directory if directory is not None else default_directory()
        self._any_superseded: tuple[int, bool] = (-1, True)
        self._write_lock = threading.Lock()
        self._batch_db = None  # the open transaction of a batch (see ``batch``)
        self._batch_thread: int | None = None
        self._tx_generation: int | None = None  # the generation before this transaction
        self._tx_changed: set[str] = set()
        self._connect(target)
        if not self._schema_ready():
            self._setup()
        info = dict(self.db.execute("SELECT key, value FROM info WHERE key IN "
                                    "('store_id', 'changes_from')").fetchall())
        self.store_id: str = info["store_id"]
        self.changes_from: int = int(info["changes_from"])

    def _schema_ready(self) -> bool:
        """The schema is there and current: opening writes nothing (so a read-only
        replica opens, and opening never waits for a writer)."""
        try:
            info = dict(self.db.execute("SELECT key, value FROM info").fetchall())
            return (int(info.get("schema_version", 0)) >= SCHEMA_VERSION
                    and {"generation", "store_id", "changes_from"} <= set(info)
                    and self.db.execute("SELECT 1 FROM units WHERE known = 1 LIMIT 1").fetchone()
                    is not None
                    and self.db.execute("SELECT 1 FROM documents WHERE statements IS NULL LIMIT 1"
                                        ).fetchone() is None)
        except (self.Error, ValueError):  # no store here yet: set it up
            return False

    def _setup(self) -> None:
        with self.transaction() as db:
            self._create_schema(db)
            db.execute("INSERT INTO info(key, value) VALUES ('schema_version', ?) "
                       "ON CONFLICT DO NOTHING", (str(SCHEMA_VERSION),))
            db.execute("INSERT INTO info(key, value) VALUES ('generation', '0') "
                       "ON CONFLICT DO NOTHING")
            db.execute("INSERT INTO info(key, value) VALUES ('store_id', ?) ON CONFLICT DO NOTHING",
                       (uuid.uuid4().hex,))
            # the oldest generation an index may catch up from (older ones rebuild)
            db.execute("INSERT INTO info(key, value) SELECT 'changes_from', value FROM info "
                       "WHERE key = 'generation' ON CONFLICT DO NOTHING")
            # raised, never lowered: a process of an older version sharing the database
            # leaves the mark of the newer one
            if int(db.execute("SELECT value FROM info WHERE key = 'schema_version'"
                              ).fetchone()[0]) < SCHEMA_VERSION:
                db.execute("UPDATE info SET value = ? WHERE key = 'schema_version'",
                           (str(SCHEMA_VERSION),))
            if db.execute("SELECT COUNT(*) FROM units WHERE known = 1").fetchone()[0] == 0:
                self._sync_directory(db)
            self._backfill_statements(db)

    # ------------------------------------------------------------ the engine's part

    def _connect(self, target) -> None:
        """Open ``self.db`` (reads, any thread, committed data only) and the writer."""
        raise NotImplementedError

    def _create_schema(self, db) -> None:
        for statement in SCHEMA.split(";"):
            if statement.strip():
                db.execute(self.dialect.ddl(statement))
        self._migrate(db)
        for statement in LATE_SCHEMA:
            db.execute(statement)

    def _migrate(self, db) -> None:
        """Bring a store made by an older version up to the schema."""

    def _begin(self):
        """Start a write transaction, one writer at a time across processes; the
        connection to write on."""
        raise NotImplementedError

    def _end(self, db, commit: bool) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def integrity(self) -> str | None:
        """None when the store is sound, else what is wrong with it."""
        raise NotImplementedError

    def tables(self) -> list[str]:
        """The tables in the store (ours and any another module created)."""
        raise NotImplementedError

    @property
    def location(self) -> str:
        """Where the store is, for messages (a path, or a URL without its password)."""
        raise NotImplementedError

    # ------------------------------------------------------------ transactions

    @contextmanager
    def transaction(self):
        """The write connection inside one transaction: all of it commits, or none.
        Writers queue (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped
        advisory lock), so what a transaction read stays true until it commits."""
        if self._batch_db is not None and self._batch_thread == threading.get_ident():
            yield from self._savepoint()
            return
        with self._write_lock:
            db = self._begin()
            self._tx_generation, self._tx_changed = None, set()
            try:
                yield db
            except BaseException:
                self._end(db, commit=False)
                raise
            else:
                self._end(db, commit=True)

    def _savepoint(self):
        """A transaction inside a batch: a savepoint, so one document that fails rolls
        back alone and the others of the batch still commit together."""
        db, changed = self._batch_db, set(self._tx_changed)
        db.execute("SAVEPOINT doc")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK TO SAVEPOINT doc")
            db.execute("RELEASE SAVEPOINT doc")
            self._tx_changed = changed
            raise
        else:
            db.execute("RELEASE SAVEPOINT doc")

    @contextmanager
    def batch(self):
        """Several write transactions of this thread as one commit (a folder ingest
        writes many documents): each still all-or-nothing as a savepoint, readers see
        the batch when it commits, and the commit and its disk writes are paid once."""
        with self._write_lock, self._bulk():
            db = self._begin()
            self._tx_generation, self._tx_changed = None, set()
            self._batch_db, self._batch_thread = db, threading.get_ident()
            try:
                yield db
            except BaseException:
                self._batch_db = self._batch_thread = None
                self._end(db, commit=False)
                raise
            else:
                self._batch_db = self._batch_thread = None
                self._end(db, commit=True)

    @contextmanager
    def _bulk(self):
        """Around a batch's transaction: what the engine may relax for rows this code
        made itself."""
        yield

    def _log_change(self, db, doc_id: str) -> None:
        """Inside a write transaction: the index rows of ``doc_id`` change. Logged at the
        generation the transaction commits (every logging transaction bumps it)."""
        if doc_id in self._tx_changed:
            return
        if self._tx_generation is None:
            self._tx_generation = int(db.execute(
                "SELECT value FROM info WHERE key = 'generation'").fetchone()[0])
        db.execute("INSERT INTO changes (generation, doc_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                   (self._tx_generation + 1, doc_id))
        self._tx_changed.add(doc_id)

    def _bump(self, db) -> int:
        """Inside a write transaction: the next generation (read before, so changes
        logged after are logged at the generation this transaction commits)."""
        if self._tx_generation is None:
            self._tx_generation = int(db.execute(
                "SELECT value FROM info WHERE key = 'generation'").fetchone()[0])
        db.execute("UPDATE info SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
        return int(db.execute("SELECT value FROM info WHERE key = 'generation'").fetchone()[0])

    def _sync_directory(self, db) -> None:
        db.executemany(
            "INSERT INTO units(name, aliases, english, level, kind, known, generic) "
            "VALUES (?, ?, ?, ?, ?, 1, 0) ON CONFLICT(name) DO UPDATE SET "
            "aliases=excluded.aliases, english=excluded.english, level=excluded.level, "
            "kind=excluded.kind, known=1",
            [(unit.name, _json(list(unit.aliases + unit.former)), unit.english, unit.level,
              unit.kind) for unit in self.directory.units.values()],
        )

    def _backfill_statements(self, db) -> None:
        """Documents stored before schema 4: read their validity statements now."""
        rows = db.execute("SELECT doc_id, text, signed_date, published_date, period, title, "
                          "body_title, frame FROM documents WHERE statements IS NULL").fetchall()
        for r in rows:
            frame = json.loads(r["frame"] or "{}")
            said = validity_statements(r["text"], r["signed_date"], r["published_date"],
                                       r["period"], r["body_title"] or r["title"],
                                       printed=frame.get("印发日期")).to_dict()
            db.execute("UPDATE documents SET statements = ?, title_key = ? WHERE doc_id = ?",
                       (_json(said), title_key(r["body_title"] or r["title"]), r["doc_id"]))
            db.execute("DELETE FROM relations WHERE doc_id = ?", (r["doc_id"],))
            db.executemany(_RELATION_INSERT, _relation_rows(r["doc_id"], said["relations"]))

    # ------------------------------------------------------------ writing

    def has_document(self, doc_id: str) -> bool:
        row = self.db.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row is not None

    def clause_paths(self):
        """(doc_id, heading path) of every clause, path as a tuple: 一 / (二) / 3."""
        for doc_id, path in self.db.execute("SELECT doc_id, path FROM clauses"):
            yield doc_id, tuple(json.loads(path))

    def generic_unit_names(self) -> list[str]:
        """Units the documents name by function (医疗保障部门, 各级财政部门) or otherwise
        outside the directory (国务院教育行政部门)."""
        return [r[0] for r in self.db.execute(
            "SELECT name FROM units WHERE generic = 1 OR known = 0 ORDER BY name")]

    def class_unit_names(self) -> list[str]:
        """Classes of bodies the documents assign work to (各级地方人民政府, 各级财政部门)."""
        return [r[0] for r in self.db.execute(
            "SELECT name FROM units WHERE generic = 1 ORDER BY name")]

    def written_unit_names(self) -> list[str]:
        """Units the documents name that the directory does not know (kept as written)."""
        return [r[0] for r in self.db.execute(
            "SELECT name FROM units WHERE known = 0 AND generic = 0 ORDER BY name")]

    def generation(self) -> int:
        """Bumped by every change, in the same transaction: the index compares against it."""
        return int(self.db.execute("SELECT value FROM info WHERE key = 'generation'").fetchone()[0])

    def changed_documents(self, since: int) -> list[str]:
        """Documents whose index rows changed after generation ``since`` (superseded,
        corrected, added or re-tokenized), for an index to catch up."""
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT doc_id FROM changes WHERE generation > ? ORDER BY doc_id", (since,))]

    def current_sql(self, column: str = "doc_id") -> str:
        """A condition keeping rows of current (not superseded) documents ("1=1" while no
        document is superseded, so the common case costs nothing)."""
        generation = self.generation()
        if self._any_superseded[0] != generation:
            found = self.db.execute(
                "SELECT EXISTS (SELECT 1 FROM documents WHERE superseded_by IS NOT NULL)"
            ).fetchone()[0]
            self._any_superseded = (generation, bool(found))
        if not self._any_superseded[1]:
            return "1=1"
        return f"{column} NOT IN (SELECT doc_id FROM documents WHERE superseded_by IS NOT NULL)"

    def superseded(self) -> dict[str, str]:
        return dict(self.db.execute(
            "SELECT doc_id, superseded_by FROM documents WHERE superseded_by IS NOT NULL"))

    def _versions(self, db, doc_id: str, doc_number: str | None, mine: str
                  ) -> tuple[str | None, list[str]]:
        """(the id that supersedes the document or None, the ids it supersedes): the same
        文号 with other text is another version; the later date (``mine`` is the
        document's) or the later arrival is current."""
        if not doc_number:
            return None, []
        others = db.execute(
            "SELECT doc_id, COALESCE(signed_date, published_date, '') FROM documents "
            "WHERE doc_number = ? AND doc_id != ? AND superseded_by IS NULL ORDER BY doc_id",
            (doc_number, doc_id)).fetchall()
        newer = [d for d, date in others if mine and date and date > mine]
        if newer:
            return newer[0], []
        return None, [d for d, _ in others]

    def add(self, doc: Document, tokens: dict[str, tuple[str, str, str, str]] | None = None,
            added_by: tuple[str, str] | None = None) -> AddResult:
        """Store a parsed document, its clauses and their index tokens in one transaction.
        The same content already stored (by this or any other process) is not an error:
        the result says ``added=False``.

        ``tokens`` maps clause_id -> (body, heading, title, units) token strings;
        ``added_by`` = (actor, file): the audit log's entry, written in the same
        transaction.
        """
        return self.add_rows(document_rows(doc, tokens), doc, added_by=added_by)

    def add_rows(self, rows: DocumentRows, doc: Document | None = None,
                 digest: Digest | None = None,
                 added_by: tuple[str, str] | None = None) -> AddResult:
        """``add`` of a document already made rows. Without ``doc`` (a folder ingest's
        worker made the rows) the result reads the document back from the store when its
        ``document`` is asked for."""
        from .. import accounts

        source = doc if doc is not None else partial(self.document, rows.doc_id)
        if added_by is not None:
            accounts.ensure_tables(self)
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM documents WHERE doc_id = ?", (rows.doc_id,)).fetchone():
                return AddResult(source, added=False, digest=digest)
            generation = self._bump(db)
            superseded_by, replaces = self._versions(db, rows.doc_id, rows.doc_number, rows.date)
            for old in replaces:
                db.execute("UPDATE documents SET superseded_by = ? WHERE doc_id = ?",
                           (rows.doc_id, old))
                self._log_change(db, old)
            self._log_change(db, rows.doc_id)
            db.execute(_DOCUMENT_INSERT, rows.document + (
                datetime.now(timezone.utc).isoformat(timespec="seconds"), superseded_by))
            # a statement per table, not per row (COPY on a server)
            self._insert_many(db, "relations", _RELATION_COLUMNS, rows.relations)
            self._insert_many(db, "clauses", _CLAUSE_COLUMNS, rows.clauses)
            self._insert_many(db, "clause_units", _UNIT_COLUMNS, rows.units)
            db.executemany(_NAME_INSERT, rows.names)
            self._insert_many(db, "clause_tokens", _TOKEN_COLUMNS, rows.tokens)
            self._insert_many(db, "targets", _TARGET_COLUMNS, rows.targets)
            if added_by is not None:  # one commit for the document and its entry
                accounts.write_entry(db, added_by[0], "add document", rows.doc_id, {
                    "file": added_by[1], "title": rows.title, "doc_number": rows.doc_number})
            corrected = bool(replaces) or db.execute(
                "SELECT 1 FROM corrections WHERE doc_id = ? AND status = 'active' LIMIT 1",
                (rows.doc_id,)).fetchone() is not None
            result = AddResult(source, added=True, superseded=tuple(replaces),
                               superseded_by=superseded_by, generation=generation,
                               index_rows=None if corrected or superseded_by else rows.index,
                               digest=digest)
            if corrected:
                from ..corrections import reapply

                reapply(self, db, rows, replaces)
        log.info("added %s (%d clauses)", rows.title, len(rows.clauses))
        return result

    def _insert_many(self, db, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """Rows into a table inside the transaction ``db``."""
        names = ", ".join(f'"{c}"' for c in columns)
        db.executemany(f"INSERT INTO {table} ({names}) VALUES ({','.join('?' * len(columns))})",
                       rows)

    def _put_units(self, db, clause_id: str, refs, doc_id: str, clause_ord: int) -> None:
        """A clause's units anew (a correction): the index follows the document."""
        self._log_change(db, doc_id)
        db.execute("DELETE FROM clause_units WHERE clause_id = ?", (clause_id,))
        db.executemany(_UNIT_INSERT, [_unit_row(clause_id, k, ref, doc_id, clause_ord)
                                      for k, ref in enumerate(refs)])
        db.executemany(_NAME_INSERT, [(ref.name, int(ref.known), int(ref.generic))
                                      for ref in refs if not ref.known or ref.generic])

    # ------------------------------------------------------------ reading

    def documents(self) -> list[Document]:
        rows = self.db.execute("SELECT * FROM documents ORDER BY added_at, doc_id").fetchall()
        return [self._document(row, with_clauses=False) for row in rows]

    def document(self, doc_id: str, with_clauses: bool = True) -> Document | None:
        row = self.db.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return self._document(row, with_clauses) if row else None

    def resolve_document(self, ref: str) -> list[str]:
        """Documents a user names: doc_id (or a unique prefix of it), 文号 in any bracket
        form, file name, or words of the title. Current versions first."""
        from ingest.layout import normalize_doc_number

        ref = ref.strip()
        if not ref:
            return []
        rows = self.db.execute(
            "SELECT doc_id, doc_number, source, title, body_title, superseded_by FROM documents "
            "ORDER BY superseded_by IS NOT NULL, added_at, doc_id").fetchall()
        number = normalize_doc_number(ref)
        for test in (
            lambda r: r["doc_id"] == ref,
            lambda r: len(ref) >= 6 and r["doc_id"].startswith(ref),
            lambda r: r["doc_number"] and r["doc_number"] == number,
            lambda r: r["source"] == ref or r["source"].rsplit("/", 1)[-1] == ref,
            lambda r: ref in (r["title"] or "") or ref in (r["body_title"] or ""),
        ):
            hits = [r["doc_id"] for r in rows if test(r)]
            if hits:
                return hits
        return []

    def relations(self) -> list[dict]:
        """Every relation with its target resolved in the knowledge base (by 文号, else by
        title without punctuation); a target not here has target_doc_id None (未收录).
        Resolved on read, so adding a document links what already pointed at it."""
        rows = self.db.execute(
            "SELECT r.doc_id, r.ord, r.type, r.target_number, r.target_title, r.evidence, "
            "  COALESCE((SELECT d.doc_id FROM documents d WHERE r.target_number IS NOT NULL "
            "            AND d.doc_number = r.target_number AND d.doc_id != r.doc_id "
            "            ORDER BY d.superseded_by IS NOT NULL LIMIT 1), "
            "           (SELECT d.doc_id FROM documents d WHERE d.title_key = r.target_key "
            "            AND r.target_key != '' AND d.doc_id != r.doc_id "
            "            ORDER BY d.superseded_by IS NOT NULL LIMIT 1)) AS target_doc_id "
            "FROM relations r ORDER BY r.doc_id, r.ord").fetchall()
        return [dict(r) for r in rows]

    def document_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT doc_id FROM documents ORDER BY added_at, doc_id")]

    def document_headers(self, doc_ids: list[str]) -> dict[str, Document]:
        """Documents by id with their metadata only (no text, no clauses): cheap."""
        if not doc_ids:
            return {}
        columns = ("doc_id, title, substr(text, 1, 300) AS text, source, format, doc_number, "
                   "issuer, signed_date, "
                   "published_date, recipients, period, doc_type, body_title, NULL AS wrapper, "
                   "attachments, meta, '[]' AS outline, frame, '[]' AS report, statements")
        rows = self.db.execute(
            f"SELECT {columns} FROM documents WHERE doc_id IN ({','.join('?' * len(doc_ids))})",
            list(doc_ids)).fetchall()
        return {row["doc_id"]: self._document(row, with_clauses=False) for row in rows}

    def _document(self, row, with_clauses: bool) -> Document:
        clauses = tuple(self.clauses(doc_id=row["doc_id"])) if with_clauses else ()
        keys = row.keys()
        return Document(
            statements=json.loads(row["statements"] or "{}") if "statements" in keys else {},
            frame=json.loads(row["frame"] or "{}") if "frame" in keys else {},
            report=tuple(json.loads(row["report"] or "[]")) if "report" in keys else (),
            doc_id=row["doc_id"], title=row["title"], text=row["text"], source=row["source"],
            format=row["format"], doc_number=row["doc_number"], issuer=row["issuer"],
            signed_date=row["signed_date"], published_date=row["published_date"],
            recipients=row["recipients"], period=row["period"], doc_type=row["doc_type"],
            body_title=row["body_title"], wrapper=row["wrapper"],
            attachments=tuple(json.loads(row["attachments"])), meta=json.loads(row["meta"]),
            outline=tuple((tuple(o["path"]), o["heading"]) for o in json.loads(row["outline"])),
            clauses=clauses,
        )

    def document_texts(self, doc_ids: list[str]) -> dict[str, str]:
        """The full text of each document asked for (no clauses, no metadata)."""
        if not doc_ids:
            return {}
        return {r[0]: r[1] for r in self.db.execute(
            f"SELECT doc_id, text FROM documents WHERE doc_id IN ({','.join('?' * len(doc_ids))})",
            list(doc_ids)).fetchall()}

    def clause_texts(self, doc_id: str) -> list[str]:
        """The text of each of a document's clauses, in order (no units, targets or
        corrections read: what a document says, cheaply)."""
        return [r["text"] for r in self.db.execute(
            "SELECT text FROM clauses WHERE doc_id = ? ORDER BY ord", [doc_id]).fetchall()]

    def clauses(self, doc_id: str | None = None, clause_ids: list[str] | None = None) -> list[Clause]:
        sql = "SELECT * FROM clauses"
        args: list = []
        if doc_id is not None:
            sql += " WHERE doc_id = ?"
            args.append(doc_id)
        elif clause_ids is not None:
            if not clause_ids:
                return []
            sql += f" WHERE clause_id IN ({','.join('?' * len(clause_ids))})"
            args += clause_ids
        sql += " ORDER BY doc_id, ord"
        rows = self.db.execute(sql, args).fetchall()
        ids = [r["clause_id"] for r in rows]
        refs = self._by_clause("clause_units", ids)
        targets = self._by_clause("targets", ids)
        fixes = {r["clause_id"]: r for r in self._by_clause("corrections", ids, "id").values()
                 for r in [r[-1]] if r["status"] == "active"} if self._has_corrections() else {}
        out = []
        for r in rows:
            units = [unit_ref(u) for u in refs.get(r["clause_id"], [])]
            out.append(
                Clause(
                    clause_id=r["clause_id"], doc_id=r["doc_id"], path=tuple(json.loads(r["path"])),
                    seq=r["seq"], heading=r["heading"], text=r["text"], start=r["start"],
                    end=r["end"], note=r["note"],
                    lead_units=tuple(u for u in units if u.role == "lead"),
                    coop_units=tuple(u for u in units if u.role == "coop"),
                    targets=tuple(
                        Target(text=t["text"], metric=t["metric"], value=t["value"],
                               unit=t["unit"], comparator=t["comparator"], year=t["year"],
                               period=t["period"], start=t["start"], end=t["end"])
                        for t in targets.get(r["clause_id"], [])
                    ),
                    deadlines=tuple(json.loads(r["deadlines"])),
                    section=tuple(json.loads(r["section"])), kind=r["kind"],
                    correction=_correction_info(fixes.get(r["clause_id"])),
                )
            )
        return out

    def _has_corrections(self) -> bool:
        return self.db.execute("SELECT 1 FROM corrections WHERE status = 'active' LIMIT 1"
                               ).fetchone() is not None

    def _by_clause(self, table: str, ids: list[str], order: str = "ord"
                   ) -> dict[str, list]:
        out: dict[str, list] = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            rows = self.db.execute(
                f"SELECT * FROM {table} WHERE clause_id IN ({','.join('?' * len(part))}) "
                f"ORDER BY clause_id, {order}",
                part,
            ).fetchall()
            for row in rows:
                out.setdefault(row["clause_id"], []).append(row)
        return out

    def unit_duties(self, include_idle: bool = False, unknown_only: bool = False) -> list[UnitDuty]:
        sql = """
            SELECT u.name, u.aliases, u.english, u.level, u.known, u.generic,
                   COUNT(DISTINCT CASE WHEN cu.role = 'lead' THEN cu.clause_id END) AS lead,
                   COUNT(DISTINCT CASE WHEN cu.role = 'coop' THEN cu.clause_id END) AS coop
            FROM units u LEFT JOIN clause_units cu ON cu.name = u.name
                AND cu.doc_id NOT IN (SELECT doc_id FROM documents WHERE superseded_by IS NOT NULL)
        """
        if unknown_only:
            sql += " WHERE u.known = 0"
        sql += " GROUP BY u.name"
        if not include_idle:
            sql += (" HAVING COUNT(DISTINCT CASE WHEN cu.role = 'lead' THEN cu.clause_id END) + "
                    "COUNT(DISTINCT CASE WHEN cu.role = 'coop' THEN cu.clause_id END) > 0")
        sql += " ORDER BY lead DESC, coop DESC, u.name"
        return [
            UnitDuty(name=r["name"], aliases=tuple(json.loads(r["aliases"])), english=r["english"],
                     level=r["level"], known=bool(r["known"]), generic=bool(r["generic"]),
                     lead=r["lead"], coop=r["coop"])
            for r in self.db.execute(sql).fetchall()
        ]

    def counts(self) -> dict[str, int]:
        return {
            table: self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("documents", "clauses", "clause_units", "targets")
        }

    # ------------------------------------------------------------ queries for answers

    def unit_clause_ids(self, name: str, role: str | None = None,
                        limit: int | None = None) -> list[str]:
        """Clauses naming the unit (in that role), in document order (index only); the
        first ``limit`` of them when given."""
        roles = [role] if role else ["lead", "coop"]
        out: list[str] = []
        tail = f" LIMIT {int(limit)}" if limit is not None else ""
        for r in roles:
            rows = self.db.execute(
                "SELECT clause_id FROM clause_units WHERE name = ? AND role = ? AND "
                f"{self.current_sql()} ORDER BY doc_id, clause_ord{tail}", (name, r))
            out += [row[0] for row in rows]
        if role is None:
            out = list(dict.fromkeys(out))
        return out

    def clause_ids_mentioning(self, words: list[str], doc_ids: tuple[str, ...] = (),
                              limit: int = 50) -> list[str]:
        """Clauses whose text holds any of ``words`` (in the documents given, else in
        all), in document order, the first ``limit``."""
        words = [w for w in dict.fromkeys(words) if w]
        if not words:
            return []
        sql = "SELECT clause_id FROM clauses WHERE (" + " OR ".join(
            "text LIKE ?" for _ in words) + ")"
        args: list = [f"%{w}%" for w in words]
        if doc_ids:
            sql += f" AND doc_id IN ({','.join('?' * len(doc_ids))})"
            args += list(doc_ids)
        sql += " ORDER BY doc_id, ord LIMIT ?"
        return [r[0] for r in self.db.execute(sql, args + [limit])]

    def in_document_order(self, clause_ids: list[str]) -> list[str]:
        """The given clause ids that exist, sorted by document and position."""
        order: dict[str, tuple[str, int]] = {}
        for chunk in range(0, len(clause_ids), 500):
            part = clause_ids[chunk : chunk + 500]
            for cid, doc_id, ord_ in self.db.execute(
                    "SELECT clause_id, doc_id, ord FROM clauses WHERE clause_id IN "
                    f"({','.join('?' * len(part))})", part):
                order[cid] = (doc_id, ord_)
        return sorted(order, key=order.__getitem__)

    def unit_clause_count(self, name: str, role: str) -> int:
        return self.db.execute(
            "SELECT COUNT(*) FROM clause_units WHERE name = ? AND role = ? AND "
            f"{self.current_sql()}", (name, role)).fetchone()[0]

    def has_duties(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM clause_units WHERE name = ? LIMIT 1",
                               (name,)).fetchone() is not None

    def shared_clause_ids(self, names: list[str], role: str | None = "lead") -> list[str]:
        """Clauses that name every one of ``names`` (in ``role``), in document order: the
        first unit's duties from the covering index, each further unit looked up per
        clause by primary key."""
        if not names:
            return []
        role_sql = " AND {t}.role = ?" if role else ""
        joins, args = [], [names[0]] + ([role] if role else [])
        for k, name in enumerate(names[1:], start=1):
            # SQLite's unary + keeps it from scanning the name index for every u0 row: the
            # further units are looked up by clause_id (the primary key) instead.
            hint = self.dialect.not_indexed
            joins.append(
                f" JOIN clause_units u{k} ON u{k}.clause_id = u0.clause_id AND "
                f"{hint(f'u{k}.name')} = ?" + (f" AND {hint(f'u{k}.role')} = ?" if role else ""))
        for name in names[1:]:
            args += [name] + ([role] if role else [])
        sql = (f"SELECT DISTINCT u0.clause_id, u0.doc_id, u0.clause_ord FROM clause_units u0"
               f"{''.join(joins)} WHERE u0.name = ?{role_sql.format(t='u0')} AND "
               f"{self.current_sql('u0.doc_id')} ORDER BY u0.doc_id, u0.clause_ord")
        # the WHERE args come after the JOIN args in the statement
        ordered = args[len([names[0]] + ([role] if role else [])):] + [names[0]] + (
            [role] if role else [])
        return [r[0] for r in self.db.execute(sql, ordered)]

    def target_clause_ids(self, year: int | None = None,
                          periods: tuple[str, ...] | None = None) -> list[str]:
        sql = ("SELECT DISTINCT c.clause_id, c.doc_id, c.ord FROM targets t "
               "JOIN clauses c USING (clause_id) "
               f"WHERE {self.current_sql('c.doc_id')}")
        args: list = []
        if year is not None:
            sql += " AND t.year = ?"
            args.append(year)
        if periods:
            sql += f" AND t.period IN ({','.join('?' * len(periods))})"
            args += list(periods)
        sql += " ORDER BY c.doc_id, c.ord"
        return [r[0] for r in self.db.execute(sql, args)]

    def index_rows(self, doc_id: str | None = None, doc_ids: list[str] | None = None):
        """What the index needs for every clause (of current documents, or of the given
        ones), from the stored tokens (no jieba)."""
        if doc_ids is not None:
            for chunk in range(0, len(doc_ids), 500):
                part = doc_ids[chunk: chunk + 500]
                marks = ",".join("?" * len(part))
                yield from self._index_rows(lambda col, marks=marks: f"WHERE {col} IN ({marks})",
                                            list(part))
            return
        if doc_id:
            yield from self._index_rows(lambda col: f"WHERE {col} = ?", [doc_id])
        else:
            yield from self._index_rows(lambda col: f"WHERE {self.current_sql(col)}", [])

    def _index_rows(self, where_of, args: list):
        """``where_of(column)``: the condition on the documents, on that doc_id column."""
        from ..index import IndexRow

        where = where_of("c.doc_id")
        # clause_units carries its clause's doc_id: no join with clauses (a third of a
        # reindex's reading at 100k clauses)
        leads: dict[str, list[str]] = collections.defaultdict(list)
        coops: dict[str, list[str]] = collections.defaultdict(list)
        surfaces: dict[str, dict[str, None]] = collections.defaultdict(dict)
        # a few hundred distinct units name a hundred thousand clauses: each one's
        # surfaces are worked out once
        of_unit: dict[tuple[str, str], dict[str, None]] = {}
        for cid, name, role, written in self.db.execute(
                f"SELECT cu.clause_id, cu.name, cu.role, cu.as_written FROM clause_units cu "
                f"{where_of('cu.doc_id')}", args):
            (leads if role == "lead" else coops)[cid].append(name)
            unit = of_unit.get((name, written))
            if unit is None:
                unit = of_unit[name, written] = dict.fromkeys(
                    unit_surfaces(self.directory, name, written))
            surfaces[cid].update(unit)
        years: dict[str, set[int]] = {}
        for cid, year in self.db.execute(
                f"SELECT t.clause_id, t.year FROM targets t JOIN clauses c USING (clause_id) {where}",
                args):
            years.setdefault(cid, set())
            if year is not None:
                years[cid].add(year)
        titles = dict(self.db.execute(
            f"SELECT d.doc_id, d.title_tokens FROM documents d {where_of('d.doc_id')}", args))
        rows = self.db.execute(
            "SELECT c.clause_id, c.doc_id, t.body, t.heading, t.title, t.units, c.text "
            f"FROM clauses c JOIN clause_tokens t USING (clause_id) {where}", args)
        none = ()
        for cid, doc_id, body, heading, title, unit_tokens, text in rows:
            year = years.get(cid)
            # a store written before schema 6 (or by an older process) has them per clause
            yield IndexRow(cid, doc_id, body, heading, title or titles.get(doc_id) or "",
                           unit_tokens or " ".join(surfaces.get(cid, ())),
                           tuple(leads.get(cid, none)), tuple(coops.get(cid, none)),
                           tuple(sorted(year)) if year else none, year is not None, text)

    def documents_missing_tokens(self, doc_ids: list[str] | None = None) -> list[str]:
        """Documents with clauses that lack index tokens (of ``doc_ids`` when given)."""
        sql = ("SELECT DISTINCT c.doc_id FROM clauses c LEFT JOIN clause_tokens t "
               "USING (clause_id) WHERE t.clause_id IS NULL")
        if doc_ids is None:
            return [r[0] for r in self.db.execute(sql + " ORDER BY c.doc_id")]
        out: list[str] = []
        for chunk in range(0, len(doc_ids), 500):
            part = doc_ids[chunk: chunk + 500]
            out += [r[0] for r in self.db.execute(
                f"{sql} AND c.doc_id IN ({','.join('?' * len(part))}) ORDER BY c.doc_id", part)]
        return out

    def put_tokens(self, tokens: dict[str, tuple[str, str, str, str]]) -> None:
        """Index tokens for clauses (new, or after a correction of the title or 文号): the
        title's once for its document; the units' are worked out from clause_units."""
        if not tokens:
            return
        with self.transaction() as db:
            ids = list(tokens)
            docs: dict[str, str] = {}
            for chunk in range(0, len(ids), 500):
                part = ids[chunk: chunk + 500]
                docs.update(db.execute(
                    f"SELECT clause_id, doc_id FROM clauses WHERE clause_id IN "
                    f"({','.join('?' * len(part))})", part).fetchall())
            titles = {doc_id: tokens[cid][2] for cid, doc_id in docs.items()}
            for doc_id in sorted(titles):
                db.execute("UPDATE documents SET title_tokens = ? WHERE doc_id = ?",
                           (titles[doc_id], doc_id))
                self._log_change(db, doc_id)
            db.executemany(
                "INSERT INTO clause_tokens (clause_id, body, heading, title, units) "
                "VALUES (?,?,?,'','') ON CONFLICT (clause_id) DO UPDATE SET body = excluded.body, "
                "heading = excluded.heading, title = '', units = ''",
                [(cid, values[0], values[1]) for cid, values in tokens.items()])
            self._bump(db)

    def clause_count(self, current_only: bool = False) -> int:
        where = f" WHERE {self.current_sql()}" if current_only else ""
        return self.db.execute(f"SELECT COUNT(*) FROM clauses{where}").fetchone()[0]

    def clause_ids(self, current_only: bool = True) -> set[str]:
        where = f" WHERE {self.current_sql()}" if current_only else ""
        return {r[0] for r in self.db.execute(f"SELECT clause_id FROM clauses{where}")}

    def export_rows(self):
        """Every clause as the JSON export shows it, with doc_title and doc_number."""
        docs = {d.doc_id: d for d in self.documents()}
        for clause in self.clauses():
            yield clause_json(clause, docs[clause.doc_id])


def clause_json(clause: Clause, doc: Document) -> dict:
    row = clause.to_dict()
    row["doc_title"] = doc.title
    row["doc_number"] = doc.doc_number
    row["citation"] = citation(clause, doc)
    return row


def _relation_rows(doc_id: str, relations: list[dict]) -> list[tuple]:
    return [(doc_id, k, rel["type"], rel.get("target_number"), rel.get("target_title"),
             title_key(rel.get("target_title")), rel["evidence"])
            for k, rel in enumerate(relations)]


def unit_ref(row) -> UnitRef:
    """A clause_units row as the record."""
    return UnitRef(name=row["name"], as_written=row["as_written"], role=row["role"],
                   generic=bool(row["generic"]), known=bool(row["known"]),
                   inherited=bool(row["inherited"]), role_word=row["role_word"],
                   source=row["source"])


def _correction_info(row) -> dict | None:
    if row is None:
        return None
    return {"id": row["id"], "author": row["author"], "reason": row["reason"],
            "created_at": row["created_at"], "extracted": json.loads(row["extracted"])}


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # what json.dumps makes of it


def _json(value) -> str:
    return _ENCODE(value)


@lru_cache(maxsize=4096)  # a clause's path and section recur across a document's clauses
def _json_list(strings: tuple[str, ...]) -> str:
    """_json(list(strings)) for a tuple of strings."""
    return _ENCODE(list(strings))


_DOCUMENT_COLUMNS = ("doc_id", "title", "doc_number", "issuer", "signed_date", "published_date",
                     "recipients", "period", "doc_type", "body_title", "source", "format",
                     "attachments", "meta", "wrapper", "outline", "text", "frame", "report",
                     "statements", "title_key", "title_tokens", "added_at", "superseded_by")
_DOCUMENT_INSERT = (f"INSERT INTO documents ({', '.join(_DOCUMENT_COLUMNS)}) "
                    f"VALUES ({','.join('?' * len(_DOCUMENT_COLUMNS))})")
_RELATION_COLUMNS = ("doc_id", "ord", "type", "target_number", "target_title", "target_key",
                     "evidence")
_RELATION_INSERT = (f"INSERT INTO relations ({', '.join(_RELATION_COLUMNS)}) "
                    f"VALUES ({','.join('?' * len(_RELATION_COLUMNS))})")
_CLAUSE_COLUMNS = ("clause_id", "doc_id", "ord", "path", "seq", "heading", "text", "note",
                   "section", "kind", "deadlines", "start", "end")
_UNIT_COLUMNS = ("clause_id", "ord", "name", "as_written", "role", "generic", "known",
                 "inherited", "doc_id", "clause_ord", "role_word", "source")
_TOKEN_COLUMNS = ("clause_id", "body", "heading", "title", "units")
_TARGET_COLUMNS = ("clause_id", "ord", "text", "metric", "value", "unit", "comparator", "year",
                   "period", "start", "end")
_UNIT_INSERT = (
    "INSERT INTO clause_units (clause_id, ord, name, as_written, role, generic, known, "
    "inherited, doc_id, clause_ord, role_word, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
# a unit outside the directory (or a generic one) gets a row of its own, once
_NAME_INSERT = ("INSERT INTO units(name, aliases, known, generic) VALUES (?, '[]', ?, ?) "
                "ON CONFLICT DO NOTHING")


@lru_cache(maxsize=8192)  # the same units on clause after clause
def unit_surfaces(directory: Directory, name: str, as_written: str) -> tuple[str, ...]:
    """A unit's index tokens: its name, the form written and the directory's aliases and
    former names, without spaces, lowercased."""
    unit = directory.get(name)
    return tuple("".join(surface.split()).lower()
                 for surface in (name, as_written, *(unit.aliases + unit.former if unit else ())))


def _unit_row(clause_id: str, k: int, ref: UnitRef, doc_id: str, clause_ord: int) -> tuple:
    return (clause_id, k, ref.name, ref.as_written, ref.role, int(ref.generic), int(ref.known),
            int(ref.inherited), doc_id, clause_ord, ref.role_word, ref.source)


def is_database_url(target) -> bool:
    """A PostgreSQL URL (postgresql:// or postgres://), as opposed to a SQLite path."""
    return isinstance(target, str) and re.match(r"postgres(ql)?://", target) is not None
