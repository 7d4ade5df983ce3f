"""The department directory: canonical names, aliases, English names, level.

The data lives in ``data/units.toml`` (one ``[[unit]]`` table each). ``resolve`` maps a
surface form as written in a note (省科技厅, 发展改革委, 农业部) to its unit; ``find``
locates every directory unit mentioned in free text with a spaCy PhraseMatcher over a
blank ``zh`` pipeline (character tokens, no model download).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Unit:
    name: str
    aliases: tuple[str, ...] = ()
    english: str = ""
    level: str = ""  # national | provincial
    kind: str = ""
    former: tuple[str, ...] = ()
    # what laws call the function when they name no body (水行政 for water: 水行政主管部门)
    functions: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "aliases": list(self.aliases + self.former),
            "english": self.english,
            "level": self.level,
            "kind": self.kind,
        }


# levels of government as laws list them before a body (设区的市、县（市、区）人民政府…)
# (市和县（市）区人民政府教育督导机构: two levels joined by 和)
_LEVEL = r"(?:设区的市|省|市|县（市、区）|县（市）区|县（市）|县|乡（镇）|乡镇)"
LEVELS_LISTED = rf"{_LEVEL}(?:(?:、|和|及)(?:{_LEVEL}))+"

_GENERIC_TAIL = re.compile(r"(?:有关|相关)(?:部门|单位|方面|机构)?$")
_GENERIC_HEAD = re.compile(r"^(?:当地|属地|各级|省直|县级以上|设区的市)")


@lru_cache(maxsize=16384)  # every note and sentence asks of the same few names
def is_generic(surface: str) -> bool:
    """省有关部门, 各市政府, 等有关部门, 各省级人民政府 … name no single unit."""
    if surface.startswith("各") or surface.startswith("等"):
        return True
    if _GENERIC_TAIL.search(surface):
        return True
    return bool(_GENERIC_HEAD.match(surface))


_VAGUE = re.compile(r"(?:有关|相关|其他|等)(?:部门|单位|方面|机构)?$|^(?:有关|相关)")


def is_vague(surface: str) -> bool:
    """有关部门, 相关单位, 其他方面 … name no body at all (各省级人民政府 and 自然资源部门,
    generic too, name a class of bodies, and so does 国务院有关部门: the State Council's
    departments concerned)."""
    return bool(_VAGUE.search(surface)) and not is_national_class(surface)


def is_national_class(surface: str) -> bool:
    """国务院有关部门, 中央和国家机关各有关部门: the State Council's departments concerned."""
    return _NATIONAL_CLASS.match(surface) is not None


_NATIONAL_CLASS = re.compile(r"^(?:国务院|中央和国家机关|中央国家机关)(?:各)?有关部门$")


class Directory:
    """The units, read-only once built (``resolve`` remembers its answers)."""

    def __init__(self, units: list[Unit]):
        self.units: dict[str, Unit] = {u.name: u for u in units}
        self._index: dict[str, list[str]] = {}
        self._resolved: dict[tuple[str, str | None], Unit | None] = {}
        for unit in units:
            for surface in (unit.name, *unit.aliases, *unit.former):
                names = self._index.setdefault(_key(surface), [])
                if unit.name not in names:
                    names.append(unit.name)

    @classmethod
    def from_toml(cls, path: Path | str) -> "Directory":
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        return cls([_unit(entry) for entry in data.get("unit", [])])

    def __len__(self) -> int:
        return len(self.units)

    def __contains__(self, name: str) -> bool:
        return name in self.units

    def get(self, name: str) -> Unit | None:
        return self.units.get(name)

    def surfaces(self):
        """Every name, alias and former name, with the unit it belongs to."""
        for unit in self.units.values():
            for surface in (unit.name, *unit.aliases, *unit.former):
                yield surface, unit

    def resolve(self, surface: str, level: str | None = None) -> Unit | None:
        """The unit a surface form names, or None when the directory does not know it.

        ``level`` ("national"/"provincial") breaks ties for bare short forms.
        """
        try:
            return self._resolved[surface, level]
        except KeyError:
            pass
        unit = self._resolve(surface, level)
        if len(self._resolved) < _RESOLVED_CACHE:
            self._resolved[surface, level] = unit
        return unit

    def _resolve(self, surface: str, level: str | None) -> Unit | None:
        key = _key(surface)
        for candidate in _variants(key, level):
            names = self._index.get(candidate)
            if names:
                if len(names) > 1 and level:
                    for name in names:
                        if self.units[name].level == level:
                            return self.units[name]
                return self.units[names[0]]
        return None

    @cached_property
    def _matcher(self):
        import spacy
        from spacy.matcher import PhraseMatcher

        nlp = spacy.blank("zh")
        matcher = PhraseMatcher(nlp.vocab)
        by_unit: dict[str, list] = {}
        for surface, unit in self.surfaces():
            by_unit.setdefault(unit.name, []).append(nlp.make_doc(surface))
        for name, patterns in by_unit.items():
            matcher.add(name, patterns)
        return nlp, matcher

    def find(self, text: str) -> list[tuple[int, int, Unit]]:
        """Character spans of directory units in ``text``, longest match first wins."""
        import spacy.util

        nlp, matcher = self._matcher
        doc = nlp.make_doc(text)
        spans = [doc[s:e] for _, s, e in matcher(doc)]
        labels = {(doc[s:e].start_char, doc[s:e].end_char): nlp.vocab.strings[m]
                  for m, s, e in matcher(doc)}
        out = []
        for span in spacy.util.filter_spans(spans):
            name = labels[(span.start_char, span.end_char)]
            out.append((span.start_char, span.end_char, self.units[name]))
        return sorted(out, key=lambda item: item[0])


_RESOLVED_CACHE = 100_000  # surfaces remembered per directory (a few MB at most)
_SPACE = re.compile(r"[\s\u3000]")


def _key(surface: str) -> str:
    return _SPACE.sub("", surface)


def _variants(key: str, level: str | None):
    yield key
    if key.startswith("山东省"):
        yield "省" + key[3:]
    elif key.startswith("省"):
        yield "山东省" + key[1:]
    for prefix in ("国家", "中华人民共和国", "中国", "国务院"):
        if key.startswith(prefix):
            yield key[len(prefix):]
        elif level != "provincial":
            yield prefix + key


def _unit(entry: dict) -> Unit:
    return Unit(
        name=entry["name"],
        aliases=tuple(entry.get("aliases", ())),
        english=entry.get("english", ""),
        level=entry.get("level", ""),
        kind=entry.get("kind", ""),
        former=tuple(entry.get("former", ())),
        functions=tuple(entry.get("functions", ())),
    )


@lru_cache(maxsize=1)
def default_directory() -> Directory:
    """The directory shipped with the package."""
    path = resources.files("ingest") / "data" / "units.toml"
    with resources.as_file(path) as real:
        return Directory.from_toml(real)
