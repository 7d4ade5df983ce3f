"""Proper nouns an English question writes in pinyin (Xiong'an, Badong, Mazongshan) back to
the Chinese the documents write (雄安, 巴东, 马鬃山).

A capitalised name the titles and openings do not hold (a project or a place inside a
plan: Zhangyuan → 张园) is looked for in the index instead: the characters each syllable
may be (the GB 2312 characters, read by pypinyin) are joined one by one, keeping only the
pairs that are a character bigram of some clause, and a name is taken when one spelling
alone survives (or one is far more common than the rest).

No glossary holds the names of places, villages and projects. The titles and openings of
the current documents are read once per store generation as toneless pinyin (pypinyin),
one flat string with the character each syllable starts at; a word is found where it
spells whole syllables, so "badong" finds 巴东 but never the middle of two syllables.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.lazyre import lazy_compile

OPENING = 300  # characters of each document's text read beside its title
_RUN = lazy_compile(r"[\u4e00-\u9fff]+")
# a word that may be pinyin: letters only (an apostrophe between syllables: xi'an), and
# long enough not to be a chance syllable pair (an, bei)
_CANDIDATE = lazy_compile(r"\b[a-z]{4,}(?:['’][a-z]+)*\b")


@dataclass
class PinyinText:
    flat: str  # every syllable, no separators
    starts: list[int]  # flat offset where each character's syllable starts (sorted)
    chars: str  # the characters, in the same order

    @classmethod
    def of(cls, texts: list[str]) -> "PinyinText":
        from pypinyin import lazy_pinyin

        flat: list[str] = []
        starts: list[int] = []
        chars: list[str] = []
        at = 0
        for text in texts:
            for run in _RUN.findall(text):
                for char, syllable in zip(run, lazy_pinyin(run)):
                    starts.append(at)
                    chars.append(char)
                    flat.append(syllable)
                    at += len(syllable)
                starts.append(at)  # a run ends: no name spans two runs
                chars.append(" ")
                flat.append("|")
                at += 1
        return cls("".join(flat), starts, "".join(chars))

    def find(self, word: str) -> str | None:
        """The Chinese the pinyin ``word`` spells in whole syllables, most often written."""
        key = re.sub(r"['’]", "", word.lower())
        counts: dict[str, int] = {}
        pos = self.flat.find(key)
        while pos >= 0:
            first = bisect.bisect_left(self.starts, pos)
            last = bisect.bisect_left(self.starts, pos + len(key))
            if (first < len(self.starts) and self.starts[first] == pos
                    and last < len(self.starts) and self.starts[last] == pos + len(key)):
                chinese = self.chars[first:last]
                if " " not in chinese and len(chinese) >= 2:
                    counts[chinese] = counts.get(chinese, 0) + 1
            pos = self.flat.find(key, pos + 1)
        return max(counts, key=counts.get) if counts else None


def pinyin_text(kb) -> PinyinText:
    def build():
        headers = kb.current_headers()
        return PinyinText.of([" ".join(filter(None, (h.title, h.body_title, h.text[:OPENING])))
                              for h in headers.values()])

    return kb.per_generation("pinyin_text", build)


def proper_nouns(kb, english: str, skip=frozenset()) -> list[tuple[int, int, str]]:
    """(start, end, Chinese) of the words of ``english`` that spell, in pinyin, a name the
    documents write; ``skip`` holds words known as English."""
    out = []
    text = None
    for m in _CANDIDATE.finditer(english.lower()):
        if m.group(0) in skip:
            continue
        text = text or pinyin_text(kb)
        chinese = text.find(m.group(0))
        if chinese:
            out.append((m.start(), m.end(), chinese))
    return out


INDEX_SPELLINGS = 200  # spellings followed at once, syllable by syllable
DOMINANT = 3  # how much more common than the next a spelling must be to stand alone


@lru_cache(maxsize=1)
def gb2312_characters() -> str:
    """The common Chinese characters: GB 2312's level-1 and level-2 hanzi (rows 0xB0-0xF7,
    cells 0xA1-0xFE), 6,763 of them."""
    return bytes(b for row in range(0xB0, 0xF8) for cell in range(0xA1, 0xFF)
                 for b in (row, cell)).decode("gb2312", errors="ignore")


@lru_cache(maxsize=1)
def _characters() -> dict[str, str]:
    """Toneless syllable → the GB 2312 characters read so (zhang → 张章长…)."""
    from pypinyin import lazy_pinyin

    common = list(gb2312_characters())
    out: dict[str, str] = {}
    for char, syllable in zip(common, lazy_pinyin(common)):
        out[syllable] = out.get(syllable, "") + char
    return out


def _syllabified(word: str, at: int = 0) -> list[list[str]]:
    """Every way ``word`` (from ``at``) splits into pinyin syllables."""
    if at == len(word):
        return [[]]
    out = []
    for end in range(at + 1, min(len(word), at + 6) + 1):
        if word[at:end] in _characters():
            out += [[word[at:end]] + rest for rest in _syllabified(word, end)]
    return out


def index_name(kb, word: str) -> str | None:
    """The Chinese a capitalised pinyin ``word`` of two or three syllables spells in the
    clauses (Zhangyuan → 张园), found through the index's character bigrams."""
    key = re.sub(r"['’]", "", word.lower())
    found: dict[str, int] = {}
    for syllables in _syllabified(key):
        if not 2 <= len(syllables) <= 3:
            continue
        spellings = {char: 0 for char in _characters()[syllables[0]]}
        for syllable in syllables[1:]:
            pairs = [(spelling, char) for spelling in spellings for char in _characters()[syllable]]
            counts = kb.index.doc_freqs("grams", [spelling[-1] + char for spelling, char in pairs])
            spellings = {spelling + char: min(spellings[spelling], df) if spellings[spelling] else df
                         for (spelling, char), df in zip(pairs, counts) if df}
            if not spellings or len(spellings) > INDEX_SPELLINGS:
                spellings = {}
                break
        found.update(spellings)
    if not found:
        return None
    ranked = sorted(found.items(), key=lambda kv: -kv[1])
    if len(ranked) == 1 or ranked[0][1] >= DOMINANT * ranked[1][1]:
        return ranked[0][0]
    return None
