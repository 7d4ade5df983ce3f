"""Values every question reads, kept on disk between processes.

A command-line call is a new process: without this, every ``policykb ask`` re-reads the
metadata of every document and re-judges every validity (0.15 s at 100,000 clauses, and
growing with the corpus) although nothing changed since the last call. Such values are
pickled into the knowledge base's folder (``cache/``) with the store they came from, its
generation and a stamp of this code; a value whose stamp differs is rebuilt and rewritten.
The folder is the process's own, like the search index beside it.
"""

from __future__ import annotations

import logging
import os
import pickle
import re
import tempfile
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

FORMAT = 1  # bumped when what a cache file holds changes shape


@lru_cache(maxsize=1)
def code_stamp() -> tuple:
    """The newest modification time and the number of this package's and the ingest
    package's modules: an edited parser or store never answers from an older
    process's values."""
    newest, count = 0, 0
    for package in (Path(__file__).parent, Path(__file__).parent.parent / "ingest"):
        for folder in (package, *(p for p in package.iterdir() if p.is_dir())):
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.endswith(".py"):
                        newest = max(newest, entry.stat().st_mtime_ns)
                        count += 1
    return FORMAT, newest, count


def _path(folder: Path, key: str) -> Path:
    return folder / (re.sub(r"[^A-Za-z0-9_-]+", "_", key) + ".pickle")


def load(folder: Path, key: str, stamp: tuple):
    """The value kept under ``key`` when it was made with ``stamp``, else None."""
    try:
        with open(_path(folder, key), "rb") as f:
            kept_stamp, value = pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - damaged or foreign: rebuilt, never fatal
        log.debug("cache %s unreadable: %s", key, exc)
        return None
    return value if kept_stamp == stamp else None


def save(folder: Path, key: str, stamp: tuple, value) -> None:
    """Keep ``value`` (atomically: a reader sees the old file or the new one). A folder
    that cannot be written to only costs the next process the rebuild."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump((stamp, value), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, _path(folder, key))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        log.debug("cache %s not written: %s", key, exc)


def unit_directory(folder: Path):
    """The unit directory shipped with the package, unpickled from ``folder`` when it was
    kept there from the same directory file and code (reading the TOML is about 0.06 s
    of every command-line call, unpickling it 1 ms)."""
    from importlib import resources

    from ingest.units import default_directory

    source = resources.files("ingest") / "data" / "units.toml"
    try:
        status = os.stat(str(source))
    except OSError:  # (not a plain file: read it the usual way)
        return default_directory()
    stamp = (code_stamp(), status.st_mtime_ns, status.st_size)
    kept = load(folder, "unit_directory", stamp)
    if kept is None:
        kept = default_directory()
        save(folder, "unit_directory", stamp, kept)
    return kept

