"""审计日志 / Audit log (admins): who added, corrected, restored what and when."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.common import get_kb
from app.login import can
from kb.accounts import audit_log


def render() -> None:
    st.title("审计日志 · Audit log")
    if not can("admin"):
        st.warning("仅管理员可查看 / Admins only.")
        return
    rows = audit_log(get_kb().store, limit=1000)
    if not rows:
        st.info("暂无记录 / Nothing recorded yet.")
        return
    frame = pd.DataFrame([{"时间 Time": r["at"], "操作人 Who": r["actor"],
                           "操作 Action": r["action"], "对象 Target": r["target"],
                           "详情 Detail": ", ".join(f"{k}: {v}" for k, v in r["detail"].items())}
                          for r in rows])
    st.caption(f"共 {len(rows)} 条（最近 1000 条）/ {len(rows)} entries (the latest 1,000)")
    st.dataframe(frame, hide_index=True, width="stretch")


render()
