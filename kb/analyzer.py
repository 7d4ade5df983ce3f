"""The policy-domain analyzer: one module composes tokenizer, dictionary and filters.

jieba's segmentation (its dictionary, DAG and HMM) as implemented by jieba-rs through
``rjieba`` -- the same words as Python jieba, about twelve times faster -- with a user
dictionary built from the department directory and the policy-term list. Index-time
analysis keeps each word plus every dictionary word inside it (so 成果转化 and 产业集群
find 科技成果转化 and 优势产业集群); query-time analysis uses the precise cut. Tokens keep
their character offsets; highlighting works on the original text, longest match first,
so a query for 科技成果转化 marks exactly that span and not a shorter overlapping token.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import re
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from ingest import Directory
from ingest.lazyre import lazy_compile


def _jieba_class():
    """rjieba's ``Jieba`` class. Importing the ``rjieba`` package builds a default
    segmenter with jieba's dictionary at once (0.1 s, a sixth of a command-line
    question) that this module never uses: every segmenter here is its own. So the
    compiled extension inside the package is loaded alone, registered under its own
    name (a later ``import rjieba`` takes it from there); the package itself when its
    layout is not the expected one."""
    name = "rjieba.rjieba"
    if name not in sys.modules:
        try:
            package = importlib.util.find_spec("rjieba")  # found, not executed
            finder = importlib.machinery.FileFinder(
                package.submodule_search_locations[0],
                (importlib.machinery.ExtensionFileLoader,
                 importlib.machinery.EXTENSION_SUFFIXES))
            spec = finder.find_spec(name)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            sys.modules[name] = module
        except (ImportError, AttributeError, TypeError, IndexError):  # another layout
            import rjieba  # the package as it is

            return rjieba.Jieba
    return sys.modules[name].Jieba


Jieba = _jieba_class()

DATA = Path(__file__).resolve().parent / "data"

# Function words and question scaffolding: never worth a posting.
STOP_WORDS = frozenset(
    """的 了 和 与 及 或 等 在 对 为 以 由 是 将 把 被 从 向 于 并 其 之 也 而 就 都 又 要 可 各 该 本 这 那
    有 个 中 上 下 年 月 日 方面 有关 相关 进一步 加快 加强 推进 推动 支持 完善 提升 实施 开展 建立 健全
    the of and or to in on for a an by with is are what which who how""".split()
)
_PUNCT = lazy_compile(r"^[\W_]+$", re.UNICODE)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


class PolicyAnalyzer:
    """jieba tokens for the index and for queries, with a policy user dictionary."""

    def __init__(self, directory: Directory, terms: list[tuple[str, int]] | None = None):
        words: list[tuple[str, int]] = []
        for surface, _ in directory.surfaces():
            if len(surface) >= 2:
                words.append((surface, 50000))
        words += terms if terms is not None else load_terms()
        self._words = tuple(words)
        self._jieba: Jieba | None = None
        self._word_terms: dict[str, str] = {}  # index_terms of one word (space-joined)

    def _init(self) -> None:
        if self._jieba is None:
            self._jieba = _tokenizer(self._words)

    def tokens(self, text: str, mode: str = "search") -> list[Token]:
        """Tokens with offsets, punctuation and stop words removed, lowercased.

        "search" adds every dictionary word inside a longer word (jieba's own search
        mode adds only the 2- and 3-character ones, so 产业集群 inside 优势产业集群 would
        never be indexed); "default" is jieba's precise cut.
        """
        self._init()
        out = []
        has_word = self._jieba.has_word
        inner_words = mode == "search"
        for word, start, end in _split_ascii(self._jieba.tokenize(text, "default", True)):
            if inner_words and end - start > 2:
                for size in range(2, min(end - start, 12)):
                    for i in range(start, end - size + 1):
                        inner = text[i : i + size]
                        if has_word(inner) and _keep(inner):
                            out.append(Token(inner.lower(), i, i + size))
            word = word.strip().lower()
            if _keep(word):
                out.append(Token(word, start, end))
        return out

    def index_terms(self, text: str) -> str:
        """Space-joined tokens for the whitespace tokenizer of the index: the words of
        ``tokens(text, "search")`` without offsets, the words inside a longer word found
        by jieba's full mode over that word (in Rust) instead of trying every substring.
        A word's terms depend on the word alone, so each distinct word is worked out once
        per analyzer (a corpus repeats its vocabulary: most words are a dictionary hit)."""
        self._init()
        known = self._word_terms
        words = self._jieba.cut(text, True)
        found = list(map(known.get, words))  # the known words without a Python loop
        if None in found:
            for k, terms in enumerate(found):
                if terms is None:
                    word = words[k]
                    terms = known.get(word)
                    if terms is None:
                        terms = " ".join(self._terms_of(word))
                        if len(known) < _WORD_CACHE:
                            known[word] = terms
                    found[k] = terms
        return " ".join(filter(None, found))  # (a word without terms adds no space)

    def _terms_of(self, word: str) -> tuple[str, ...]:
        jieba = self._jieba
        out = []
        for piece, _, _ in _split_ascii(((word, 0, len(word)),)):
            size = len(piece)
            if size > 2:
                limit = min(size, 12)
                for inner in jieba.cut_all(piece):
                    if 1 < len(inner) < limit and jieba.has_word(inner) and _keep(inner):
                        out.append(inner.lower())
            piece = piece.strip().lower()
            if _keep(piece):
                out.append(piece)
        return tuple(out)

    def query_terms(self, text: str) -> list[str]:
        seen: list[str] = []
        for token in self.tokens(text, mode="default"):
            if token.text not in seen:
                seen.append(token.text)
        return seen

    def is_noun(self, word: str) -> bool:
        """Whether the segmenter reads ``word`` whole as a common noun (电梯, 公墓), not as
        a verb, a name or pieces (开号 → 开 号)."""
        self._init()
        return self._jieba.has_word(word) and self._jieba.tag(word) in (
            [(word, "n")], [(word, "nz")], [(word, "vn")])

    def frequency(self, word: str) -> int:
        """How often general Chinese uses ``word``: jieba's own dictionary frequency (its
        suggest_freq gives it for a dictionary word; the policy terms and unit names this
        analyzer adds carry made-up ones), 0 for a word it lacks: 管理 27191, 销售 6079,
        体育赛事 4."""
        general = _tokenizer(())
        return general.suggest_freq(word) if general.has_word(word) else 0

    def has_word(self, word: str) -> bool:
        """Whether the segmenter's dictionary (jieba's, with the policy terms and unit
        names) holds ``word``."""
        self._init()
        return self._jieba.has_word(word)

    def words(self, text: str) -> list[str]:
        """jieba's precise cut of ``text``, every piece kept (no filtering)."""
        self._init()
        return self._jieba.cut(text, True)

    def warm_up(self) -> None:
        self._init()


