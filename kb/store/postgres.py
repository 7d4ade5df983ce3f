"""The shared store: one PostgreSQL database for every process of an organisation
(``POLICYKB_DATABASE_URL=postgresql://…``), through psycopg 3.

The queries are the ones ``base`` shares with SQLite. ``PgConnection`` lets them (and
the other modules' SQL, written for ``store.db`` / ``store.transaction()`` with ``?``
placeholders) run unchanged: it rewrites ``?`` to ``%s``, ``INSERT OR IGNORE`` and
``INSERT OR REPLACE`` to ``ON CONFLICT``, SQLite column types in ``CREATE TABLE`` to
PostgreSQL's (``INTEGER PRIMARY KEY [AUTOINCREMENT]`` → an identity column, ``REAL`` →
``DOUBLE PRECISION``, text compared byte-wise like SQLite), gives ``cursor.lastrowid``
for tables with an identity column, and returns rows that answer ``row[0]``,
``row["name"]`` and ``row.keys()`` like ``sqlite3.Row``.

Writers queue on a transaction-scoped advisory lock, as SQLite's writers do on BEGIN
IMMEDIATE: a document's check "already there?" and its insert happen under it, so two
processes adding the same file at once add it once, and a reader (READ COMMITTED)
sees a document whole or not at all.
"""

from __future__ import annotations

import functools
import logging
import re
import threading

import psycopg

from ingest import Directory

from .base import SCHEMA_VERSION, TABLES, Dialect, Store

log = logging.getLogger(__name__)

# pg_advisory_xact_lock key of the store's writers: b"policykb" as a signed 64-bit number
WRITE_LOCK = int.from_bytes(b"policykb", "big") & ((1 << 63) - 1)
_WRITER_SETUP = (
    # a writer that stops answering mid-transaction (hung, or cut off) frees the lock
    "SET idle_in_transaction_session_timeout = '300s'",
    "SET lock_timeout = '300s'",
)


class PgDialect(Dialect):
    name = "postgresql"

    def ddl(self, statement: str) -> str:
        return create_table(statement)

    def not_indexed(self, column: str) -> str:
        return column


class PostgresStore(Store):
    dialect = PgDialect()
    Error = psycopg.Error

    def __init__(self, url: str, directory: Directory | None = None):
        self._unanalyzed = 0  # clauses this process added since its last ANALYZE
        self._analyzed = 0  # clauses in the store then
        super().__init__(url, directory)

    def _migrate(self, db) -> None:
        # schema 6 (a database made by an older version keeps its table)
        db.execute("ALTER TABLE documents ADD COLUMN IF NOT EXISTS title_tokens TEXT")

    def add_rows(self, rows, doc=None, digest=None, added_by=None):
        result = super().add_rows(rows, doc, digest, added_by)
        if result.added:
            self._unanalyzed += len(rows.clauses)
            if self._unanalyzed >= max(5000, self._analyzed // 2):
                self.analyze()
        return result

    def analyze(self) -> None:
        """Fresh planner statistics after a bulk ingest (autovacuum would get there within
        a minute or so; until then the plans of the answers' queries are guesses)."""
        with self._write_lock:  # on the writer's connection: readers go on meanwhile
            self._wdb.execute("ANALYZE documents, clauses, clause_units, targets, clause_tokens, "
                              "changes")
        self._analyzed = int(self.db.execute(
            "SELECT GREATEST(reltuples, 0) FROM pg_class WHERE oid = 'clauses'::regclass"
        ).fetchone()[0])
        self._unanalyzed = 0

    def _connect(self, target) -> None:
        self.url = str(target)
        self.db = PgConnection(self.url, "policykb")
        self._wdb = PgConnection(self.url, "policykb-writer", setup=_WRITER_SETUP)

    def _begin(self):
        db = self._wdb
        db.begin()
        db.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
        return db

    def _end(self, db, commit: bool) -> None:
        db.end(commit)

    def _insert_many(self, db, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        if not rows:
            return
        names = ", ".join(f'"{c}"' for c in columns)
        with db.raw.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def close(self) -> None:
        self.db.close()
        self._wdb.close()

    def integrity(self) -> str | None:
        try:
            present = set(self.tables())
            missing = [t for t in TABLES if t not in present]
            if missing:
                return f"tables missing: {', '.join(missing)}"
            version = int(self.db.execute(
                "SELECT value FROM info WHERE key = 'schema_version'").fetchone()[0])
        except psycopg.Error as exc:
            return f"{exc.__class__.__name__}: {exc}".strip()
        if version > SCHEMA_VERSION:
            return f"schema {version} is newer than this policykb knows ({SCHEMA_VERSION})"
        return None

    def tables(self) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = "
            "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")]

    @property
    def location(self) -> str:
        return redact(self.url)


