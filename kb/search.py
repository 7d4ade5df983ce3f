"""Plain full-text search: analyse, expand through the thesaurus, search the index,
fetch the clauses from the store, mark the matched words on the original text."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ingest import Clause, Document
from ingest.lazyre import lazy_compile

from .analyzer import highlight_spans
from .index import SearchQuery
from .lexicon import default_thesaurus
from .store import clause_json
from .units_in_text import PROVINCES

EXPANSION_WEIGHT = 0.6
SUBWORD_WEIGHT = 0.3
RERANK_DEPTH = 5  # candidates fetched per result wanted, for the coverage rerank
PHRASE_BONUS = 0.5
BM25_SHARE = 0.3  # how much BM25 adds to coverage when ranking
STOP_WEIGHT = 0.15  # a policy stop word's share of its IDF
UNSEEN_SHARE = 2.0  # an unseen word weighs at most this times the rarest seen word


@dataclass
class Concept:
    """One thing asked for: the word as asked, then its synonyms; weighted by IDF."""

    forms: tuple[str, ...]
    weight: float = 1.0
    stop: bool = False
    unseen: bool = False  # no clause holds it
    foreign: bool = False  # nor any two characters of it together (网约车): a topic not here
    word: bool = False  # in no clause, yet a word of the dictionary (电梯, 殡葬, 预制): not a slip
    glued: bool = False  # a rare character jieba left alone, with the word after it (融媒体)
    # the Chinese of an English compound (electric bicycles → 电动自行车): a term, never a slip
    compound: bool = False


def _word_list(name: str) -> frozenset[str]:
    """A word per line from kb/data, # comments skipped."""
    path = Path(__file__).resolve().parent / "data" / name
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def phrasing_words() -> frozenset[str]:
    """Everyday verbs, adverbs, pronouns, time words… (jieba's dictionary, by
    tools/build_phrasing_words.py). One of these that no clause holds (改成, 以后, 多久)
    is how the question is asked, so it counts as a stop word; an unseen noun or a word
    jieba does not know (低空经济, 公积金, 托育) still says the topic is absent."""
    return _word_list("phrasing_words.txt")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    return _word_list("stopwords.txt")


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Pronouns, adverbs, time words, particles… (我们, 各自, 目前, 不少): never the topic,
    so damped like stop words even where clauses hold them (tools/build_phrasing_words.py)."""
    return _word_list("function_words.txt")


def cjk_bigrams(text: str) -> list[str]:
    out: list[str] = []
    for run in re.findall(r"[\u4e00-\u9fff]{2,}", text):
        for i in range(len(run) - 1):
            gram = run[i : i + 2]
            if gram not in out:
                out.append(gram)
    return out


@dataclass(frozen=True)
class Hit:
    clause: Clause
    document: Document
    score: float
    highlights: tuple[tuple[int, int], ...] = ()
    coverage: float = 1.0  # share of the concepts asked for that the clause holds

    def to_dict(self) -> dict:
        row = clause_json(self.clause, self.document)
        row["score"] = round(self.score, 4)
        row["highlights"] = [list(span) for span in self.highlights]
        return row


@dataclass
class Terms:
    """A query after analysis: weighted index terms and the surface words to highlight."""

    weighted: list[tuple[str, float]] = field(default_factory=list)
    surface: list[str] = field(default_factory=list)
    main: list[str] = field(default_factory=list)  # the words asked for, for coverage
    concepts: list[Concept] = field(default_factory=list)
    grams: list[tuple[str, float]] = field(default_factory=list)
    read_as: dict[str, str] = field(default_factory=dict)  # a slip → the word read (废勿 → 废物)
    # Chinese an English question wrote itself (… childcare (托育)) that no clause holds
    absent_written: list[str] = field(default_factory=list)

    def add_concept(self, forms: list[str]) -> None:
        forms = [f for f in dict.fromkeys(forms) if f]
        if not forms:
            return
        for concept in self.concepts:  # a word already inside a broader concept
            if forms[0] in concept.forms or any(forms[0] in f for f in concept.forms[:1]):
                return
        self.concepts.append(Concept(tuple(forms)))

    def add(self, term: str, weight: float) -> None:
        for i, (existing, w) in enumerate(self.weighted):
            if existing == term:
                self.weighted[i] = (term, max(w, weight))
                return
        self.weighted.append((term, weight))


def analyse(kb, text: str, weighed: bool = True) -> Terms:
    """Terms of ``text``; ``weighed=False`` leaves the concepts' IDF weights to a caller
    that merges several analyses and weighs them once."""
    terms = Terms()
    thesaurus = default_thesaurus()
    phrases = thesaurus.terms_in(text)
    for phrase in phrases:  # a synonym group is one concept: 高新区 ≈ 高新技术产业开发区
        terms.add_concept([phrase] + thesaurus.expand(phrase))
    words = kb.analyzer.query_terms(text)
    for i, term in enumerate(words):
        terms.add(term, 1.0)
        terms.surface.append(term)
        terms.main.append(term)
        glued = _cut_off(kb, term, words[i + 1] if i + 1 < len(words) else "", text)
        if glued:
            terms.add_concept([glued])
            terms.concepts[-1].glued = terms.concepts[-1].forms[0] == glued
        elif not any(term in p for p in phrases) and (len(term) >= 2 or not _cjk(term)):
            terms.add_concept([term])
    for token in kb.analyzer.tokens(text, mode="search"):
        terms.add(token.text, SUBWORD_WEIGHT)
    for phrase in phrases:
        for synonym in thesaurus.expand(phrase):
            terms.surface.append(synonym)
            pieces = kb.analyzer.query_terms(synonym)
            # A synonym that is one word counts nearly as much as the word asked for; one
            # that falls apart into common words (赛事活动 -> 赛事, 活动) counts little.
            weight = EXPANSION_WEIGHT if len(pieces) == 1 else SUBWORD_WEIGHT
            for term in pieces:
                terms.add(term, weight)
    if weighed:
        weigh(kb, terms)
    return terms


GLUED_RARE = 2000  # jieba's count of a single character used as a word of its own


def _cut_off(kb, char: str, after: str, text: str) -> str:
    """县级融媒体中心: a character jieba cut off (融) that is no everyday word of its own,
    glued to the word after it, when no clause ever writes the two characters together:
    the new word they make (融媒体) is what is asked, and in no clause."""
    if len(char) != 1 or not _cjk(char) or not after or not _cjk(after[0]) \
            or char + after not in text or kb.analyzer.frequency(char) >= GLUED_RARE:
        return ""
    return "" if kb.index.doc_freq("grams", char + after[0]) else char + after


def _cjk(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text))


def weigh(kb, terms: Terms) -> None:
    """IDF weights for the concepts (the rarest form counts), stop words damped, and the
    CJK bigrams of each concept's words for recall when segmentation differs."""
    total = max(kb.index.num_docs(), 1)
    stop = stop_words()
    grams: dict[str, float] = {}
    unseen = math.log(1 + (total + 0.5) / 0.5)
    for concept in terms.concepts:
        seen_part = _seen_part(kb, concept.forms)
        slip = () if seen_part else _mistyped(kb, concept.forms)
        for part in seen_part or slip:
            concept.forms += (part,)
            terms.add(part.lower(), EXPANSION_WEIGHT)
        if slip:
            terms.read_as[concept.forms[0]] = slip[0]
        # Any form covers the concept, so it is as common as its commonest form.
        idfs = []
        for form in concept.forms:
            df = form_doc_freq(kb, form)
            if df == 0 and not _cjk(form):
                continue  # an English word the glossary did not translate says nothing here
            idfs.append(math.log(1 + (total - df + 0.5) / (df + 0.5)))
        best = min(idfs, default=0.0)
        concept.stop = concept.forms[0] in stop or concept.forms[0] in function_words() \
            or bool(_PROVINCE.fullmatch(concept.forms[0]))
        concept.weight = best * (STOP_WEIGHT if concept.stop else 1.0)
        concept.unseen = bool(idfs) and best >= unseen - 1e-9  # in no clause at all
        word = concept.forms[0]
        concept.foreign = concept.unseen and len(word) >= 3 and _cjk(word) and (
            concept.glued or not any(kb.index.doc_freq("grams", g) for g in cjk_bigrams(word)))
        # (not a word glued onto another word asked for: 补冷链 beside 冷链)
        # (a verb too: 预制菜 asks about 预制, which no clause holds; the everyday verbs that
        # only say how a question is asked are stop words by now)
        concept.word = concept.unseen and len(word) >= 2 and (concept.compound or bool(
            re.fullmatch(r"[\u4e00-\u9fff]+", word)) and kb.analyzer.has_word(word) and not any(
            other is not concept and other.forms[0] in word for other in terms.concepts))
    # A word no clause holds still says the topic is absent, but it counts no more than
    # the rarest word that is there: one colloquial word must not sink a paraphrase.
    # (an English word the glossary did not translate weighs nothing, and caps nothing)
    seen = [c.weight for c in terms.concepts if not c.unseen and not c.stop and c.weight > 0]
    cap = max(seen, default=0.0) * UNSEEN_SHARE if seen else None
    for concept in terms.concepts:
        if concept.unseen and cap is not None:
            concept.weight = min(concept.weight, cap)
            # (别搞, 不让: a negated verb no dictionary lists is how it is asked)
            if concept.forms[0] in phrasing_words() or _NEGATED_VERB.fullmatch(concept.forms[0]):
                concept.stop = True
                concept.weight *= STOP_WEIGHT
        for gram in cjk_bigrams(concept.forms[0]):
            grams[gram] = max(grams.get(gram, 0.0), 0.2 if concept.stop else 1.0)
    terms.grams = list(grams.items())


