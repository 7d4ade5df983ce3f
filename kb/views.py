"""Aggregates over the store for the app's pages, computed in SQL and paged.

The pages list units with their duty counts, a unit's sections and partners, the unit x
section (or unit x document) matrix and the targets table. Loading every clause as a
record to count them took close to a minute at 100,000 clauses; these functions let the
database count, group and page, and return small rows. The SQL is plain (GROUP BY,
CASE, COUNT DISTINCT, LIMIT/OFFSET, no JSON functions), so it also runs on PostgreSQL.

Every function takes the Store and reads current (not superseded) documents only.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from ingest import format_path


@dataclass(frozen=True)
class UnitCount:
    name: str
    english: str
    lead: int
    coop: int
    known: bool = True


@dataclass(frozen=True)
class TargetRow:
    clause_id: str
    doc_id: str
    metric: str
    value: float
    unit: str
    comparator: str | None
    year: int | None
    period: str | None
    text: str
    path: tuple[str, ...]
    seq: int
    lead: tuple[str, ...]  # lead units as written


def _placeholders(values) -> str:
    return ",".join("?" * len(values))


def _current(store, column: str) -> str:
    return store.current_sql(column)


# ------------------------------------------------------------------ units


def _generic(store) -> set[str]:
    return {r[0] for r in store.db.execute("SELECT name FROM units WHERE generic = 1")}


def unit_counts(store) -> list[UnitCount]:
    """Every named (not generic) unit with duties: clauses it leads and cooperates on,
    most leads first. (Counted along the (name, role, ...) index, generic names dropped
    after: a scan of the generic flag would read the whole table.)"""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"lead": 0, "coop": 0})
    for name, role, n in store.db.execute(
            "SELECT name, role, COUNT(DISTINCT clause_id) FROM clause_units "
            f"WHERE {_current(store, 'doc_id')} GROUP BY name, role"):
        counts[name][role] = n
    generic = _generic(store)
    unknown = {r[0] for r in store.db.execute("SELECT name FROM units WHERE known = 0")}
    out = []
    for name, n in counts.items():
        if name in generic:
            continue
        unit = store.directory.get(name)
        out.append(UnitCount(name, unit.english if unit else "", n["lead"], n["coop"],
                             name not in unknown))
    return sorted(out, key=lambda u: (-u.lead, -u.coop, u.name))


def unit_totals(store, name: str) -> dict[str, int]:
    """{"lead": n, "coop": n, "partners": n} for one unit."""
    row = store.db.execute(
        "SELECT COUNT(DISTINCT CASE WHEN role = 'lead' THEN clause_id END), "
        "COUNT(DISTINCT CASE WHEN role = 'coop' THEN clause_id END) "
        f"FROM clause_units WHERE name = ? AND {_current(store, 'doc_id')}", (name,)).fetchone()
    partners = store.db.execute(
        "SELECT COUNT(DISTINCT b.name) FROM clause_units a JOIN clause_units b "
        "ON b.clause_id = a.clause_id AND b.name <> a.name AND b.generic = 0 "
        f"WHERE a.name = ? AND {_current(store, 'a.doc_id')}", (name,)).fetchone()
    return {"lead": row[0], "coop": row[1], "partners": partners[0]}


def unit_clause_ids(store, name: str, role: str, offset: int = 0,
                    limit: int | None = None) -> list[str]:
    """One page of the clauses a unit leads (or cooperates on), in document order."""
    tail = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
    return [r[0] for r in store.db.execute(
        "SELECT DISTINCT clause_id, doc_id, clause_ord FROM clause_units "
        f"WHERE name = ? AND role = ? AND {_current(store, 'doc_id')} "
        f"ORDER BY doc_id, clause_ord{tail}", (name, role))]


def unit_partners(store, name: str, limit: int = 50) -> list[tuple[str, int]]:
    """The named units that share clauses with ``name``, most shared first."""
    return [(r[0], r[1]) for r in store.db.execute(
        "SELECT b.name, COUNT(DISTINCT b.clause_id) AS n FROM clause_units a "
        "JOIN clause_units b ON b.clause_id = a.clause_id AND b.name <> a.name "
        f"WHERE a.name = ? AND b.generic = 0 AND {_current(store, 'a.doc_id')} "
        f"GROUP BY b.name ORDER BY n DESC, b.name LIMIT {int(limit)}", (name,))]


# ------------------------------------------------------------------ sections


def section_of(path: tuple[str, ...], section: tuple[str, ...], heading: str,
               depth: int = 1) -> str:
    """The section a clause sits in, ``depth`` levels down: 三、重要举措 (depth 1) or
    三、(二)实施科技创新能力跃升工程 (depth 2); a clause at that level stands for itself."""
    if not path:
        return "前言"
    depth = min(depth, max(1, len(path) - 1))
    name = section[depth - 1] if len(section) >= depth else heading
    return f"{format_path(path[:depth])}{name}"


def _grouped_sections(rows, depth: int):
    """(key..., section JSON, min path JSON, min heading, first ord, n) rows, merged by
    the section label at ``depth``."""
    merged: dict = {}
    for *key, section, path, heading, first, n in rows:
        label = section_of(tuple(json.loads(path)), tuple(json.loads(section)), heading, depth)
        slot = (*key, label)
        have = merged.get(slot)
        merged[slot] = (min(have[0], first), have[1] + n) if have else (first, n)
    return merged


def unit_sections(store, name: str) -> list[dict]:
    """A unit's duties per document section (the first heading level) and role:
    {doc_id, section, order, role, clauses}, in document order."""
    rows = store.db.execute(
        "SELECT c.doc_id, cu.role, c.section, MIN(c.path), MIN(c.heading), MIN(c.ord), "
        "COUNT(DISTINCT c.clause_id) FROM clause_units cu "
        "JOIN clauses c ON c.clause_id = cu.clause_id "
        f"WHERE cu.name = ? AND {_current(store, 'cu.doc_id')} "
        "GROUP BY c.doc_id, cu.role, c.section, "
        "CASE WHEN c.section = '[]' THEN c.path ELSE '' END", (name,)).fetchall()
    merged = _grouped_sections(rows, depth=1)
    return sorted(({"doc_id": d, "role": r, "section": s, "order": first, "clauses": n}
                   for (d, r, s), (first, n) in merged.items()),
                  key=lambda x: (x["doc_id"], x["order"], x["role"]))


def busiest_units(store, doc_id: str | None = None, role: str | None = None,
                  limit: int = 40) -> list[tuple[str, int]]:
    """The named units with the most clauses (in ``role``, in ``doc_id``), most first."""
    where, args = [_current(store, "doc_id")], []
    if role:
        where.append("role = ?")
        args.append(role)
    if doc_id:
        where.append("doc_id = ?")
        args.append(doc_id)
    rows = store.db.execute(
        "SELECT name, COUNT(DISTINCT clause_id) AS n FROM clause_units "
        f"WHERE {' AND '.join(where)} GROUP BY name ORDER BY n DESC, name", args).fetchall()
    generic = _generic(store)
    return [(name, n) for name, n in rows if name not in generic][:limit]


def busiest_documents(store, role: str | None = None, limit: int = 30) -> list[tuple[str, int]]:
    """The documents with the most clauses naming a unit (in ``role``), most first."""
    role_sql, args = (" AND role = ?", [role]) if role else ("", [])
    return [(r[0], r[1]) for r in store.db.execute(
        "SELECT doc_id, COUNT(DISTINCT clause_id) AS n FROM clause_units "
        f"WHERE generic = 0 AND {_current(store, 'doc_id')}{role_sql} "
        f"GROUP BY doc_id ORDER BY n DESC, doc_id LIMIT {int(limit)}", args)]


def matrix(store, doc_id: str | None = None, by: str = "section", role: str | None = None,
           units: list[str] | None = None, doc_ids: list[str] | None = None) -> list[dict]:
    """The unit x column matrix: {unit, role, doc_id, column, order, clauses}.

    ``by="document"``: one column per document (the corpus at a glance);
    ``by="section"``: one column per section, the first heading level across the corpus,
    the second inside one document (``doc_id``). ``units`` and ``doc_ids`` limit the rows
    and columns computed (the chart shows the busiest; the export passes neither)."""
    where = ["cu.generic = 0", _current(store, "cu.doc_id")]
    args: list = []
    if role:
        where.append("cu.role = ?")
        args.append(role)
    if doc_id:
        where.append("cu.doc_id = ?")
        args.append(doc_id)
    if units:
        where.append(f"cu.name IN ({_placeholders(units)})")
        args += list(units)
    if doc_ids:
        where.append(f"cu.doc_id IN ({_placeholders(doc_ids)})")
        args += list(doc_ids)
    condition = " AND ".join(where)
    if by == "document":
        rows = store.db.execute(
            "SELECT cu.name, cu.role, cu.doc_id, COUNT(DISTINCT cu.clause_id) "
            f"FROM clause_units cu WHERE {condition} GROUP BY cu.name, cu.role, cu.doc_id",
            args).fetchall()
        return [{"unit": u, "role": r, "doc_id": d, "column": d, "order": 0, "clauses": n}
                for u, r, d, n in rows]
    depth = 2 if doc_id else 1
    # Inside one document every clause is its own group (a few hundred rows); across
    # documents clauses group by their enclosing sections first.
    group = "c.path" if doc_id else "CASE WHEN c.section = '[]' THEN c.path ELSE '' END"
    rows = store.db.execute(
        "SELECT cu.name, cu.role, c.doc_id, c.section, MIN(c.path), MIN(c.heading), "
        "MIN(c.ord), COUNT(DISTINCT c.clause_id) FROM clause_units cu "
        f"JOIN clauses c ON c.clause_id = cu.clause_id WHERE {condition} "
        f"GROUP BY cu.name, cu.role, c.doc_id, c.section, {group}", args).fetchall()
    merged = _grouped_sections(rows, depth)
    return [{"unit": u, "role": r, "doc_id": d, "column": s, "order": first, "clauses": n}
            for (u, r, d, s), (first, n) in merged.items()]


# ------------------------------------------------------------------ targets


def _target_where(store, year: int | None, unit: str | None) -> tuple[str, list]:
    where = [_current(store, "c.doc_id")]
    args: list = []
    if year is not None:
        where.append("t.year = ?")
        args.append(year)
    if unit:
        where.append("t.clause_id IN (SELECT clause_id FROM clause_units WHERE name = ?)")
        args.append(unit)
    return " AND ".join(where), args


def target_count(store, year: int | None = None, unit: str | None = None) -> int:
    where, args = _target_where(store, year, unit)
    return store.db.execute(
        "SELECT COUNT(*) FROM targets t JOIN clauses c ON c.clause_id = t.clause_id "
        f"WHERE {where}", args).fetchone()[0]


def target_years(store, unit: str | None = None) -> list[tuple[int | None, int]]:
    """(year, targets) for every target year (None: no year), earliest first."""
    where, args = _target_where(store, None, unit)
    rows = store.db.execute(
        "SELECT t.year, COUNT(*) FROM targets t JOIN clauses c ON c.clause_id = t.clause_id "
        f"WHERE {where} GROUP BY t.year", args).fetchall()
    return sorted(((y, n) for y, n in rows), key=lambda r: (r[0] is None, r[0] or 0))


def target_rows(store, year: int | None = None, unit: str | None = None, offset: int = 0,
                limit: int | None = 100) -> list[TargetRow]:
    """One page of the targets table, in document order, with the lead units."""
    where, args = _target_where(store, year, unit)
    tail = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
    rows = store.db.execute(
        "SELECT t.clause_id, c.doc_id, t.metric, t.value, t.unit, t.comparator, t.year, "
        "t.period, t.text, c.path, c.seq FROM targets t "
        f"JOIN clauses c ON c.clause_id = t.clause_id WHERE {where} "
        f"ORDER BY c.doc_id, c.ord, t.ord{tail}", args).fetchall()
    ids = sorted({r[0] for r in rows})
    lead: dict[str, list[str]] = defaultdict(list)
    for chunk in range(0, len(ids), 500):
        part = ids[chunk: chunk + 500]
        for cid, written in store.db.execute(
                "SELECT clause_id, as_written FROM clause_units WHERE role = 'lead' AND "
                f"clause_id IN ({_placeholders(part)}) ORDER BY clause_id, ord", part):
            lead[cid].append(written)
    return [TargetRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8],
                      tuple(json.loads(r[9])), r[10], tuple(lead.get(r[0], ())))
            for r in rows]


# ------------------------------------------------------------------ documents


def counts(store) -> dict[str, int]:
    """Documents and clauses in the answers (current versions)."""
    docs = store.db.execute(
        f"SELECT COUNT(*) FROM documents WHERE {_current(store, 'doc_id')}").fetchone()[0]
    clauses = store.db.execute(
        f"SELECT COUNT(*) FROM clauses WHERE {_current(store, 'doc_id')}").fetchone()[0]
    return {"documents": docs, "clauses": clauses}
