"""Regular expressions compiled on first use.

The extractor and the question reader define a few hundred module-level patterns, many
with CJK character classes, which CPython's ``re`` compiles slowly (a class over
U+4E00-U+9FFF is expanded code point by code point). Compiled at import, they cost
``policykb ask`` about a quarter of a second per call, although one question uses a
tenth of them. ``lazy_compile`` returns a stand-in that compiles on its first use and
then answers exactly like the compiled pattern; its ``pattern`` string is available
without compiling, so patterns can still be composed from each other's text. One
difference remains: a match's ``.re`` is the compiled pattern, not the stand-in, so code
that needs to know which pattern matched keeps the stand-in beside the match.
"""

from __future__ import annotations

import re


class LazyPattern:
    """A ``re.Pattern`` compiled the first time one of its attributes is asked for."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern | None = None

    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self._flags)
        return self._compiled

    def __getattr__(self, name: str):
        # Only reached for attributes not yet in the instance: the bound method (or
        # value) of the compiled pattern is kept, so later calls cost a plain lookup.
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(self.compiled(), name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r})"


def lazy_compile(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