# A province asked about (山东, 广东省) says where, not what: documents name it in their
# title and issuer, rarely in the clause that answers.
_PROVINCE = lazy_compile(rf"(?:{'|'.join(PROVINCES)})(?:省|市|自治区)?")


_NEGATED_VERB = lazy_compile(r"[别不没勿莫][\u4e00-\u9fff]")


def form_doc_freq(kb, form: str) -> int:
    """Clauses holding ``form``: as an index word, else (a CJK phrase the segmenter
    splits) as many as hold its rarest character bigram."""
    df = kb.index.doc_freq("body", form.lower())
    if df == 0 and _cjk(form) and len(form) >= 2:
        df = min((kb.index.doc_freq("grams", g) for g in cjk_bigrams(form)), default=0)
    return df


SEEN_PART = 2 / 3  # share of an unseen word's characters a known word inside it must hold


def _seen_part(kb, forms: tuple[str, ...]) -> tuple[str, ...]:
    """For a word no clause holds that is a word clauses do with a locative or particle
    glued on by the segmenter (微博上 → 微博, 文件里 → 文件), that word as another form."""
    word = forms[0]
    if len(word) < 3 or not _cjk(word) or len(forms) > 1 or kb.index.doc_freq("body", word):
        return ()
    for size in range(len(word) - 1, max(2, math.ceil(len(word) * SEEN_PART)) - 1, -1):
        found = tuple(word[i: i + size] for i in range(len(word) - size + 1)
                      if _glued(word[:i]) and _glued(word[i + size:])
                      and kb.index.doc_freq("body", word[i: i + size]))
        if found:
            return found
    return ()