def redact(url: str) -> str:
    """The URL without its password."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


# ------------------------------------------------------------------ rows


class Row(tuple):
    """A result row: ``row[0]``, ``row["name"]``, ``row.keys()``, ``dict(row)``, and
    unpacking, as with sqlite3.Row."""

    __slots__ = ()
    _names: tuple[str, ...] = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key):
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._index[key])
            except KeyError:
                lowered = {k.lower(): v for k, v in self._index.items()}
                if key.lower() in lowered:
                    return tuple.__getitem__(self, lowered[key.lower()])
                raise IndexError(f"no such column: {key}") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


@functools.lru_cache(maxsize=1024)
def _row_class(names: tuple[str, ...]) -> type:
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)  # a repeated name answers its first column, as sqlite3
    return type("Row", (Row,), {"__slots__": (), "_names": names, "_index": index})


def _rows(cursor):
    if cursor.description is None:
        return tuple
    cls = _row_class(tuple(d.name for d in cursor.description))
    return lambda values: tuple.__new__(cls, values)


class Cursor(psycopg.Cursor):
    lastrowid: int | None = None  # the identity value of the last INSERT, as sqlite3 has


# ------------------------------------------------------------------ the connection


class PgConnection:
    """A psycopg connection that takes the SQL written for SQLite (see the module
    docstring). Autocommit outside ``begin``/``end``; shared by threads (psycopg
    serialises them on the connection). A connection the server dropped (restart,
    failover) is opened again before the next statement outside a transaction."""

    def __init__(self, url: str, name: str, setup: tuple[str, ...] = ()):
        self.url, self.name, self.setup = url, name, setup
        self.in_transaction = False
        self._conn: psycopg.Connection | None = None
        self._lock = threading.Lock()
        self._tables: dict[str, tuple[str | None, tuple[str, ...], tuple[str, ...]]] = {}
        self._queries: dict[str, tuple[str, str | None]] = {}
        self._ensure()

    def _ensure(self) -> psycopg.Connection:
        conn = self._conn
        if conn is not None and not conn.closed and not conn.broken:
            return conn
        with self._lock:
            conn = self._conn
            if conn is None or conn.closed or conn.broken:
                if conn is not None and self.in_transaction:
                    raise psycopg.OperationalError(
                        "the connection to the database was lost in the middle of a transaction")
                conn = psycopg.connect(self.url, autocommit=True, row_factory=_rows,
                                       cursor_factory=Cursor, application_name=self.name,
                                       keepalives=1, keepalives_idle=30)
                for statement in self.setup:
                    conn.execute(statement)
                self._conn = conn
        return conn

    @property
    def raw(self) -> psycopg.Connection:
        return self._ensure()

    def begin(self) -> None:
        self._ensure().execute("BEGIN")
        self.in_transaction = True

    def end(self, commit: bool) -> None:
        conn = self._conn
        self.in_transaction = False
        if commit:
            conn.execute("COMMIT")
            return
        try:
            conn.execute("ROLLBACK")
        except psycopg.Error:  # the connection is gone: the server rolled back already
            log.warning("rollback on a lost connection (%s)", self.name)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()

    # ------------------------------------------------------------ statements

    def execute(self, sql: str, args=()):
        conn = self._ensure()
        query, returning = self._query(conn, sql)
        params = tuple(args) if args is not None else ()
        try:
            cursor = conn.execute(query, params)
        except psycopg.OperationalError:
            if self.in_transaction or not conn.broken:
                raise
            log.warning("the database connection was lost; connecting again (%s)", self.name)
            cursor = self._ensure().execute(query, params)
        if returning:
            row = cursor.fetchone()
            cursor.lastrowid = row[0] if row else None
        return cursor

    def executemany(self, sql: str, rows):
        rows = list(rows)
        conn = self._ensure()
        query, returning = self._query(conn, sql)
        if returning:  # the ids are not wanted here
            query = query[: query.rindex(" RETURNING ")]
        cursor = conn.cursor()
        if rows:
            cursor.executemany(query, [tuple(r) for r in rows])
        return cursor

    def _query(self, conn, sql: str) -> tuple[str, str | None]:
        """The statement for psycopg, and the identity column it returns (INSERT into a
        table that has one), cached per statement text."""
        done = self._queries.get(sql)
        if done is not None:
            return done
        query = translate(sql)
        returning = None
        insert = _INSERT.match(query)
        known = True
        if insert:
            table = insert.group("table").strip('"').lower()
            identity, keys, columns = self._table(conn, table)
            known = bool(columns)  # a table not there yet: decide again next time
            if insert.group("replace"):
                query = _upsert(query, insert, keys, columns)
            if identity and not re.search(r"\bRETURNING\b", query, re.I):
                query = f"{query.rstrip().rstrip(';')} RETURNING {identity}"
                returning = identity
        if known:
            if len(self._queries) > 5000:
                self._queries.clear()
            self._queries[sql] = (query, returning)
        return query, returning

    def _table(self, conn, table: str):
        """(identity column or None, primary key columns, all columns) of a table."""
        known = self._tables.get(table)
        if known is not None:
            return known
        rows = conn.execute(
            "SELECT a.attname, a.attidentity, "
            "       COALESCE(a.attnum = ANY(i.indkey), false) "
            "FROM pg_attribute a "
            "LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary "
            "WHERE a.attrelid = to_regclass(%s) AND a.attnum > 0 AND NOT a.attisdropped "
            "ORDER BY a.attnum", (table,)).fetchall()
        if not rows:
            return None, (), ()
        info = (next((r[0] for r in rows if r[1]), None), tuple(r[0] for r in rows if r[2]),
                tuple(r[0] for r in rows))
        self._tables[table] = info
        return info


# ------------------------------------------------------------------ SQL for PostgreSQL

_INSERT = re.compile(
    r"""\s*INSERT\s+INTO\s+(?P<table>"?[\w.]+"?)\s*(?:\((?P<columns>[^)]*)\))?"""
    r"""(?P<replace>\s*/\*or replace\*/)?""", re.I)


@functools.lru_cache(maxsize=4096)
def translate(sql: str) -> str:
    """SQLite-flavoured SQL as psycopg takes it (no catalogue needed): placeholders,
    literal %, INSERT OR IGNORE, CREATE TABLE types, IN () of an empty list. INSERT OR
    REPLACE is marked for the connection, which knows the table's key."""
    head = sql.lstrip()
    if re.match(r"PRAGMA\b", head, re.I):
        raise psycopg.NotSupportedError(
            f"{head.split()[0]} {head.split()[1] if len(head.split()) > 1 else ''} is SQLite only; "
            "use a Store method (store.integrity(), store.tables())")
    if re.match(r"CREATE\s+(TEMP\w*\s+)?TABLE\b", head, re.I):
        sql = create_table(sql)
    sql, ignored = re.subn(r"^(\s*INSERT\s+)OR\s+IGNORE\s+(INTO\b)", r"\1\2", sql, count=1,
                          flags=re.I)
    if ignored and not re.search(r"\bON\s+CONFLICT\b", sql, re.I):
        sql = sql.rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    replace = re.match(r"(\s*INSERT\s+)OR\s+REPLACE\s+(INTO\s+\"?[\w.]+\"?\s*(\([^)]*\))?)", sql,
                       re.I)
    if replace:
        sql = replace.group(1) + replace.group(2) + " /*or replace*/ " + sql[replace.end():]
    # an empty list, as SQLite allows: IN () is false and NOT IN () true for any type
    sql = re.sub(r"\bNOT\s+IN\s*\(\s*\)", "<> ALL('{}')", sql, flags=re.I)
    sql = re.sub(r"\bIN\s*\(\s*\)", "= ANY('{}')", sql, flags=re.I)
    return _placeholders(sql)


