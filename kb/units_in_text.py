"""Units as people write them in questions: every directory name and alias, the same
without its 山东省/省 prefix (大数据局, 市场监管局), and "X部门" through the function
each unit has (科技部门 → 省科技厅 / 科技部, 财政部门 → 省财政厅 / 财政部).

A surface may name several units (发改委: the national and the provincial commission);
the caller narrows them by the documents in scope. Matching is a longest-first scan
over a dict of surfaces, so questions need no spaCy pipeline.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ingest import Directory, Unit
from ingest.lazyre import lazy_compile
from ingest.units import LEVELS_LISTED, is_vague

_PREFIX = lazy_compile(r"^(?:山东省|省|中华人民共和国|国家|国务院|中国)(?:地方)?")
_SUFFIX = lazy_compile(r"(?:委员会|办公厅|办公室|总局|总署|管理局|厅|部|局|委|办|署|院|行)$")
# which governments' bodies a function name means: 各级财政部门, 县级以上地方人民政府教育行政部门,
# 国务院教育行政部门
_LEVELS = lazy_compile(rf"^(?:{LEVELS_LISTED}(?:人民)?(?:政府)?|"  # 设区的市、县（市、区）人民政府
                     r"国务院|各级|地方各级|县级以上(?:地方)?(?:各级)?(?:人民)?(?:政府)?|各地|各省(?:、自治区、直辖市)?|"
                     r"县（市、区）(?:人民)?(?:政府)?|设区的市(?:人民)?(?:政府)?|"
                     r"省级(?:人民政府)?|市级|县级|(?:省|市|县)(?:人民)?政府|省|市|县)")
_FUNCTION_FORMS = ("部门", "系统", "主管部门", "行政部门", "行政主管部门", "机关", "口")
# the provincial-level divisions of the mainland
PROVINCES = ("北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏",
             "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西",
             "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆")
# provinces other than the directory's own: what they name is theirs
_PROVINCES = tuple(p for p in PROVINCES if p != "山东")
_OTHER_PLACE = lazy_compile(rf"(?:{'|'.join(_PROVINCES)})(?:省|市|自治区|壮族自治区|回族自治区|"
                          r"维吾尔自治区)?(?=省|市|[\u4e00-\u9fff])")


def in_order(name: str) -> re.Pattern:
    """``name``'s characters in order, anything between (职教: 职业教育)."""
    return re.compile(".*?".join(map(re.escape, name)))


# a name that opens with 各/有关/本… names some of a kind, not one body
_SOME_OF = lazy_compile(r"(?:各|有关|相关|其他|本)")
_ABBREVIATED = 6  # names at least this long may be abridged in questions (中储粮, 京津冀协同办)


@dataclass(frozen=True)
class Mention:
    surface: str
    start: int
    end: int
    units: tuple[Unit, ...]  # one, or several when the surface is ambiguous

    @property
    def ambiguous(self) -> bool:
        return len(self.units) > 1


