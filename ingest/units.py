"""The department directory: canonical names, aliases, English names, level.

The data lives in ``data/units.toml`` (one ``[[unit]]`` table each). ``resolve`` maps a
surface form as written in a note (省科技厅, 发展改革委, 农业部) to its unit; ``find``
locates every directory unit mentioned in free text with a spaCy PhraseMatcher over a
blank ``zh`` pipeline (character tokens, no model download).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from .lazyre import lazy_compile


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
    # another province's body: the directory unit it is the counterpart of (山东省财政厅
    # for 河南省财政厅), whose functions it has
    counterpart: str = ""

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

_GENERIC_TAIL = lazy_compile(r"(?:有关|相关)(?:部门|单位|方面|机构)?$")
_GENERIC_HEAD = lazy_compile(r"^(?:当地|属地|各级|省直|县级以上|设区的市)")


@lru_cache(maxsize=16384)  # every note and sentence asks of the same few names
def is_generic(surface: str) -> bool:
    """省有关部门, 各市政府, 等有关部门, 各省级人民政府 … name no single unit."""
    if surface.startswith("各") or surface.startswith("等"):
        return True
    if _GENERIC_TAIL.search(surface):
        return True
    return bool(_GENERIC_HEAD.match(surface))


_VAGUE = lazy_compile(r"(?:有关|相关|其他|等)(?:部门|单位|方面|机构)?$|^(?:有关|相关)")


def is_vague(surface: str) -> bool:
    """有关部门, 相关单位, 其他方面 … name no body at all (各省级人民政府 and 自然资源部门,
    generic too, name a class of bodies, and so does 国务院有关部门: the State Council's
    departments concerned)."""
    return bool(_VAGUE.search(surface)) and not is_national_class(surface)


def is_national_class(surface: str) -> bool:
    """国务院有关部门, 中央和国家机关各有关部门: the State Council's departments concerned."""
    return _NATIONAL_CLASS.match(surface) is not None


_NATIONAL_CLASS = lazy_compile(r"^(?:国务院|国家|中央和国家机关|中央国家机关)(?:各)?有关部门$")


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
        if level == "local" and not _NATIONAL_FORM.search(key):
            # 由财政部门配合发改委…, in a county's measures: the county's own commission, not
            # the national one whose short form it shares (财政部, 国家发改委 stay national)
            unit = self._resolve(surface, None)
            return None if unit is not None and unit.level == "national" else unit
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
_SPACE = lazy_compile(r"[\s\u3000]")


def _key(surface: str) -> str:
    return _SPACE.sub("", surface)


# a name that says it is the State's: its prefix, or a ministry's or a general
# administration's suffix
_NATIONAL_FORM = lazy_compile(r"^(?:国家|国务院|中国|中华人民共和国|中央)|(?:部|总局|总署)$")


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


# ------------------------------------------------ another province's bodies
# The directory holds the national bodies and Shandong's. A document of another province
# means its own province by 省财政厅 or a bare 工业和信息化厅: those are named after that
# province (河南省财政厅), with the role and structure of Shandong's counterpart, and are
# not directory units.

# the provincial-level divisions of the mainland, by the name documents open with
PROVINCES = {
    "北京": "北京市", "天津": "天津市", "河北": "河北省", "山西": "山西省", "内蒙古": "内蒙古自治区",
    "辽宁": "辽宁省", "吉林": "吉林省", "黑龙江": "黑龙江省", "上海": "上海市", "江苏": "江苏省",
    "浙江": "浙江省", "安徽": "安徽省", "福建": "福建省", "江西": "江西省", "山东": "山东省",
    "河南": "河南省", "湖北": "湖北省", "湖南": "湖南省", "广东": "广东省", "广西": "广西壮族自治区",
    "海南": "海南省", "重庆": "重庆市", "四川": "四川省", "贵州": "贵州省", "云南": "云南省",
    "西藏": "西藏自治区", "陕西": "陕西省", "甘肃": "甘肃省", "青海": "青海省", "宁夏": "宁夏回族自治区",
    "新疆": "新疆维吾尔自治区",
}
HOME_PROVINCE = "山东省"  # the directory's own
# a 文号's first character for a province (those shared with a city are left out: 青 is
# also 青岛's, 宁 南京's, 吉 吉安's, 新 and 云 open other words)
_NUMBER_PREFIX = {
    "京": "北京", "津": "天津", "冀": "河北", "晋": "山西", "蒙": "内蒙古", "辽": "辽宁", "黑": "黑龙江",
    "沪": "上海", "苏": "江苏", "浙": "浙江", "皖": "安徽", "闽": "福建", "赣": "江西", "鲁": "山东",
    "豫": "河南", "鄂": "湖北", "湘": "湖南", "粤": "广东", "桂": "广西", "琼": "海南", "渝": "重庆",
    "川": "四川", "黔": "贵州", "滇": "云南", "藏": "西藏", "陕": "陕西", "甘": "甘肃",
}
_PROVINCE_NAMED = lazy_compile(
    "(?:" + "|".join(sorted(PROVINCES, key=len, reverse=True)) + ")(?=省|市|自治区|壮族|回族|维吾尔)")