def _mistyped(kb, forms: tuple[str, ...]) -> tuple[str, ...]:
    """For a word no clause holds and no dictionary knows (该革, 废勿): the word the
    clauses write with one character swapped for one that sounds the same (改革, 废物),
    the slip of a pinyin input method. A real word (小区, 宠物) is never read as a slip."""
    word = forms[0]
    if not 2 <= len(word) <= 4 or len(forms) > 1 or not re.fullmatch(r"[\u4e00-\u9fff]+", word):
        return ()
    if kb.index.doc_freq("body", word) or kb.analyzer.has_word(word):
        return ()
    best, best_df = "", 0
    sounds = _homophones()
    for k, char in enumerate(word):
        for other in sounds.get(char, ()):
            candidate = word[:k] + other + word[k + 1:]
            if not kb.analyzer.has_word(candidate):  # (in memory: before the index)
                continue
            df = kb.index.doc_freq("body", candidate)
            if df > best_df:
                best, best_df = candidate, df
    return (best,) if best else ()


@lru_cache(maxsize=1)
def _homophones() -> dict[str, tuple[str, ...]]:
    """Common characters (GB 2312) by what they sound like, tones aside: 该 → 改, 盖, 概…"""
    from pypinyin.pinyin_dict import pinyin_dict

    from .pinyin_names import gb2312_characters

    by_sound: dict[str, set[str]] = {}
    readings: dict[str, set[str]] = {}
    for char in gb2312_characters():
        for reading in pinyin_dict.get(ord(char), "").split(","):
            sound = "".join(c for c in unicodedata.normalize("NFD", reading)
                            if not unicodedata.combining(c))
            by_sound.setdefault(sound, set()).add(char)
            readings.setdefault(char, set()).add(sound)
    return {char: tuple(sorted({o for s in sounds for o in by_sound[s]} - {char}))
            for char, sounds in readings.items()}


