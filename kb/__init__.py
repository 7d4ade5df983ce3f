"""policykb knowledge base: storage, index and answers over ingested clauses."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import ingest
from ingest import IngestError

from .settings import Settings
from .store import AddResult, Store, UnitDuty, clause_json

__all__ = [
    "KnowledgeBase", "Settings", "Store", "AddResult", "UnitDuty", "IngestOutcome",
    "clause_json", "iter_documents", "DOCUMENT_SUFFIXES",
]

log = logging.getLogger(__name__)

DOCUMENT_SUFFIXES = (".txt", ".text", ".htm", ".html", ".shtml", ".pdf", ".docx")


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one file: added, already there, or refused with a reason."""

    source: str
    result: AddResult | None = None
    error: IngestError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def iter_documents(path: Path) -> list[Path]:
    """A file as given, or the document files in a folder (recursively, sorted)."""
    if path.is_dir():
        return sorted(
            p for p in path.rglob("*")
            if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
    return [path]


class KnowledgeBase:
    """The opened knowledge base: a store (and, later, its index)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.store = Store(settings.store_path)

    @classmethod
    def open(cls, home: str | Path | None = None) -> "KnowledgeBase":
        return cls(Settings.from_env(home))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def add_file(self, path: Path) -> IngestOutcome:
        """Parse and store one file; a bad file leaves the knowledge base unchanged."""
        try:
            doc = ingest.parse(path, directory=self.store.directory,
                               max_bytes=self.settings.max_bytes)
        except IngestError as exc:
            log.warning("%s", exc)
            return IngestOutcome(str(path), error=exc)
        return IngestOutcome(str(path), result=self.store.add(doc))

    def add_bytes(self, data: bytes, name: str) -> IngestOutcome:
        try:
            doc = ingest.parse_bytes(data, name, directory=self.store.directory,
                                     max_bytes=self.settings.max_bytes)
        except IngestError as exc:
            return IngestOutcome(name, error=exc)
        return IngestOutcome(name, result=self.store.add(doc))

    def ingest(self, paths: list[Path]) -> list[IngestOutcome]:
        outcomes: list[IngestOutcome] = []
        for given in paths:
            if not given.exists():
                outcomes.append(IngestOutcome(
                    str(given), error=IngestError(str(given), "the path does not exist",
                                                  "check the spelling")))
                continue
            for path in iter_documents(given):
                outcomes.append(self.add_file(path))
        return outcomes
