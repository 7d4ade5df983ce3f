"""Accounts, roles and the audit log, stored with the knowledge base (in PostgreSQL when
that is the store). Passwords are hashed with Argon2 (argon2-cffi).

Roles, each including the one before: viewer (ask, browse, export), editor (also add
documents and correct extractions), admin (also backup/restore and accounts). While no
account exists the app is open, as a one-person tool on localhost; once one exists it
asks everyone to log in. Repeated failed logins are slowed down.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

ROLES = ("viewer", "editor", "admin")
FREE_FAILURES = 3  # failed logins before each further try must wait
MAX_WAIT = 300  # seconds

_TABLES = (
    """CREATE TABLE IF NOT EXISTS accounts (
        name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL, failures INTEGER NOT NULL DEFAULT 0,
        last_failure REAL NOT NULL DEFAULT 0)""",
    """CREATE TABLE IF NOT EXISTS audit (
        at TEXT NOT NULL, seq REAL NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
        target TEXT NOT NULL, detail TEXT NOT NULL)""",
)


class AccountError(Exception):
    """An account operation that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    created_at: str

    def can(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "created_at": self.created_at}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def ensure_tables(store) -> None:
    if getattr(store, "_accounts_ready", False):
        return
    with store.transaction() as db:
        for sql in _TABLES:
            db.execute(sql)
    store._accounts_ready = True


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not re.fullmatch(r"[\w.@\-\u4e00-\u9fff]{1,64}", name):
        raise AccountError(f"{name!r} is not a usable account name; use letters, digits, "
                           "Chinese characters, . _ @ - (at most 64)")
    return name


def _check_password(password: str) -> str:
    password = (password or "").rstrip("\r\n")
    if len(password) < 8:
        raise AccountError("the password must have at least 8 characters")
    return password


def accounts(store) -> list[Account]:
    ensure_tables(store)
    return [Account(r["name"], r["role"], r["created_at"]) for r in store.db.execute(
        "SELECT name, role, created_at FROM accounts ORDER BY name").fetchall()]


def any_accounts(store) -> bool:
    ensure_tables(store)
    return store.db.execute("SELECT 1 FROM accounts LIMIT 1").fetchone() is not None


def add(store, name: str, role: str, password: str, actor: str = "cli") -> Account:
    ensure_tables(store)
    name = _check_name(name)
    if role not in ROLES:
        raise AccountError(f"{role!r} is not a role; use viewer, editor or admin")
    digest = _hasher().hash(_check_password(password))
    with store.transaction() as db:
        if db.execute("SELECT 1 FROM accounts WHERE name = ?", (name,)).fetchone():
            raise AccountError(f"the account {name} exists already; "
                               "`policykb users passwd` changes its password")
        db.execute("INSERT INTO accounts (name, role, password_hash, created_at) "
                   "VALUES (?,?,?,?)", (name, role, digest, _now()))
        write_entry(db, actor, "users add", name, {"role": role})
    return Account(name, role, _now())