_WORD_CACHE = 200_000  # distinct words remembered per analyzer (about 25 MB at most)
_TOKENIZERS: dict[tuple, Jieba] = {}
_TOKENIZERS_LOCK = threading.Lock()


def _tokenizer(words: tuple[tuple[str, int], ...]) -> Jieba:
    """A dedicated segmenter per user dictionary, shared in-process (read-only once
    built; building one with jieba's dictionary costs about 0.1 s)."""
    with _TOKENIZERS_LOCK:
        tokenizer = _TOKENIZERS.get(words)
        if tokenizer is None:
            tokenizer = Jieba()
            for word, freq in words:
                tokenizer.add_word(word, freq, None)
            _TOKENIZERS[words] = tokenizer
        return tokenizer


_ASCII_PIECE = lazy_compile(r"[a-zA-Z0-9]+(?:\.\d+)?%?|.")  # Python jieba's cut of a run


def _split_ascii(tokens):
    """jieba-rs keeps 2023-2025 and www.gov.cn whole; Python jieba, which wrote the
    tokens of existing knowledge bases, cuts them at the punctuation (but keeps 7.3 and
    84%). Cut them the same way, so that 2024 finds 2024-2026 and old stores keep
    matching."""
    for word, start, end in tokens:
        if len(word) > 1 and word.isascii() and not word.isalnum():
            for piece in _ASCII_PIECE.finditer(word):
                yield piece.group(), start + piece.start(), start + piece.end()
        else:
            yield word, start, end


def _keep(word: str) -> bool:
    return bool(word) and word not in STOP_WORDS and not _PUNCT.match(word)


def load_terms(path: Path | None = None) -> list[tuple[str, int]]:
    """The policy-term list: ``term`` or ``term freq`` per line, # comments."""
    path = path or DATA / "policy_terms.txt"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 20000
        out.append((parts[0], freq))
    return out


def highlight_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping spans of ``terms`` in ``text``, longest terms first."""
    taken: list[tuple[int, int]] = []
    for term in sorted({t for t in terms if t}, key=lambda t: (-len(t), t)):  # same in every process
        pattern = re.compile(re.escape(term), re.IGNORECASE)
        for match in pattern.finditer(text):
            s, e = match.span()
            if all(e <= a or s >= b for a, b in taken):
                taken.append((s, e))
    return sorted(taken)
