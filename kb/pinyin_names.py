"""Proper nouns an English question writes in pinyin (Xiong'an, Badong, Mazongshan) back to
the Chinese the documents write (雄安, 巴东, 马鬃山).

No glossary holds the names of places, villages and projects. The titles and openings of
the current documents are read once per store generation as toneless pinyin (pypinyin),
one flat string with the character each syllable starts at; a word is found where it
spells whole syllables, so "badong" finds 巴东 but never the middle of two syllables.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

OPENING = 300  # characters of each document's text read beside its title
_RUN = re.compile(r"[\u4e00-\u9fff]+")
# a word that may be pinyin: letters only (an apostrophe between syllables: xi'an), and
# long enough not to be a chance syllable pair (an, bei)
_CANDIDATE = re.compile(r"\b[a-z]{4,}(?:['’][a-z]+)*\b")


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
