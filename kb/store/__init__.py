"""The store: the source of truth, one interface over two engines.

``Store(path)`` is the embedded SQLite file (the default, no server);
``Store("postgresql://…")`` is a PostgreSQL database shared by many processes
(``POLICYKB_DATABASE_URL``). The queries live in ``base`` and are shared; ``sqlite`` and
``postgres`` hold what differs (connections, the writers' queue, schema types,
integrity). Code outside the store reads with ``store.db.execute(sql, args)`` and writes
inside ``with store.transaction() as db:``, with ``?`` placeholders, on either engine.
"""

from __future__ import annotations

from .base import (
    SCHEMA_VERSION,
    AddResult,
    Dialect,
    Digest,
    DocumentRows,
    Store,
    UnitDuty,
    clause_json,
    is_database_url,
    document_rows,
    unit_ref,
    unit_surfaces,
)


def open_store(settings, directory=None) -> Store:
    """The store the settings name: their database URL, else the SQLite file in the
    knowledge base folder."""
    return Store(settings.database_url or settings.store_path, directory)


__all__ = ["Store", "AddResult", "Digest", "DocumentRows", "document_rows", "UnitDuty",
           "Dialect", "SCHEMA_VERSION", "clause_json", "unit_ref", "unit_surfaces",
           "is_database_url", "open_store"]
