"""The embedded store: one SQLite file in the knowledge base folder (the default; no
server). WAL mode: readers never wait for the writer and see committed data only;
writers in any process queue on BEGIN IMMEDIATE."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path

from ingest import Directory

from .base import Store


class SQLiteStore(Store):
    Error = sqlite3.Error

    def __init__(self, path: Path | str, directory: Directory | None = None):
        super().__init__(path, directory)

    def _connect(self, target) -> None:
        self.path = Path(target)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Two connections: readers (any thread, e.g. every app session) only ever see
        # committed data, while one writer at a time holds its own transaction.
        self.db = self._open()
        self._wdb = self._open()
        # The writer's page cache: 64 MB (SQLite's default is 2 MB), so a folder ingest
        # inserting at random clause ids keeps the index pages it touches in memory.
        self._wdb.execute("PRAGMA cache_size=-65536")
        # Each document of a batch is a savepoint, whose undo pages SQLite keeps in a
        # statement journal: in memory (a document's pages, a few MB at most), not in a
        # temporary file written page by page.
        self._wdb.execute("PRAGMA temp_store=MEMORY")

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode=WAL")
        # WAL with synchronous=NORMAL: a commit survives the process being killed; only a
        # power cut can lose the last commits, never corrupt the file (SQLite's own advice
        # for WAL); FULL would fsync on every document of a folder ingest.
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA busy_timeout=30000")
        return db

    @contextmanager
    def _bulk(self):
        # A batch's rows come from document_rows, whose clause and document ids hold by
        # construction: checking each unit, token and target row's parent (an index
        # lookup per row) is a tenth of a folder ingest's writing. The pragma cannot
        # change inside a transaction, hence here, around it.
        self._wdb.execute("PRAGMA foreign_keys=OFF")
        try:
            yield
        finally:
            self._wdb.execute("PRAGMA foreign_keys=ON")

    def _migrate(self, db) -> None:
        # stores from before a column existed (CREATE TABLE IF NOT EXISTS kept the old one)
        columns = {r[1] for r in db.execute("PRAGMA table_info(documents)")}
        for column in ("superseded_by", "frame", "report", "statements", "title_key",
                       "title_tokens"):
            if column not in columns:  # schema 4: frame, report, validity statements
                db.execute(f"ALTER TABLE documents ADD COLUMN {column} TEXT")
        unit_columns = {r[1] for r in db.execute("PRAGMA table_info(clause_units)")}
        if "role_word" not in unit_columns:
            db.execute("ALTER TABLE clause_units ADD COLUMN role_word TEXT NOT NULL DEFAULT ''")
            db.execute("ALTER TABLE clause_units ADD COLUMN source TEXT NOT NULL DEFAULT 'note'")

    def _begin(self):
        self._wdb.execute("BEGIN IMMEDIATE")
        return self._wdb

    def _end(self, db, commit: bool) -> None:
        db.execute("COMMIT" if commit else "ROLLBACK")

    def close(self) -> None:
        self.db.close()
        self._wdb.close()

    def integrity(self) -> str | None:
        try:
            result = self.db.execute("PRAGMA integrity_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            return str(exc)
        return None if result == "ok" else result

    def tables(self) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]

    @property
    def location(self) -> str:
        return str(self.path)
