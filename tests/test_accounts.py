"""Accounts, roles, slowed-down failed logins and the audit log."""

import io
import json

import pytest

from kb import KnowledgeBase, Settings
from kb.accounts import AccountError, add, any_accounts, login, remove, set_password, wait_before_login
from kb.cli import main

from .conftest import SEED


@pytest.fixture
def kb(tmp_path):
    with KnowledgeBase(Settings(home=tmp_path / "kb")) as kb:
        yield kb


def test_roles_and_logins(kb):
    assert not any_accounts(kb.store)
    add(kb.store, "王分析", "viewer", "correct horse")
    add(kb.store, "admin", "admin", "battery staple")
    assert any_accounts(kb.store)
    account = login(kb.store, "王分析", "correct horse")
    assert account.role == "viewer" and account.can("viewer") and not account.can("editor")
    assert login(kb.store, "admin", "battery staple").can("editor")
    assert login(kb.store, "王分析", "wrong") is None
    assert login(kb.store, "nobody", "whatever1") is None
    stored = kb.store.db.execute("SELECT password_hash FROM accounts WHERE name = '王分析'").fetchone()[0]
    assert stored.startswith("$argon2") and "correct horse" not in stored


def test_repeated_failures_are_slowed_down(kb):
    add(kb.store, "li", "editor", "long enough")
    for _ in range(3):
        assert login(kb.store, "li", "nope") is None
    assert wait_before_login(kb.store, "li") > 0
    with pytest.raises(AccountError, match="too many failed logins"):
        login(kb.store, "li", "long enough")
    set_password(kb.store, "li", "a new password")  # an admin resets it
    assert login(kb.store, "li", "a new password").role == "editor"


def test_bad_input_is_refused(kb):
    with pytest.raises(AccountError, match="at least 8"):
        add(kb.store, "a", "viewer", "short")
    with pytest.raises(AccountError, match="not a role"):
        add(kb.store, "a", "boss", "long enough")
    add(kb.store, "root", "admin", "long enough")
    add(kb.store, "v", "viewer", "long enough")
    with pytest.raises(AccountError, match="exists already"):
        add(kb.store, "v", "viewer", "long enough")
    with pytest.raises(AccountError, match="last admin"):
        remove(kb.store, "root")
    remove(kb.store, "v")


def test_cli_users_and_audit(tmp_path, capsys, monkeypatch):
    home = str(tmp_path / "kb")
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pass\n"))
    assert main(["--kb", home, "users", "add", "王", "--role", "editor", "--password-stdin"]) == 0
    assert main(["--kb", home, "users", "add", "李", "--role", "viewer"]) == 1
    assert "--password-stdin" in capsys.readouterr().err
    main(["--kb", home, "ingest", str(SEED)])
    with KnowledgeBase(Settings(home=tmp_path / "kb")) as kb:
        clause = next(c for c in kb.store.clauses() if c.path == ("三", "(二)", "4"))
    main(["--kb", home, "correct", clause.clause_id, "--lead", "省科技厅", "--by", "王", "--why", "核对"])
    capsys.readouterr()
    assert main(["--kb", home, "audit", "--json"]) == 0
    log = json.loads(capsys.readouterr().out)
    actions = [(e["action"], e["actor"]) for e in log]
    assert ("correct clause", "王") in actions
    assert any(a == "add document" and actor.startswith("cli") for a, actor in actions)
    assert any(a == "users add" for a, _ in actions)
    assert main(["--kb", home, "users", "list", "--json"]) == 0
    assert [u["name"] for u in json.loads(capsys.readouterr().out)] == ["王"]


def test_a_folder_ingest_records_each_added_document_in_its_own_transaction(backend, tmp_path):
    from kb.accounts import audit_log

    from .workers import notice

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"notice-{n}.txt").write_bytes(notice(n))
    with KnowledgeBase(backend.settings(tmp_path / "kb")) as kb:
        added = kb.ingest([folder], workers=2, actor="cli:测试")
        again = kb.ingest([folder], workers=2, actor="cli:测试")  # nothing new: no entry
        log = audit_log(kb.store)
    assert all(o.result.added for o in added) and not any(o.result.added for o in again)
    entries = [e for e in log if e["action"] == "add document"]
    assert sorted(e["detail"]["file"] for e in entries) == sorted(
        str(folder / f"notice-{n}.txt") for n in range(3))
    assert {e["actor"] for e in entries} == {"cli:测试"}
    assert {e["target"] for e in entries} == {o.result.doc_id for o in added}