def document_province(issuer: str | None, number: str | None, title: str | None) -> str | None:
    """The province whose document this is, when it is not the directory's own: named
    first in its issuer or title (河南省推动…方案, 关于印发《辽宁省…》的通知), else by its
    文号 (豫工信联规〔2024〕105号). None for national documents and Shandong's."""
    if (number or "").startswith(("国", "中")) or (title or "").startswith(
            ("国务院", "中共中央", "国家", "中华人民共和国")) or (issuer or "").startswith(
            ("国务院", "中共中央")):
        return None  # (国务院办公厅关于支持河南省…: the State Council's)
    for text in (title, issuer):  # (the title first: a joint notice's issuer may be its last signer)
        found = _PROVINCE_NAMED.search(text or "")
        if found:
            name = PROVINCES[found.group(0)]
            return None if name == HOME_PROVINCE else name
    if number and number[:1] in _NUMBER_PREFIX:
        name = PROVINCES[_NUMBER_PREFIX[number[:1]]]
        return None if name == HOME_PROVINCE else name
    return None


def localised(unit: Unit, province: str | None) -> Unit:
    """``unit`` as a document of ``province`` means it: Shandong's body becomes that
    province's counterpart (山东省财政厅 → 河南省财政厅); a national one stays."""
    if not province or province == HOME_PROVINCE or unit.level != "provincial":
        return unit
    name = unit.name
    if name.startswith(HOME_PROVINCE):
        name = province + name[len(HOME_PROVINCE):]
    elif HOME_PROVINCE in name:  # 中共山东省委金融委员会办公室 → 中共河南省委…
        name = name.replace(HOME_PROVINCE, province, 1)
    else:
        name = province + name
    english = unit.english.replace("Shandong Province", ENGLISH_PROVINCES[province]) \
        if "Shandong Province" in unit.english else ""
    return Unit(name=name, english=english, level=unit.level, kind=unit.kind,
                functions=unit.functions, counterpart=unit.name)


ENGLISH_PROVINCES = {
    "北京市": "Beijing Municipality", "天津市": "Tianjin Municipality", "河北省": "Hebei Province",
    "山西省": "Shanxi Province", "内蒙古自治区": "Inner Mongolia Autonomous Region",
    "辽宁省": "Liaoning Province", "吉林省": "Jilin Province", "黑龙江省": "Heilongjiang Province",
    "上海市": "Shanghai Municipality", "江苏省": "Jiangsu Province", "浙江省": "Zhejiang Province",
    "安徽省": "Anhui Province", "福建省": "Fujian Province", "江西省": "Jiangxi Province",
    "山东省": "Shandong Province", "河南省": "Henan Province", "湖北省": "Hubei Province",
    "湖南省": "Hunan Province", "广东省": "Guangdong Province",
    "广西壮族自治区": "Guangxi Zhuang Autonomous Region", "海南省": "Hainan Province",
    "重庆市": "Chongqing Municipality", "四川省": "Sichuan Province", "贵州省": "Guizhou Province",
    "云南省": "Yunnan Province", "西藏自治区": "Tibet Autonomous Region", "陕西省": "Shaanxi Province",
    "甘肃省": "Gansu Province", "青海省": "Qinghai Province",
    "宁夏回族自治区": "Ningxia Hui Autonomous Region",
    "新疆维吾尔自治区": "Xinjiang Uygur Autonomous Region",
}


_NOT_BARE = lazy_compile(r"国家|国务院|中华人民共和国|中国|中央|省|市|县")


def resolve_in(directory: Directory, surface: str, province: str,
               unit: Unit | None = None) -> tuple[Unit | None, bool]:
    """The unit ``surface`` names in a document of ``province`` (another than the
    directory's own), and whether the directory knows it. ``unit``: what the directory
    resolved the surface to, when already looked up."""
    if unit is None:
        unit = directory.resolve(surface, "provincial")
    if (unit is None or unit.level == "national") and not _NOT_BARE.match(surface):
        # 省工业和信息化厅、发展改革委等: a bare name in a province's document is the
        # province's body where there is one (财政部 has none)
        unit = directory.resolve("省" + surface, "provincial") or unit
    if unit is None:
        return None, False
    here = localised(unit, province)
    return here, here is unit