def _sql_pieces(sql: str):
    """``sql`` as (kind, text) runs: kind "quoted" (a string or quoted name, '' inside
    kept), "--" or "/*" (a comment), else "" (one character of code)."""
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch in "'\"":
            end = sql.find(ch, i + 1)
            while end != -1 and end + 1 < n and sql[end + 1] == ch:  # '' inside a string
                end = sql.find(ch, end + 2)
            kind, end = "quoted", n if end == -1 else end + 1
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            kind, end = "--", n if end == -1 else end
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            kind, end = "/*", n if end == -1 else end + 2
        else:
            kind, end = "", i + 1
        yield kind, sql[i:end]
        i = end


def _placeholders(sql: str) -> str:
    """? -> %s outside quotes and comments; every % doubled (psycopg reads % anywhere)."""
    out = []
    for kind, text in _sql_pieces(sql):
        out.append("%s" if not kind and text == "?" else text.replace("%", "%%"))
    return "".join(out)


def _upsert(query: str, insert: re.Match, keys: tuple[str, ...], columns: tuple[str, ...]) -> str:
    """INSERT OR REPLACE: the row replaces the one with the same primary key."""
    query = query.replace(" /*or replace*/ ", " ", 1)
    if not keys:
        return query
    named = [c.strip().strip('"') for c in insert.group("columns").split(",")] \
        if insert.group("columns") else list(columns)
    quoted = [f'"{c}"' for c in named if c not in keys]
    conflict = ", ".join(f'"{k}"' for k in keys)
    action = ("DO UPDATE SET " + ", ".join(f"{c} = EXCLUDED.{c}" for c in quoted)) if quoted \
        else "DO NOTHING"
    return f"{query.rstrip().rstrip(';')} ON CONFLICT ({conflict}) {action}"


