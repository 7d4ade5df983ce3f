"""The Ask page's state and its URL: /ask?q=…&doc=…&unit=…&role=lead|coop&year=….

The state lives in st.session_state["ask"] (not in widget keys, which Streamlit drops
when another page is shown), so the answer is still there after visiting a unit's
profile and coming back. The URL mirrors it, so a link opens straight on the answer and
the browser's back button restores it. A link that names a unit or document this
knowledge base does not have says so instead of silently showing something else.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

PARAMS = ("q", "doc", "unit", "role", "year")
ROLES = ("lead", "coop")


@dataclass(frozen=True)
class AskState:
    q: str = ""
    docs: tuple[str, ...] = ()  # doc_ids
    unit: str = ""  # canonical name
    role: str = ""  # "" | lead | coop
    year: str = ""  # "" or a year

    def filters(self):
        from kb.ask import Filters

        return Filters(documents=self.docs, unit=self.unit or None,
                       role=(self.role or None) if self.unit else None,
                       year=int(self.year) if self.year else None)

    @property
    def filtered(self) -> bool:
        return bool(self.docs or self.unit or self.year)


@dataclass
class LinkReading:
    state: AskState
    warnings: list[str] = field(default_factory=list)


def snapshot(params) -> dict[str, tuple[str, ...]]:
    """The Ask parameters of a query string (st.query_params or a dict of lists), in a
    comparable form: key -> values, empty ones left out."""
    out = {}
    for key in PARAMS:
        if hasattr(params, "get_all"):
            values = params.get_all(key)
        else:
            value = params.get(key, ())
            values = [value] if isinstance(value, str) else list(value)
        values = tuple(v.strip() for v in values if v and v.strip())
        if values:
            out[key] = values
    return out


def read_link(url: dict[str, tuple[str, ...]], resolve_document, resolve_unit,
              years: list[int] | None = None) -> LinkReading:
    """The state a link asks for. ``resolve_document(ref) -> [doc_id]`` (文号 in any
    bracket form, doc_id, file name, title words; current documents only);
    ``resolve_unit(ref) -> name | None`` (names and aliases of units with duties)."""
    warnings: list[str] = []
    docs: list[str] = []
    for ref in url.get("doc", ()):
        found = resolve_document(ref)
        if found:
            docs += [d for d in found if d not in docs]
        else:
            warnings.append(f"链接中的文件“{ref}”不在知识库中，答案未按它筛选 / the document "
                            f"“{ref}” in the link is not in the knowledge base; the answer is "
                            "not limited to it")
    unit = ""
    for ref in url.get("unit", ())[:1]:
        unit = resolve_unit(ref) or ""
        if not unit:
            warnings.append(f"链接中的部门“{ref}”在知识库中没有职责，答案未按部门筛选 / the unit "
                            f"“{ref}” in the link has no duties in the knowledge base; the "
                            "answer is not filtered by unit")
    role = ""
    for ref in url.get("role", ())[:1]:
        if ref in ROLES:
            role = ref
        else:
            warnings.append(f"链接中的角色“{ref}”无法识别（应为 lead 或 coop），已忽略 / the role "
                            f"“{ref}” in the link is not lead or coop; ignored")
    year = ""
    for ref in url.get("year", ())[:1]:
        if ref.isdigit() and (years is None or int(ref) in years):
            year = ref
        else:
            warnings.append(f"链接中的年份“{ref}”没有目标，已忽略 / no target falls due in "
                            f"“{ref}”; the year in the link is ignored")
    question = " ".join(url.get("q", ()))
    return LinkReading(AskState(question, tuple(docs), unit, role, year), warnings)


def link_of(state: AskState, doc_keys: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """The query string for a state (the snapshot form): documents by 文号 where it
    names one document, else by doc_id."""
    out: dict[str, tuple[str, ...]] = {}
    if state.q:
        out["q"] = (state.q,)
    if state.docs:
        out["doc"] = tuple(doc_keys.get(d, d) for d in state.docs)
    if state.unit:
        out["unit"] = (state.unit,)
        if state.role:
            out["role"] = (state.role,)
    if state.year:
        out["year"] = (state.year,)
    return out


def query_dict(link: dict[str, tuple[str, ...]]) -> dict[str, str | list[str]]:
    """The snapshot form as st.query_params.from_dict takes it."""
    return {k: (v[0] if len(v) == 1 else list(v)) for k, v in link.items()}


def with_question(state: AskState, question: str) -> AskState:
    return replace(state, q=question.strip())
