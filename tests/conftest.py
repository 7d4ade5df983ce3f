from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "corpus" / "seed-lu-zheng-zi-2023-209.txt"
SHARED = ROOT.parent / "shared" / "corpus"


def shared_file(name: str) -> Path:
    """A reference document from ../shared/corpus; the test skips when it is absent."""
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    return path


@contextlib.contextmanager
def kb_of(home: Path, texts: dict[str, str]):
    """A knowledge base in ``home``/kb of the documents ``texts`` (file name -> text),
    written into ``home`` first."""
    from kb import KnowledgeBase, Settings

    for name, text in texts.items():
        (home / name).write_text(text, encoding="utf-8")
    with KnowledgeBase(Settings(home=home / "kb")) as kb:
        kb.ingest([home / name for name in texts])
        yield kb


@pytest.fixture(scope="session")
def seed_doc():
    import ingest

    return ingest.parse(SEED)


@pytest.fixture
def kb_home(tmp_path, monkeypatch):
    home = tmp_path / "kb"
    monkeypatch.setenv("POLICYKB_HOME", str(home))
    return home


# ------------------------------------------------------------------ store backends
#
# The store tests run on both engines: the embedded SQLite file and PostgreSQL (a real
# server on localhost, started once per session by tests/pg.py, each test in a database
# of its own). Without the server binaries or psycopg the PostgreSQL runs skip, saying
# why. The URL reaches the CLI and worker processes as POLICYKB_DATABASE_URL.


@dataclass(frozen=True)
class Backend:
    name: str  # sqlite | postgres
    url: str | None = None
    server: object = None  # the PgServer of a postgres backend

    def fresh(self) -> "Backend":
        """Another store of the same engine, empty (SQLite: the folder decides)."""
        return self if self.server is None else Backend(self.name, self.server.create_database(),
                                                        self.server)

    def settings(self, home, **extra):
        from kb import Settings

        return Settings(home=Path(home), database_url=self.url, **extra)

    @property
    def env(self) -> dict[str, str]:
        """For subprocesses: os.environ with this backend's URL (or without any)."""
        env = {k: v for k, v in os.environ.items() if k != "POLICYKB_DATABASE_URL"}
        if self.url:
            env["POLICYKB_DATABASE_URL"] = self.url
        return env

    def snapshot(self, home) -> dict[str, list[tuple]]:
        """Every row of every table: the store exactly as it is."""
        from kb.store import Store

        store = Store(self.url or Path(home) / "policykb.sqlite3")
        try:
            return {table: sorted(map(tuple, store.db.execute(f"SELECT * FROM {table}")),
                                  key=repr)
                    for table in store.tables()}
        finally:
            store.close()


@pytest.fixture(autouse=True)
def _embedded_store_by_default(monkeypatch):
    """A POLICYKB_DATABASE_URL in the developer's shell must not reach the tests."""
    monkeypatch.delenv("POLICYKB_DATABASE_URL", raising=False)


@pytest.fixture(scope="session")
def pg_server():
    from .pg import PgServer, Unavailable

    try:
        server = PgServer.start()
    except Unavailable as exc:
        pytest.skip(f"no PostgreSQL server for the tests: {exc}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty PostgreSQL database for one test."""
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request, monkeypatch):
    """The store engine a test runs on; the CLI in this process follows it too."""
    if request.param == "sqlite":
        yield Backend("sqlite")
        return
    url = request.getfixturevalue("pg_url")
    monkeypatch.setenv("POLICYKB_DATABASE_URL", url)
    yield Backend("postgres", url, request.getfixturevalue("pg_server"))