class UnitLexicon:
    def __init__(self, directory: Directory, written: list[str] = (), classes: list[str] = ()):
        self.directory = directory
        names: dict[str, list[Unit]] = {}  # names, aliases and the same without 省/国家
        functions: dict[str, list[Unit]] = {}  # 科技部门, 财政系统 …
        for surface, unit in directory.surfaces():
            _put(names, surface, unit)
        # names the documents write, by their first character (for abbreviations)
        self._written: dict[str, list[str]] = {}
        self._full: dict[str, str] = {}  # a name, or it without 中国/国家, → the name
        spoken: dict[str, list[Unit]] = {}
        for name in written:  # a unit the documents name as written (信息产业部)
            if len(name) >= 3 and directory.resolve(name) is None:
                names[name] = [Unit(name)]
                for form in spoken_forms(name):
                    _put(spoken, form, Unit(name))
                if len(name) >= _ABBREVIATED and not _LEVELS.match(name) \
                        and not _SOME_OF.match(name):
                    for start in {name, _PREFIX.sub("", name)}:
                        self._written.setdefault(start[:1], []).append(start)
                        self._full[start] = name
        for surface, unit in directory.surfaces():
            bare = _PREFIX.sub("", surface)
            if len(bare) >= 3 and bare != surface:
                _put(names, bare, unit)  # 发改委: the national alias and 省发改委 alike
            stem = _SUFFIX.sub("", bare)
            # 政府部门 is any government department, not the 政府办公厅
            if len(stem) >= 2 and stem != bare and not stem.endswith("政府"):
                for form in _FUNCTION_FORMS:
                    _put(functions, stem + form, unit)
                if bare.endswith("管理局"):  # 工商行政管理局: 工商行政管理部门 too
                    _put(functions, bare[:-1] + "部门", unit)
        for unit in directory.units.values():  # the laws' own words (水行政主管部门)
            for stem in unit.functions:
                for form in _FUNCTION_FORMS:
                    _put(functions, stem + form, unit)
        self._functions = functions
        # classes of bodies the documents assign work to (各级地方人民政府), by their name and
        # as people say them (地方政府); never over a name of the directory's nor a form
        # that names a unit by its function (教育行政部门 is 教育部's)
        cores: dict[str, list[Unit]] = {}
        for name in classes:
            if len(name) < 4 or is_vague(name) or name in names or _LEVELS.sub("", name) in functions:
                continue
            names[name] = [Unit(name)]
            for form in spoken_forms(name):
                _put(spoken, form, Unit(name))
            core = class_core(name)
            if len(core) >= 3 and core != name and core not in functions:
                cores.setdefault(core, []).append(Unit(name))
        for form, units in spoken.items():  # never over a name written or the directory's
            if form not in functions:
                names.setdefault(form, units)
        for core, units in cores.items():
            if core in names and core in written:  # 地方政府 written as a unit too: either
                names[core] = names[core] + units
            else:
                names.setdefault(core, units)
        self.surfaces: dict[str, tuple[Unit, ...]] = {k: tuple(v) for k, v in functions.items()}
        # a name or alias is never overruled by a function form of another unit
        self.surfaces.update({k: tuple(v) for k, v in names.items()})
        # a question is read with its full-width forms folded (各省（区、市）人民政府 →
        # 各省(区、市)人民政府): a name with brackets is found so too
        for surface, units in list(self.surfaces.items()):
            folded = unicodedata.normalize("NFKC", surface)
            if folded != surface:
                self.surfaces.setdefault(folded, units)
        self.longest = max(len(k) for k in self.surfaces)

    def counterparts(self, unit: Unit) -> list[Unit]:
        """The same function at the other level: 国家体育总局 ↔ 山东省体育局 (one function
        form names both), 中国人民银行 ↔ 中国人民银行山东省分行 (a branch's name starts with
        its head office's)."""
        out: list[Unit] = []
        for units in self._functions.values():
            if unit in units and len(units) <= 3:
                out += [u for u in units if u != unit and u not in out]
        for other in self.directory.units.values():
            if other != unit and other not in out and other.level != unit.level and (
                    other.name.startswith(unit.name) or unit.name.startswith(other.name)):
                out.append(other)
        return out

    def function_names(self, unit: Unit, generic: list[str]) -> list[str]:
        """Of the names documents give bodies by function alone (``generic``), those that
        stand for ``unit``: 医疗保障部门 and 各级医疗保障部门 for 国家医疗保障局,
        人力资源社会保障行政部门 for 人力资源社会保障部 (at either level: the document
        says which government it means, the question says which unit)."""
        out = []
        for name in generic:
            units = self._functions.get(_LEVELS.sub("", name), ())
            # (another province's body stands for the functions of its counterpart)
            if (unit in units or unit.counterpart and any(
                    u.name == unit.counterpart for u in units)) and len(units) <= 3:
                out.append(name)
        return out

    def find(self, text: str) -> list[Mention]:
        """Unit mentions in ``text``, longest first, left to right, not overlapping. A
        unit of another province (湖北省国土资源厅, 重庆市地震局) is not the directory's
        unit of the same function: it is kept as written."""
        out: list[Mention] = []
        i = 0
        while i < len(text):
            place = _OTHER_PLACE.match(text, i)
            # 北京冬奥组委 is a unit's own name, place and all
            if place and not self._longest(text, i, shortest=place.end() - i + 2):
                j = place.end()
                size = self._longest(text, j)
                if size:
                    written = text[i:j + size]
                    out.append(Mention(written, i, j + size, (Unit(written),)))
                    i = j + size
                    continue
            size = self._longest(text, i)
            if size:
                out.append(Mention(text[i:i + size], i, i + size, self.surfaces[text[i:i + size]]))
                i += size
                continue
            size, name = next(((n, found) for n in (6, 5, 4, 3)
                               for found in [self._abbreviation(text[i:i + n])] if found),
                              (1, None))
            if name:
                out.append(Mention(text[i:i + size], i, i + size, (Unit(name),)))
            i += size
        return out

    def _abbreviation(self, short: str) -> str | None:
        """The one name the documents write (not in the directory) that ``short`` abridges:
        three to six characters in order, the first opening the name or the name without
        its 中国/国家 (中储粮: 中国储备粮管理总公司, 农发行: 中国农业发展银行), not a run of it."""
        if not re.fullmatch(r"[\u4e00-\u9fff]{3,6}", short):
            return None
        # three characters skip at once (中储粮, 国开行; 县级政 only cuts 县级人民政府
        # short); a longer one may keep a run and skip after it (京津冀协同办)
        pattern = in_order(short[1:])
        found = {self._full[start] for start in self._written.get(short[0], ())
                 if (len(short) > 3 or short[:2] != start[:2]) and short not in start
                 and len(start) >= len(short) + 2 and pattern.search(start, 1)}
        return found.pop() if len(found) == 1 else None

    def _longest(self, text: str, i: int, shortest: int = 2) -> int:
        """The length of the longest surface starting at ``i`` (at least ``shortest``), or 0."""
        return next((n for n in range(min(self.longest, len(text) - i), shortest - 1, -1)
                     if text[i:i + n] in self.surfaces), 0)