_TYPES = [
    (re.compile(r"INTEGER\s+PRIMARY\s+KEY(\s+AUTOINCREMENT)?\b", re.I),
     "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"(INTEGER|INT|SMALLINT|TINYINT|MEDIUMINT)\b", re.I), "BIGINT"),
    (re.compile(r"(REAL|FLOAT|DOUBLE)\b(?!\s+PRECISION)", re.I), "DOUBLE PRECISION"),
    (re.compile(r"BLOB\b", re.I), "BYTEA"),
]


def create_table(statement: str) -> str:
    """CREATE TABLE with SQLite's column types made PostgreSQL's; text columns compare
    byte-wise (COLLATE "C"), so ORDER BY gives the order SQLite gives whatever the
    database's locale. Idempotent."""
    text = _strip_comments(statement)
    m = re.match(r"\s*CREATE\s+(TEMP\w*\s+)?TABLE\s+(IF\s+NOT\s+EXISTS\s+)?(\"?[\w.]+\"?)\s*\(",
                 text, re.I)
    if not m:
        return statement
    depth, end = 1, None
    for i in range(m.end(), len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                end = i
                break
    if end is None:
        return statement
    body, parts, depth, start = text[m.end():end], [], 0, 0
    for i, ch in enumerate(body):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    columns = [_column(p.strip()) for p in parts if p.strip()]
    return text[: m.end()] + "\n    " + ",\n    ".join(columns) + "\n)"  # WITHOUT ROWID etc. go


def _column(definition: str) -> str:
    first = definition.split(None, 1)[0].upper()
    if first in ("PRIMARY", "FOREIGN", "UNIQUE", "CHECK", "CONSTRAINT", "EXCLUDE"):
        return definition
    name_match = re.match(r'("[^"]+"|\S+)\s*(.*)', definition, re.S)
    name, rest = name_match.group(1), name_match.group(2)
    for pattern, replacement in _TYPES:
        hit = pattern.match(rest)
        if hit:
            rest = replacement + rest[hit.end():]
            break
    else:
        if re.match(r"(TEXT|VARCHAR|CHAR|CHARACTER)\b", rest, re.I) and \
                not re.search(r"\bCOLLATE\b", rest, re.I):
            type_match = re.match(r"(TEXT|(?:VARCHAR|CHAR|CHARACTER)\s*(\(\s*\d+\s*\))?)", rest,
                                  re.I)
            rest = f'{type_match.group(0)} COLLATE "C"{rest[type_match.end():]}'
    rest = re.sub(r"\s+AUTOINCREMENT\b", "", rest, flags=re.I)
    return f"{name} {rest}".rstrip()


def _strip_comments(sql: str) -> str:
    return "".join(text for kind, text in _sql_pieces(sql) if kind != "--")
