"""The 登录 gate: once any account exists, nothing of the knowledge base shows before a
login — a shared link included. Sessions expire; failed logins are slowed down
(kb.accounts)."""

from __future__ import annotations

import time

import streamlit as st

from kb.accounts import AccountError, any_accounts, login


def current_account():
    """The logged-in account, None while the knowledge base has no accounts (open)."""
    return st.session_state.get("account")


def require_login(kb):
    """Return the account (or None when there are no accounts); otherwise show the login
    form and stop the page."""
    if not any_accounts(kb.store):
        return None
    account = st.session_state.get("account")
    started = st.session_state.get("account_since", 0.0)
    if account is not None and time.time() - started < kb.settings.session_hours * 3600:
        return account
    if account is not None:
        st.session_state.pop("account", None)
        st.info("登录已过期，请重新登录 / Your session expired: log in again.")
    st.title("登录 · Log in")
    st.caption("此知识库需要登录后使用 / This knowledge base needs a login.")
    with st.form("login"):
        name = st.text_input("用户名 / Name")
        password = st.text_input("密码 / Password", type="password")
        submitted = st.form_submit_button("登录 / Log in")
    if submitted:
        try:
            found = login(kb.store, name.strip(), password)
        except AccountError as exc:
            st.error(f"登录尝试过多，请稍后再试 / {exc}")
        else:
            if found is None:
                st.error("用户名或密码不正确 / Wrong name or password.")
            else:
                st.session_state["account"] = found
                st.session_state["account_since"] = time.time()
                st.rerun()
    st.stop()


def can(role: str) -> bool:
    """Whether the current user may do what ``role`` may (anyone, while there are no
    accounts)."""
    account = st.session_state.get("account")
    return account is None or account.can(role)


def actor(default: str = "app") -> str:
    account = st.session_state.get("account")
    return account.name if account is not None else default