# 各级, 地方各级, 各 and 人民 in a class's name: 各级地方人民政府 is said 地方政府
_CLASS_SCOPE = lazy_compile(r"^(?:地方各级|各级|各)|人民(?=政府)")


# how people say a government the documents name in full: 省人民政府 → 省政府,
# 设区的市人民政府 → 地级市政府
# 燃气行政主管部门 → 燃气主管部门, 燃气部门
_SPOKEN = ((lazy_compile(r"人民(?=政府)"), ""), (lazy_compile(r"^设区的市"), "地级市"),
           (lazy_compile(r"行政(?=主管部门$)"), ""), (lazy_compile(r"(?<![行政])主管(?=部门$)"), ""))


def spoken_forms(name: str) -> list[str]:
    """The forms of a body's written name that people say instead (省政府 for 省人民政府,
    地级市人民政府 / 地级市政府 for 设区的市人民政府, 燃气主管部门 / 燃气部门 for
    燃气行政主管部门); none for other names."""
    if _SOME_OF.match(name) or is_vague(name):
        return []
    forms = [name]
    for pattern, said in _SPOKEN:
        forms += [pattern.sub(said, f) for f in forms if pattern.search(f)]
    # (a function's name is left before 部门: 主管部门 alone names no body)
    return [f for f in dict.fromkeys(forms[1:]) if len(f) >= 3 and not f.startswith(("主管", "行政"))]


def class_core(name: str) -> str:
    """A class of bodies as people say it: 各级地方人民政府 → 地方政府."""
    return _CLASS_SCOPE.sub("", name)


def _put(table: dict[str, list[Unit]], surface: str, unit: Unit) -> None:
    units = table.setdefault(surface, [])
    if unit not in units:
        units.append(unit)