_GLUE_CHARS = frozenset("上里中内下的了们等时后前外边方面类")


def _glued(piece: str) -> bool:
    """Whether ``piece`` only glues onto a word (a locative, a particle, 方面), so the
    word without it means the same: 微博上 is 微博, but 购置税 is not 购置."""
    return all(c in _GLUE_CHARS for c in piece)


TITLE_SHARE = 0.5  # a concept held by the document's title only
PARTIAL = 0.6  # share of a longer word's bigrams a clause must hold for partial credit


def covered(concept: Concept, text: str) -> float:
    """1 when the clause holds a form of the concept; for a word of three or more
    characters, the share of its bigrams the clause holds when that is most of them
    (引才育才 in 柔性引才…育才, a typo 科技成果转换 against 科技成果转化); else 0."""
    lowered = text.lower()
    for form in concept.forms:
        if form.lower() in lowered:
            return 1.0
    best = 0.0
    for form in concept.forms:
        grams = cjk_bigrams(form.lower())
        if len(grams) >= 2:
            share = sum(1 for g in grams if g in lowered) / len(grams)
            if share >= PARTIAL:
                best = max(best, share * 0.9)
    return best


def coverage(terms: Terms, text: str, title: str = "") -> float:
    """The IDF-weighted share of the concepts asked for that ``text`` holds; a concept
    only the document's ``title`` holds counts ``TITLE_SHARE`` (水利部在四川省所提问题的
    办理中…: the question names the document by what it is about)."""
    total = sum(c.weight for c in terms.concepts)
    if not total:
        return 1.0  # nothing distinctive was asked for: coverage does not rank
    held = 0.0
    for c in terms.concepts:
        share = covered(c, text)
        if share < 1.0 and title:
            share = max(share, TITLE_SHARE * covered(c, title))
        held += c.weight * share
    return held / total


def fetch_hits(kb, ranked: list[tuple[str, float]], highlight: list[str]) -> list[Hit]:
    """Clauses for ranked ids, best first; ids the store no longer has are dropped."""
    clauses = {c.clause_id: c for c in kb.store.clauses(clause_ids=[cid for cid, _ in ranked])}
    docs = kb.store.document_headers(sorted({c.doc_id for c in clauses.values()}))
    hits = []
    for cid, score in ranked:
        clause = clauses.get(cid)
        if clause is None:
            continue
        spans = tuple(highlight_spans(clause.text, highlight)) if highlight else ()
        hits.append(Hit(clause, docs[clause.doc_id], score, spans))
    return hits


