"""One settings object: where the knowledge base lives and the limits it enforces.

Environment variables are read here and nowhere else.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ingest import MAX_BYTES

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    home: Path
    max_bytes: int = MAX_BYTES
    max_upload_bytes: int = 20_000_000
    corpus: Path = PROJECT_ROOT / "corpus"
    annotations: Path = PROJECT_ROOT / "annotations"
    shared_corpus: Path = PROJECT_ROOT.parent / "shared" / "corpus"
    # postgresql://user@host/db: the store in PostgreSQL, shared by every process; None:
    # the embedded SQLite file in ``home`` (the index stays in ``home`` either way)
    database_url: str | None = None
    session_hours: float = 8.0  # an app login lasts this long (POLICYKB_SESSION_HOURS)
    open_on_purpose: bool = False  # serve a non-local address with no accounts (POLICYKB_OPEN=1)

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, not {self.max_bytes}")
        if self.database_url is not None and not re.match(r"postgres(ql)?://", self.database_url):
            raise ValueError("POLICYKB_DATABASE_URL must be a postgresql:// URL "
                             f"(postgresql://user@host:5432/dbname), not {self.database_url!r}")

    @property
    def backend(self) -> str:
        """sqlite or postgresql: where the store is."""
        return "postgresql" if self.database_url else "sqlite"

    @property
    def store_path(self) -> Path:
        return self.home / "policykb.sqlite3"

    @classmethod
    def from_env(cls, home: str | os.PathLike | None = None) -> "Settings":
        env = os.environ
        chosen = Path(home or env.get("POLICYKB_HOME") or "data")
        extra = {}
        if env.get("POLICYKB_MAX_BYTES"):
            extra["max_bytes"] = int(env["POLICYKB_MAX_BYTES"])
        if env.get("POLICYKB_MAX_UPLOAD_BYTES"):
            extra["max_upload_bytes"] = int(env["POLICYKB_MAX_UPLOAD_BYTES"])
        if env.get("POLICYKB_SHARED_CORPUS"):
            extra["shared_corpus"] = Path(env["POLICYKB_SHARED_CORPUS"])
        if env.get("POLICYKB_DATABASE_URL", "").strip():
            extra["database_url"] = env["POLICYKB_DATABASE_URL"].strip()
        if env.get("POLICYKB_SESSION_HOURS"):
            extra["session_hours"] = float(env["POLICYKB_SESSION_HOURS"])
        if env.get("POLICYKB_OPEN", "").strip() in ("1", "true", "yes"):
            extra["open_on_purpose"] = True
        return cls(home=chosen, **extra)
