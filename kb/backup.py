"""Backup and restore of a whole knowledge base: the store (an online SQLite backup, so
a running app is not disturbed) and the uploaded originals, in one zip. The index is
derived and is rebuilt after a restore. A PostgreSQL store is the database server's to
back up (pg_dump, or continuous archiving for point-in-time recovery): refused here."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import zipfile
from pathlib import Path

from .settings import Settings

STORE_NAME = "policykb.sqlite3"


class BackupError(Exception):
    """A backup file that cannot be restored; the message says why and what to do."""


def _refuse_on_postgres(settings: Settings, what: str) -> None:
    if settings.database_url:
        raise BackupError(
            f"the store is a PostgreSQL database, which policykb {what} does not copy; use "
            "pg_dump -Fc (and pg_restore) or the server's continuous archiving (PITR) instead")


def backup(settings: Settings, target: Path) -> dict:
    _refuse_on_postgres(settings, "backup")
    if not settings.store_path.is_file():
        raise BackupError(f"{settings.home}: there is no knowledge base here to back up")
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / STORE_NAME
        source = sqlite3.connect(settings.store_path)
        dest = sqlite3.connect(copy)
        try:
            source.backup(dest)
        finally:
            dest.close()
            source.close()
        partial = target.with_name(target.name + ".partial")
        files = 0
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(copy, STORE_NAME)
            uploads = settings.home / "uploads"
            if uploads.is_dir():
                for path in sorted(uploads.iterdir()):
                    if path.is_file():
                        archive.write(path, f"uploads/{path.name}")
                        files += 1
        os.replace(partial, target)
    return {"file": str(target), "bytes": target.stat().st_size, "uploads": files}


def restore(settings: Settings, source: Path) -> dict:
    """Replace the knowledge base with the backup's contents (checked first)."""
    _refuse_on_postgres(settings, "restore")
    source = Path(source)
    try:
        archive = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BackupError(f"{source}: not a policykb backup (not a readable zip file)") from exc
    with archive, tempfile.TemporaryDirectory(dir=_ensure(settings.home)) as tmp:
        names = archive.namelist()
        if STORE_NAME not in names:
            raise BackupError(f"{source}: not a policykb backup (no {STORE_NAME} inside)")
        for name in names:  # nothing may land outside the knowledge base folder
            if name != STORE_NAME and not (name.startswith("uploads/") and "/" not in name[8:]
                                           and ".." not in name and name[8:]):
                raise BackupError(f"{source}: unexpected entry {name!r}; not restoring it")
        archive.extractall(tmp)
        store = Path(tmp) / STORE_NAME
        db = sqlite3.connect(store)
        try:
            ok = db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError:
            ok, tables = False, set()
        finally:
            db.close()
        if not ok or not {"documents", "clauses", "clause_units"} <= tables:
            raise BackupError(f"{source}: the store inside is damaged; use another backup")
        for suffix in ("-wal", "-shm"):
            Path(str(settings.store_path) + suffix).unlink(missing_ok=True)
        os.replace(store, settings.store_path)
        uploads = settings.home / "uploads"
        shutil.rmtree(uploads, ignore_errors=True)
        if (Path(tmp) / "uploads").is_dir():
            shutil.move(str(Path(tmp) / "uploads"), uploads)
        shutil.rmtree(settings.home / "index", ignore_errors=True)  # rebuilt on open
        shutil.rmtree(settings.home / "cache", ignore_errors=True)
    return {"file": str(source)}


def _ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder
