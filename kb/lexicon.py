"""Curated vocabularies kept as data files in kb/data/:

- ``thesaurus.tsv``: Chinese near-synonym groups for query expansion
  (科技成果转化 ≈ 技术转移 ≈ 成果转化), preferred term first.
- ``glossary.tsv``: English phrases -> Chinese terms, kind topic / unit / question,
  so English questions are answered through the same Chinese machinery.
- ``glossary_cedict.tsv``: English phrases -> Chinese topic terms generated from CC-CEDICT
  (MDBG, CC BY-SA 4.0) by ``tools/build_glossary.py``, cut to the words of the corpus.
  It only widens the curated glossary: a phrase the curated file has keeps the curated
  terms alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


class Thesaurus:
    def __init__(self, groups: list[tuple[str, ...]]):
        self.groups = groups
        self._index: dict[str, set[int]] = {}
        for i, group in enumerate(groups):
            for term in group:
                self._index.setdefault(term.lower(), set()).add(i)

    @classmethod
    def load(cls, path: Path | None = None) -> "Thesaurus":
        path = path or DATA / "thesaurus.tsv"
        groups = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            terms = tuple(t.strip() for t in line.split("\t") if t.strip())
            if len(terms) >= 2:
                groups.append(terms)
        return cls(groups)

    def expand(self, term: str) -> list[str]:
        """The other terms of every group ``term`` belongs to."""
        out: list[str] = []
        for i in sorted(self._index.get(term.lower(), ())):
            for other in self.groups[i]:
                if other.lower() != term.lower() and other not in out:
                    out.append(other)
        return out

    def terms_in(self, text: str) -> list[str]:
        """Thesaurus terms that occur in ``text``, longest first, not overlapping."""
        found: list[tuple[int, int, str]] = []
        lowered = text.lower()
        for term in sorted(self._index, key=len, reverse=True):
            if len(term) < 2:
                continue
            start = lowered.find(term)
            while start >= 0:
                end = start + len(term)
                if all(end <= s or start >= e for s, e, _ in found):
                    found.append((start, end, text[start:end]))
                start = lowered.find(term, start + 1)
        return [t for _, _, t in sorted(found)]


@dataclass(frozen=True)
class GlossaryHit:
    english: str
    chinese: str
    kind: str  # topic | unit | question
    start: int
    end: int
    curated: bool = True  # from the hand-checked glossary, not a dictionary fallback


class Glossary:
    """English phrases -> Chinese terms, in layers: the curated file first, then
    fallback files that only count for phrases no earlier layer has (itself or its
    naive singular: "subsidies" is covered by a curated "subsidy"). The fallback files
    are read with the first English text translated, so a Chinese question never pays
    for the large dictionary file."""

    def __init__(self, entries: list[tuple[str, str, str]], *fallbacks: Path):
        self._layers = [_layer(entries)]
        self._pending = list(fallbacks)
        self._merged: dict[str, list[tuple[str, str]]] | None = None  # built for ``entries``
        self._longest: int | None = None  # words in the longest phrase, once all are read

    @classmethod
    def load(cls, path: Path | None = None, *fallbacks: Path) -> "Glossary":
        """The glossary of ``path`` (default: the curated glossary.tsv), widened by the
        ``fallbacks`` in order (generated files whose phrases are already normalised,
        as tools/build_glossary.py writes them)."""
        return cls(_read_rows(path or DATA / "glossary.tsv"), *fallbacks)

    def _lookup(self, phrase: str) -> tuple[list[tuple[str, str]], bool]:
        """The terms of the first layer that has ``phrase`` or its singular, and whether
        that layer is the curated one."""
        singular = american = None
        for i, layer in enumerate(self._layers):
            found = layer.get(phrase)
            if found is None:
                singular = singular or _singular(phrase)
                found = layer.get(singular)
            if found is None or i:  # (the American spelling only where it is read)
                american = american or _american(phrase)
            if found is None:  # driving licence: CC-CEDICT spells it license
                found = layer.get(american) or layer.get(_singular(american))
            elif american != phrase and i:
                # a dictionary's entry under the British spelling may hold a rare sense
                # only (centre → 基点): the American spelling's senses count too
                found = found + [t for t in layer.get(american) or () if t not in found]
            if found:
                return found, i == 0
        return self._base_terms(phrase)

    def _base_terms(self, phrase: str) -> tuple[list[tuple[str, str]], bool]:
        """The curated terms of a word's dictionary form (inspected → inspect, registering
        → register). Only the hand-checked glossary's: a dictionary's senses of a
        participle's base are mostly framing (according → accord, concerned → concern).
        A phrasal verb's are any layer's: its particle makes it a verb (breaking down →
        break down → 分解)."""
        for base in _base_forms(phrase):
            for i, layer in enumerate(self._layers if " " in base else self._layers[:1]):
                found = layer.get(base)
                if found:
                    return found, i == 0
        return [], False

    def _read_all(self) -> None:
        while self._pending:  # generated files: their phrases are normalised already
            self._layers.append(_FileLayer(self._pending.pop(0)))
        if self._longest is None:
            self._longest = max(_longest_phrase(layer) for layer in self._layers)

    @property
    def entries(self) -> dict[str, list[tuple[str, str]]]:
        """Every phrase with the terms it translates to (all layers read)."""
        self._read_all()
        if self._merged is not None:
            return self._merged
        merged: dict[str, list[tuple[str, str]]] = {}
        for layer in self._layers:
            known = set(merged)  # a layer's phrases are weighed against earlier layers only
            rows = layer.all() if isinstance(layer, _FileLayer) else layer
            merged.update((key, terms) for key, terms in rows.items()
                          if key not in known and _singular(key) not in known)
        self._merged = merged
        return merged

    def translate(self, text: str) -> list[GlossaryHit]:
        """Longest-phrase-first matches of glossary entries over the words of ``text``."""
        # hazardous-waste and hazardous waste alike: a hyphen separates words
        words = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"[a-z0-9&'+]+", text.lower())]
        hits: list[GlossaryHit] = []
        if words:
            self._read_all()
            words = self._closed(words, text)
        i = 0
        while i < len(words):
            for size in range(min(self._longest, len(words) - i), 0, -1):
                phrase = " ".join(w for w, _, _ in words[i : i + size])
                found, curated = self._lookup(phrase)
                if found:
                    for chinese, kind in found:
                        hits.append(GlossaryHit(phrase, chinese, kind, words[i][1],
                                                words[i + size - 1][2], curated))
                    i += size
                    break
            else:
                i += 1
        return hits


    def _closed(self, words: list, text: str) -> list:
        """Two words joined by a hyphen as one where the glossary knows them closed up and
        not apart, or only closed up in its hand-checked part (co-ordinates → coordinates,
        start-up → startup)."""
        out: list = []
        for word in words:
            if out and text[out[-1][2]: word[1]] == "-":
                closed, closed_curated = self._lookup(out[-1][0] + word[0])
                apart, apart_curated = self._lookup(out[-1][0] + " " + word[0])
                if closed and (not apart or closed_curated and not apart_curated):
                    out[-1] = (out[-1][0] + word[0], out[-1][1], word[2])
                    continue
            out.append(word)
        return out


class _FileLayer:
    """A generated glossary file (tens of thousands of rows) looked up in its text, one
    phrase at a time: a question asks for a few dozen phrases, and parsing every row into
    a dictionary first cost 0.08 s of every English command-line question."""

    def __init__(self, path: Path):
        text = "\n" + path.read_text(encoding="utf-8")
        # the rows start after the comment lines and the line naming the columns
        header = re.search(r"\n(?!#)[^\n]*", text)
        self._text = text[header.end():] if header else text
        self._found: dict[str, list[tuple[str, str]] | None] = {}
        self._all: dict[str, list[tuple[str, str]]] | None = None

    def get(self, phrase: str) -> list[tuple[str, str]] | None:
        if phrase not in self._found:
            terms: list[tuple[str, str]] = []
            needle = f"\n{phrase}\t"
            at = self._text.find(needle)
            while at >= 0:
                end = self._text.find("\n", at + 1)
                parts = self._text[at + 1: end if end >= 0 else None].split("\t")
                if len(parts) >= 3 and (parts[1].strip(), parts[2].strip()) not in terms:
                    terms.append((parts[1].strip(), parts[2].strip()))
                at = self._text.find(needle, at + 1)
            self._found[phrase] = terms or None
        return self._found[phrase]

    def all(self) -> dict[str, list[tuple[str, str]]]:
        """Every phrase with its terms (the whole file parsed, once)."""
        if self._all is None:
            self._all = _layer(_parse_rows(self._text, header=False), normalise=False)
        return self._all

    def __iter__(self):
        """Its phrases, as a dictionary's keys."""
        return iter(re.findall(r"(?m)^([^\t\n#]+)\t", self._text))


def _longest_phrase(layer) -> int:
    """Words in the longest phrase of a layer."""
    return max((key.count(" ") + 1 for key in layer), default=1)


def _layer(rows: list[tuple[str, str, str]], normalise: bool = True
           ) -> dict[str, list[tuple[str, str]]]:
    """English phrase -> its (chinese, kind) terms, each once."""
    layer: dict[str, list[tuple[str, str]]] = {}
    for english, chinese, kind in rows:
        key = _norm(english) if normalise else english
        if key and (chinese, kind) not in layer.get(key, []):
            layer.setdefault(key, []).append((chinese, kind))
    return layer


def _read_rows(path: Path) -> list[tuple[str, str, str]]:
    """``english<TAB>chinese<TAB>kind`` rows; # comment lines and the header line skipped."""
    return _parse_rows(path.read_text(encoding="utf-8"))


def _parse_rows(text: str, header: bool = True) -> list[tuple[str, str, str]]:
    """The rows of ``text``; ``header``: its first line that is no comment names the
    columns."""
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if header:  # the first line that is not a comment names the columns
            header = False
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            rows.append((parts[0], parts[1].strip(), parts[2].strip()))
    return rows


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9&'+]+", text.lower()))


# British spellings as CC-CEDICT and most glossaries write them the American way
_AMERICAN = {"licence": "license", "licences": "licenses", "programme": "program",
             "programmes": "programs", "centre": "center", "centres": "centers",
             "labour": "labor", "defence": "defense", "harbour": "harbor",
             "neighbour": "neighbor", "neighbouring": "neighboring", "favour": "favor",
             "behaviour": "behavior", "colour": "color", "catalogue": "catalog",
             "ageing": "aging", "fulfil": "fulfill", "enrol": "enroll", "enrolment": "enrollment",
             "tyre": "tire", "tyres": "tires", "metre": "meter", "metres": "meters",
             "kilometre": "kilometer", "kilometres": "kilometers", "cheque": "check"}


def _american(phrase: str) -> str:
    words = [_AMERICAN.get(w, re.sub(r"isation(s?)$", r"ization\1", w)) for w in phrase.split()]
    return " ".join(words)


_PARTICLES = frozenset({"up", "out", "off", "down", "in", "on", "over", "back", "forward",
                        "through"})


def _base_form(phrase: str) -> str:
    """A single word in its dictionary form when it is a verb form (-ed, -ing,
    irregular: held → hold), by simplemma's English lemma table (loaded the first time a
    word needs it). A phrase of several words stays as written (co-leading is no
    co-lead)."""
    if " " in phrase or len(phrase) < 4 or not phrase.isalpha():
        return phrase
    import simplemma

    base = simplemma.lemmatize(phrase, lang="en")
    return base.lower() if base and base.isalpha() else phrase


def _base_forms(phrase: str) -> list[str]:
    """``phrase`` in its dictionary forms other than itself: a verb form's (_base_form),
    or a phrasal verb's, whose particle says the -ing word is a verb (setting up → set
    up, drawing up → draw up, making up → make up, carried out → carry out)."""
    words = phrase.split()
    if len(words) == 2 and words[1] in _PARTICLES:
        verb = words[0]
        forms = [_base_form(verb)]
        if verb.endswith("ing") and len(verb) > 5:
            stem = verb[:-3]
            forms += [stem[:-1], stem] if stem[-1] == stem[-2] else [stem, stem + "e"]
        return [f"{form} {words[1]}" for form in dict.fromkeys(forms) if form != verb]
    base = _base_form(phrase)
    return [base] if base != phrase else []


def _singular(phrase: str) -> str:
    words = phrase.split()
    last = words[-1]
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        last = last[:-1]
    return " ".join(words[:-1] + [last])


@lru_cache(maxsize=1)
def default_thesaurus() -> Thesaurus:
    return Thesaurus.load()


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    """The curated glossary first, then CC-CEDICT entries for phrases it does not have."""
    cedict = DATA / "glossary_cedict.tsv"
    return Glossary.load(DATA / "glossary.tsv", *([cedict] if cedict.is_file() else []))