def remove(store, name: str, actor: str = "cli") -> None:
    ensure_tables(store)
    with store.transaction() as db:
        row = db.execute("SELECT role FROM accounts WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise AccountError(f"there is no account {name}; `policykb users list` shows them")
        admins = db.execute("SELECT COUNT(*) FROM accounts WHERE role = 'admin'").fetchone()[0]
        others = db.execute("SELECT COUNT(*) FROM accounts WHERE name != ?", (name,)).fetchone()[0]
        if row["role"] == "admin" and admins == 1 and others:
            raise AccountError(f"{name} is the last admin; make another admin first")
        db.execute("DELETE FROM accounts WHERE name = ?", (name,))
        write_entry(db, actor, "users remove", name, {})


def set_password(store, name: str, password: str, actor: str = "cli") -> None:
    ensure_tables(store)
    digest = _hasher().hash(_check_password(password))
    with store.transaction() as db:
        if not db.execute("SELECT 1 FROM accounts WHERE name = ?", (name,)).fetchone():
            raise AccountError(f"there is no account {name}; `policykb users list` shows them")
        db.execute("UPDATE accounts SET password_hash = ?, failures = 0 WHERE name = ?",
                   (digest, name))
        write_entry(db, actor, "users passwd", name, {})


def wait_before_login(store, name: str) -> float:
    """Seconds this account must wait before the next try (0 when it may try now)."""
    ensure_tables(store)
    row = store.db.execute("SELECT failures, last_failure FROM accounts WHERE name = ?",
                           (name,)).fetchone()
    if row is None or row["failures"] < FREE_FAILURES:
        return 0.0
    wait = min(2.0 ** (row["failures"] - FREE_FAILURES + 1), MAX_WAIT)
    return max(0.0, row["last_failure"] + wait - time.time())


def login(store, name: str, password: str) -> Account | None:
    """The account when the password is right; None otherwise (and the failure counts).
    Raises AccountError while the account must wait after repeated failures."""
    from argon2.exceptions import InvalidHashError, VerificationError

    ensure_tables(store)
    wait = wait_before_login(store, name)
    if wait > 0:
        raise AccountError(f"too many failed logins; try again in {wait:.0f} s")
    row = store.db.execute("SELECT name, role, created_at, password_hash FROM accounts "
                           "WHERE name = ?", (name,)).fetchone()
    ok = False
    if row is not None:
        try:
            ok = _hasher().verify(row["password_hash"], password)
        except (VerificationError, InvalidHashError):
            ok = False
    else:
        _hasher().hash(password or "-")  # the same time whether the name exists or not
    with store.transaction() as db:
        if ok:
            db.execute("UPDATE accounts SET failures = 0 WHERE name = ?", (name,))
            write_entry(db, name, "login", name, {})
        elif row is not None:
            db.execute("UPDATE accounts SET failures = failures + 1, last_failure = ? "
                       "WHERE name = ?", (time.time(), name))
            write_entry(db, name, "login failed", name, {})
    return Account(row["name"], row["role"], row["created_at"]) if ok else None


def write_entry(db, actor: str, action: str, target: str, detail: dict[str, Any]) -> None:
    """One audit entry inside the caller's transaction ``db``: it commits with the
    change it records, or not at all."""
    db.execute("INSERT INTO audit (at, seq, actor, action, target, detail) VALUES (?,?,?,?,?,?)",
               (_now(), time.time(), actor or "-", action, target or "",
                json.dumps(detail, ensure_ascii=False)))


def record(store, actor: str, action: str, target: str, detail: dict | None = None) -> None:
    """Write one audit entry: who added, corrected, restored what and when."""
    ensure_tables(store)
    with store.transaction() as db:
        write_entry(db, actor, action, target, detail or {})


def audit_log(store, limit: int | None = None) -> list[dict[str, Any]]:
    ensure_tables(store)
    sql = "SELECT at, actor, action, target, detail FROM audit ORDER BY seq DESC"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [{"at": r["at"], "actor": r["actor"], "action": r["action"], "target": r["target"],
             "detail": json.loads(r["detail"])} for r in store.db.execute(sql).fetchall()]


LOCAL_ADDRESSES = ("localhost", "127.0.0.1", "::1", "")


def exposure_problem(store, address: str, open_on_purpose: bool = False) -> str | None:
    """Why the app must not start on ``address``: a non-local address with no account
    would show the knowledge base to anyone who reaches it. None when it may start."""
    if address.strip().lower() in LOCAL_ADDRESSES or open_on_purpose or any_accounts(store):
        return None
    return (f"refusing to serve {address} with no accounts: anyone on the network would see the "
            "knowledge base. Add one first (policykb users add NAME --role admin "
            "--password-stdin), or set POLICYKB_OPEN=1 to run it open on purpose.")