def search(kb, text: str, limit: int = 10, doc_ids: tuple[str, ...] = (),
           unit: str | tuple[str, ...] | None = None,
           role: str | None = None, year: int | None = None, has_target: bool = False,
           terms: Terms | None = None) -> list[Hit]:
    kb.refresh()
    terms = terms or analyse(kb, text)
    query = SearchQuery(terms=tuple(terms.weighted), grams=tuple(terms.grams),
                        doc_ids=tuple(doc_ids), unit=unit, role=role, year=year,
                        has_target=has_target)
    depth = max(limit * RERANK_DEPTH, 30)
    ranked = kb.index.search(query, limit=depth)
    rare = _rare_terms(kb, terms)
    if rare:
        # BM25 over many words can push a long clause holding the rarest word asked for
        # below the cut; those clauses are candidates for the coverage rerank too.
        held = {cid for cid, _ in ranked}
        extra = kb.index.search(replace(query, terms=rare, grams=()), limit=depth // 2)
        ranked += [(cid, score) for cid, score in extra if cid not in held]
    hits = fetch_hits(kb, ranked, terms.surface)
    return rerank(hits, text, terms, document_coverage(kb, hits, terms))[:limit]


DOCUMENT_FLOOR = 0.7  # a clause's score kept whatever its document holds of the question
_DOCUMENT_TEXTS: dict[str, str] = {}  # doc_id (a hash of the text) -> its text, lowercased
_DOCUMENT_TEXTS_KEPT = 512


def document_coverage(kb, hits: list[Hit], terms: Terms) -> dict[str, float]:
    """For each document among ``hits``, the IDF-weighted share of the concepts asked
    for that it holds anywhere (its title included). A question is mostly about one
    document: 机动车尾气污染防治，统一监管归谁 asks the exhaust regulation, whose clauses
    hold 机动车 and 污染防治, not a plan whose clause on 统一市场 and 监管 happens to
    match more of the question's common words."""
    if not terms.concepts:
        return {}
    ids = list(dict.fromkeys(h.clause.doc_id for h in hits))
    if len(ids) < 2:
        return {}
    texts = document_texts(kb, ids)
    titles = {h.clause.doc_id: h.document.title for h in hits}
    return {d: coverage(terms, texts.get(d, ""), titles[d]) for d in ids}


def document_texts(kb, doc_ids: list[str]) -> dict[str, str]:
    """The documents' full texts, lowercased, kept across questions (a doc_id is its
    text's hash, so a kept text never goes stale)."""
    missing = [d for d in doc_ids if d not in _DOCUMENT_TEXTS]
    if missing:
        if len(_DOCUMENT_TEXTS) + len(missing) > _DOCUMENT_TEXTS_KEPT:
            _DOCUMENT_TEXTS.clear()
        for doc_id, text in kb.store.document_texts(missing).items():
            _DOCUMENT_TEXTS[doc_id] = text.lower()
    return {d: _DOCUMENT_TEXTS[d] for d in doc_ids if d in _DOCUMENT_TEXTS}


RARE_CONCEPTS = 2  # the most distinctive concepts asked for, searched on their own


def _rare_terms(kb, terms: Terms) -> tuple[tuple[str, float], ...]:
    """Index words of the most distinctive concepts of the question (seen, not stop words)."""
    concepts = sorted((c for c in terms.concepts if not c.stop and not c.unseen and c.weight),
                      key=lambda c: -c.weight)[:RARE_CONCEPTS]
    if len(terms.concepts) <= RARE_CONCEPTS:
        return ()  # the main query already is these words
    return tuple((f.lower(), 1.0) for c in concepts for f in c.forms
                 if kb.index.doc_freq("body", f.lower()))


def clause_words(clause: Clause) -> str:
    """What a clause says about its topic: its headings and its text."""
    return " ".join((*clause.section, clause.heading, clause.text))


def rerank(hits: list[Hit], text: str, terms: Terms,
           documents: dict[str, float] | None = None) -> list[Hit]:
    """Rank by coverage of the distinctive words asked for, then by BM25.

    BM25 sums term scores, so a clause repeating common words (发挥, 作用, 支持) can
    outscore the one clause holding the rare word asked for (千亿). The score is the
    IDF-weighted share of concepts the clause holds (a synonym covers its concept),
    plus a little BM25 to order clauses that cover as much, plus a bonus when the clause
    holds the whole query as written; ``documents`` (doc_id -> the share of the question
    its document holds) weighs the clauses of a document about the question above
    strays. ``Hit.coverage`` keeps the clause's own share for the caller.
    """
    documents = documents or {}
    phrase = "".join(text.split())
    top = max((h.score for h in hits), default=0.0) or 1.0
    out = []
    for hit in hits:
        share = coverage(terms, clause_words(hit.clause), hit.document.title) \
            if terms.concepts else 1.0
        score = share * (1 + BM25_SHARE * hit.score / top)
        if len(phrase) >= 3 and phrase in hit.clause.text:
            score *= 1 + PHRASE_BONUS
        if hit.clause.doc_id in documents:
            score *= DOCUMENT_FLOOR + (1 - DOCUMENT_FLOOR) * documents[hit.clause.doc_id]
        out.append(Hit(hit.clause, hit.document, score, hit.highlights, share))
    return sorted(out, key=lambda h: -h.score)


def filter_hits(hits: list[Hit], doc_ids=(), unit: str | None = None, role: str | None = None,
                year: int | None = None) -> list[Hit]:
    """Narrow an answer's evidence by document, unit (in a role) and target year."""
    out = []
    for hit in hits:
        clause = hit.clause
        if doc_ids and clause.doc_id not in doc_ids:
            continue
        if unit:
            refs = {"lead": clause.lead_units, "coop": clause.coop_units}.get(
                role, clause.lead_units + clause.coop_units)
            if not any(r.name == unit for r in refs):
                continue
        if year is not None and not any(t.year == year for t in clause.targets):
            continue
        out.append(hit)
    return out
