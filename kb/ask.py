"""Questions -> intent -> search or store queries -> an answer with its evidence.

Intents:
  who_leads    哪些部门牵头X / which departments lead on X: lead units of the best clauses
  unit_duties  省科技厅牵头哪些任务 / what does the Department of Commerce lead: every clause
  targets      2025年要达到哪些目标 / how many X by 2025: clauses with matching targets
  shared       省科技厅和省发展改革委共同牵头的任务: clauses both units lead
  search       anything else: ranked clauses with highlights
English questions go through the curated glossary (kb/data/glossary.tsv) into the same
Chinese machinery; units resolve through the directory's names, aliases and short forms.
"""

from __future__ import annotations

import collections
import difflib
import itertools
import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path

from ingest import Unit, document_level
from ingest.extract import SENTENCE_CUT
from ingest.layout import chinese_number, normalize_doc_number
from ingest.lazyre import lazy_compile
from ingest.units import (
    ENGLISH_PROVINCES,
    HOME_PROVINCE,
    PROVINCES,
    document_province,
    is_vague,
    localised,
)

from .lexicon import GlossaryHit, default_glossary
from .pinyin_names import OPENING, index_name, proper_nouns
from .search import (
    Concept,
    Hit,
    Terms,
    analyse,
    cjk_bigrams,
    clause_words,
    coverage,
    covered,
    document_texts,
    fetch_hits,
    form_doc_freq,
    phrasing_words,
    search,
    stop_words,
    weigh,
)
from .units_in_text import class_core, in_order

INTENTS = ("who_leads", "unit_duties", "targets", "shared", "search")
DUTY_PAGE = 50  # evidence clauses carried in full for a unit's duties
ID_CAP = 2000  # clause ids listed per unit and role; `total` counts them all

_DATA = Path(__file__).resolve().parent / "data"
# English cue words per signal; the Chinese cues are data (kb/data/intents.tsv).
_TAKES_PART = (r"cooperat\w*|co-operat\w*|take part|takes part|participat\w*|assist\w*|"
               r"partners?")
_ENGLISH_CUES = {
    # "which measures/tasks is X responsible for" asks for clauses, not for a unit
    "who": r"\bwho\b|\bwhich\b(?!(?:\s+of(?:\s+(?:the|these|those|its))?)?(?:\s+\d+)?(?:\s+(?!(?:departments?|ministr(?:y|ies)|agenc(?:y|ies)|"
           r"bod(?:y|ies)|units?|bureaus?|offices?|commissions?|organs?|administrations?|"
           r"authorit(?:y|ies)|governments?|organi[sz]ations?|institutions?|of)\b)[a-z-]+){0,4}?"
           r"\s+(?:measures?|tasks?|duties|dut(?:y|ies)|items?|clauses?|provisions?|articles?|things?|responsibilit(?:y|ies)|jobs?|work|targets?|goals?|"
           r"actions?|steps?|policies|polic(?:y|ies)|areas?|parts?|sections?|issues?|incentives?|"
           r"rewards?|requirements?|obligations?|commitments?|points?)\b)",
    # "what does X do", "what is X doing", not the "does" of "what does the reply cite"
    "duty": r"\b(?:duties|tasks|leads?|role|responsible|in charge|doing|falls? to|fell to)\b|"
            r"\bdo\b(?!\s+(?:not|you|we|they|i|the|this|that|these|those)\b)|\bdoes\s*[?.]?\s*$",
    # support and help ask for cooperating units only beside a who-word (see parse)
    "coop": rf"\b(?:{_TAKES_PART}|support\w*|helps?)\b",
    "lead": r"\blead\w*\b",
    "partner": r"\b(?:together with|along\s?side|jointly|team(?:s|ed)? up|work(?:s|ed)? with|"
               r"partner(?:s|ed)? with|with whom|joined by|in conjunction with)\b",
    "target": r"\b(?:how many|how much|targets?|targeted|goals?|aims?)\b",
    "check": r"\bor\b",
}
# 会同哪个部门, 跟谁一起, who do X and Y partner with: other units are asked for
_WITH_WHOM = lazy_compile(r"(?:会同|跟|和|与|同)(?:哪|谁|什么)|\b(?:partner(?:s|ed)?|team(?:s|ed)? up|"
                        r"work(?:s|ed)?)\s+with\b|\bwith whom\b")
_TO_WHOM = lazy_compile(r"(?:交给|报给|报送给?|送交|提交给?|上报给?|呈报|抄送|报|向)$")
_BESIDES = lazy_compile(r"除了|\b(?:besides|apart from|other than|in addition to)\b")
_BESIDES_THE_LEAD = lazy_compile(r"除了?(?:[^，,。？?]{0,12}?)牵头(?:的|单位|部门)?(?:以外|之外|外)?|"
                               r"\b(?:besides|apart from|other than|except(?: for)?|in addition to|"
                               r"(?:listed |named |come )?after) the leads?(?: (?:units?|departments?|"
                               r"agenc(?:y|ies)|ministr(?:y|ies)|bod(?:y|ies)|organi[sz]ations?))?\b")
# Without a who-word, only these say cooperation (support and help are verbs of any topic)
_ENGLISH_TAKES_PART = lazy_compile(rf"\b(?:{_TAKES_PART})\b")
# A yes/no question (Does X lead…? Is it X that…?) guesses its unit too.
_ENGLISH_YES_NO = lazy_compile(r"\s*(?:is|are|was|were|does|do|did)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _cue_words() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for line in (_DATA / "intents.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cue, signal = line.split("\t")[:2]
        table.setdefault(signal.strip(), []).append(cue.strip())
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()}


# Chinese cues with a word in between (哪个领导机构, 哪些职能部门): beside the listed ones
_CHINESE_CUES = {
    "who": r"哪(?:个|些|几个|一个|家)[\u4e00-\u9fff]{1,4}?(?:部门|单位|机构|机关|部委|小组|组织)"
           # (牵头考核单位是哪个: the kind of body first, then which)
           r"|(?:部门|单位|机构|机关)(?:是|为)(?:哪个|哪些|哪家|哪几个|谁)",
}


@lru_cache(maxsize=None)
def _cue(signal: str) -> re.Pattern:
    words = "|".join(re.escape(w) for w in _cue_words().get(signal, ()))
    english = _ENGLISH_CUES.get(signal, "")
    chinese = _CHINESE_CUES.get(signal, "")
    return re.compile("|".join(p for p in (words, chinese, english) if p))


_PERIOD_CUES = lazy_compile(r"每年|年均|\b(?:annual\w*|yearly|every year|each year|per year)\b")
# Words that frame a question but name no topic (with every cue of intents.tsv).
_FRAME_WORDS = (
    "由哪个 由哪些 由谁 由哪 哪家 哪些 哪个 哪几 什么 谁 是 的 了 吗 呢 么 要 需要 应当 应该 "
    "牵头 负责 配合 参与 协助 承担 共同 一起 都 和 与 及 同 又 还 以及 分别 任务 工作 职责 "
    "事项 内容 方面 情况 这事 这件事 这块 这项 这条 这个 那个 归 管 抓 找 活 干 做 条 项 "
    "这事上 这件事上 这块上 这一块上 "
    "目标 指标 多少 达到 达 量化 完成 到 年 前 底 有 在 啥 请问 列出 查询 一下 里 中 关于 对 "
    "怎么 怎样 如何 能不能 能否 可以 能 吗 呀 啊 哪些部门 个部门 些部门 "
    "这些 那些 所有 全部 政策文件 文件 由哪个部门 由哪些部门 由哪个单位 由哪些单位 由什么部门 "
    "什么时候 什么时间 何时 几时 多久 多长时间 事情 事儿 哪些事情 什么事情 当中 过程中 具体 "
    "哪天 哪一天 哪几天 几号 几天 多少天 个厅 个局 个委 个办 些厅 些局 个处 处室 科室 司局 "
    "由哪个处 由哪个处室 由哪些处室 由哪个科室 "
    # a date or a period asked: 从几月几号到几月几号
    "几月 几月份 几日 哪月 哪个月 从 起止 "
    # a deadline asked colloquially: 在哪天之前搞完, 最晚什么时候
    "之前 以前 最晚 最迟 搞完 搞好 搞定 弄完 干完 做完 "
    # handed in, colloquially: 报上去, 交上来
    "报上去 交上去 报上来 交上来 送上去 递上去 "
    # 按照…规则, 由哪个部门的负责人出面: how it is asked, not what about
    "按照 根据 依据 依照 负责人 主要负责人 负责同志 出面 "
    # 那条…X之外: which clause and whom besides, not what about
    "那条 这一条 那一条 之外 以外"
).split()
_FRAME_PUNCT = r"[，,。.？?！!：:；;、\s“”\"'（）()《》]"


def _all_frame_words() -> set[str]:
    return {w for words in _cue_words().values() for w in words} | set(_FRAME_WORDS)


@lru_cache(maxsize=1)
def _frame() -> re.Pattern:
    """Every cue and frame word, longest first, so 由哪些部门 goes whole (not 由哪 + 些部门)."""
    return _alternation(_all_frame_words())


@lru_cache(maxsize=1)
def _frame_words() -> tuple[re.Pattern, frozenset[str]]:
    """The frame words of two or more characters as one pattern (longest first), and
    the one-character ones (中, 里, 管, 是…), which only go as whole words."""
    words = _all_frame_words()
    return (_alternation(w for w in words if len(w) > 1),
            frozenset(w for w in words if len(w) == 1))


def _alternation(words) -> re.Pattern:
    ordered = sorted(words, key=len, reverse=True)
    return re.compile("|".join([re.escape(w) for w in ordered] + [_FRAME_PUNCT]))


_QUESTION_CHARS = frozenset("哪几些个一每")  # with frame characters: 哪一条, 哪项, 几个


def _strip_frame(kb, text: str) -> str:
    """The topic left when the question's frame words are taken out. A one-character
    frame word is dropped only where jieba cuts a word made of such characters alone
    (中, 哪一条, 哪项), so 中 goes from 方案中 but stays in 中央, 管 in 管理, 项 in 项目."""
    longer, single = _frame_words()
    kept = []
    for piece in longer.sub(" ", text).split():
        words = kb.analyzer.words(piece)
        kept.append("".join(w for w in words if not all(
            c in single or c in _QUESTION_CHARS for c in w)))
    return " ".join(k for k in kept if k)


# 文号 as staff type it: 鲁政字〔2023〕209号, 鲁政字[2023]209号, 国发(2018)42号, 国办发2018年121号
_DOC_NUMBER = lazy_compile(
    r"(?P<org>[\u4e00-\u9fa5]{1,10}?)\s*[〔\[［【(（]?\s*(?P<year>(?:19|20)\d{2})\s*"
    r"[〕\]］】)）年]\s*(?:第\s*)?(?P<no>\d{1,4})\s*号(?:文件|文)?"
    r"|(?P<org2>[\u4e00-\u9fa5]{1,10}?)\s*[〔\[［【(（]\s*(?P<year2>(?:19|20)\d{2})\s*"
    r"[〕\]］】)）]\s*(?P<no2>\d{1,4})(?!\d)"
    # 国办函2004 71号, 国发 2018-42, 国办函2004第25号: no brackets, the organ ends as organs do (发函字电令)
    r"|(?P<org3>[\u4e00-\u9fa5]{0,9}?[发函字电令])\s*(?P<year3>(?:19|20)\d{2})"
    r"(?:\s+|\s*[-－—]\s*|\s*(?=第))(?:第\s*)?(?P<no3>\d{1,4})(?!\d)\s*号?"
)
# a regulation by its decree: 国务院令第693号, 第693号令, (State Council) Decree No. 693
_DECREE = lazy_compile(
    r"(?:中华人民共和国)?(?P<org>[\u4e00-\u9fa5]{0,12}?)令\s*[（(]?\s*第?\s*(?P<no>\d{1,4})\s*号"
    r"|第?\s*(?P<no2>\d{1,4})\s*号(?P<org2>国务院|总理)?令"
    r"|\b(?:(?:the\s+)?(?P<state>state\s+council)(?:['’]s)?\s+)?(?:decree|order)\s+"
    r"(?:no\.?|number|#)\s*(?P<no3>\d{1,4})\b", re.IGNORECASE)
# 127号文件, 58号文: a 文号 by its number alone
_SHORT_NUMBER = lazy_compile(r"(?<![\d〕\]］】)）第])(?P<no>\d{1,4})\s*号\s*(?:文件|文|通知|意见|方案|函)")
# The same in pinyin, as English questions write it: Guo Fa [2018] No. 43, Guobanfa (2018) 121
_PINYIN_NUMBER = lazy_compile(
    r"\b(?P<org>(?:[A-Z][a-z]{0,11}\s?){1,6}?)\s*[\[(〔]?\s*(?P<year>(?:19|20)\d{2})\s*[\])〕]?"
    r"\s*,?\s*(?:No\.?|Number|#)?\s*(?P<no>\d{1,4})\b")
_SYLLABLE = lazy_compile(r"(?:[bcdfghjklmnpqrstwxyz]h?)?[aeiouv]+(?:ng|n(?![aeiouv]))?", re.I)
_PINYIN_WORD = lazy_compile(rf"(?:{_SYLLABLE.pattern})+", re.I)
# a word pointing at a document: 那个, 这份, 这套 (措施)…
_POINTER = "[那这][个份套项部篇]"
# A document named by what it is about: 县域经济方案, 体育赛事那个文件, 危废排查方案里
_DOC_KIND = lazy_compile(
    rf"(?:{_POINTER}|[那这][批些]|的)?(?P<kind>(?:管理|实施|暂行|工作|行动|指导|应急)?"
    r"(?:办法|方案|意见|规定|细则|预案)|文件|通知|条例|计划|规划|函|通告|"
    r"答复|复函|批复|决定|纲要|公告|指南|通报|规则|要点|指引|(?<=[那这][套批些项])(?:措施|政策)|若干措施)"
    r"(?P<tail>里面|里|中|内|上|当中)?")
# What may stand just before a short nickname (两个字): the start, punctuation or a
# pointer word; 破坏性地震应急预案 is not the 应急预案 of another document.
_NICK_BEFORE = lazy_compile(rf"(?:^|[^\u4e00-\u9fff]|{_POINTER}|关于|在|按|照|据|的|山东省?|本省|我省)$")
# 那份关于政府网站建设的政协提案答复: the words that describe the document belong to it.
_DOC_POINTER = lazy_compile(rf"(?:{_POINTER}|关于)[\u4e00-\u9fff]{{0,20}}$")
# the English words just before a Chinese term in brackets: its gloss
_GLOSSED = lazy_compile(r"((?:[a-z][a-z'-]*\s+){0,3}[a-z][a-z'-]*)\s*[(（]\s*([\u4e00-\u9fff]{2,})\s*[)）]")
_POINTER_INSIDE = lazy_compile(rf"(?<=[\u4e00-\u9fff]{{2}})(?:的)?{_POINTER}(?=[\u4e00-\u9fff]|$)")
_TITLE_FILLER = set("的和与及关于国务院办公厅山东省人民政府印发通知年鲁")  # (鲁: 山东)
# (“人工智能+教育”行动计划: quotes, book-title marks and a plus inside the name)
_NICK_TEXT = lazy_compile(r"[\u4e00-\u9fffA-Za-z0-9+＋“”\"《》]+")
_NICK_PIECE = lazy_compile(r"[A-Za-z0-9]+|[\u4e00-\u9fff]")
_CJK_CHAR = lazy_compile(r"[\u4e00-\u9fff]")
DOC_MATCH = 0.75  # share of a nickname's characters that must occur in the title


@dataclass
class UnitAnswer:
    name: str
    aliases: tuple[str, ...]
    english: str
    role: str
    clauses: list[str] = field(default_factory=list)
    total: int = 0  # clauses in this role, when more than are listed

    def to_dict(self) -> dict:
        return {"name": self.name, "aliases": list(self.aliases), "english": self.english,
                "role": self.role, "clauses": list(self.clauses),
                "total": max(self.total, len(self.clauses))}


@dataclass
class Parsed:
    question: str
    intent: str
    units: list[Unit]
    topic: str
    year: int | None
    english: bool
    role: str | None = None
    extra_terms: list[str] = field(default_factory=list)  # Chinese topic terms from the glossary
    per_year: bool = False  # 每年 / annual: targets with a yearly period
    documents: list[str] = field(default_factory=list)  # doc_ids the question is limited to
    unknown_documents: list[str] = field(default_factory=list)  # 文号 not in the knowledge base
    alternatives: list[Unit] = field(default_factory=list)  # an ambiguous short form's units
    extra_groups: list[list[str]] = field(default_factory=list)  # the terms of one English phrase
    partner_of: Unit | None = None  # X跟哪个部门一起…: the units working with X are asked for
    candidates: list[Unit] = field(default_factory=list)  # 是X牵头吗 / X还是Y: units to check
    asks_duty: bool = False  # a duty word (负责, 工作, 要干什么) is in the question
    # the documents were named only by words their opening holds (no title, no 文号)
    loose_documents: bool = False
    # X和Y分别要做什么 / what do X and Y each do: each unit's own clauses, not shared ones
    each: bool = False
    # X和Y会同谁 / who do X and Y partner with: the units named with partner_of, not asked
    with_units: list[Unit] = field(default_factory=list)
    surfaces: dict[str, str] = field(default_factory=dict)  # unit name -> as the question wrote it
    # 报到哪个机关备案, 向哪个部门申请: the body things are sent to is asked, not who acts
    to_whom: bool = False
    # funeral reform → 丧葬: nouns modifying the English topic that no clause uses
    absent_nouns: list[str] = field(default_factory=list)
    # ... and the Chinese of the words each modifies (e-cigarette sales → 香烟: 销售)
    absent_heads: list[str] = field(default_factory=list)
    # Chinese an English question writes itself (… childcare services (托育)): what is asked
    written_chinese: list[str] = field(default_factory=list)
    # the translations of English phrases of several words (night-time economy → 夜间经济)
    compounds: list[str] = field(default_factory=list)
    # another name the question gives the unit asked, in brackets after it
    also_named: list[Unit] = field(default_factory=list)
    # the topic a unit's duties are narrowed to (set while answering, never by parse)
    duty_terms: Terms | None = None


@dataclass
class Answer:
    question: str
    intent: str
    units: list[UnitAnswer]
    hits: list[Hit]
    topic: str = ""
    year: int | None = None
    total: int = 0
    note: str | None = None
    documents: list[dict] = field(default_factory=list)
    empty: bool = False
    message: str | None = None
    related: list[Hit] = field(default_factory=list)  # shown as "related, not an answer"
    validity: dict[str, dict] = field(default_factory=dict)  # doc_id -> validity of the evidence
    as_of: str | None = None
    partner: str | None = None  # asked who works with this unit: the units are its partners
    loose_documents: bool = False  # the documents were named by their openings' words only
    each: bool = False  # X和Y分别…: every unit has its own clauses (units[].clauses), not shared
    # 文号 the question names that no stored document has (answered from every document)
    unknown_documents: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "intent": self.intent,
            "topic": self.topic,
            "year": self.year,
            "note": self.note,
            "total": self.total,
            "documents": self.documents,
            "unknown_documents": self.unknown_documents,
            "empty": self.empty,
            "message": self.message,
            "as_of": self.as_of,
            "partner": self.partner,
            "each": self.each,
            "units": [u.to_dict() for u in self.units],
            "clauses": [self._row(h) for h in self.hits],
            "related": [self._row(h) for h in self.related],
        }

    def _row(self, hit: Hit) -> dict:
        row = hit.to_dict()
        if hit.clause.doc_id in self.validity:
            row["validity"] = self.validity[hit.clause.doc_id]
        return row


# ------------------------------------------------------------------ parsing


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def normalize(question: str) -> str:
    """Full-width forms folded, traditional characters made simplified (OpenCC)."""
    text = unicodedata.normalize("NFKC", question).strip()
    if re.search(r"[\u4e00-\u9fff]", text):
        text = _t2s().convert(text)
    return text


def _blank(text: str, start: int, end: int) -> str:
    """``text`` with ``[start, end)`` made spaces: positions after it stay where they were."""
    return text[:start] + " " * (end - start) + text[end:]


def _documents(kb, text: str) -> tuple[list[str], list[str], str]:
    """Documents named in ``text`` by 文号 or by what they are about, and the text
    without those words: (doc_ids, 文号 not in the knowledge base, rest)."""
    current = kb.current_headers()
    found: list[str] = []
    unknown: list[str] = []
    for m in list(_DOC_NUMBER.finditer(text)):
        org = m.group("org") or m.group("org2") or m.group("org3")
        year = m.group("year") or m.group("year2") or m.group("year3")
        number = m.group("no") or m.group("no2") or m.group("no3")
        hits = [d for d, h in current.items() if h.doc_number and _same_number(
            h.doc_number, org, year, number)]
        if hits:
            found += [d for d in hits if d not in found]
        else:
            unknown.append(normalize_doc_number(f"{org}〔{year}〕{number}号"))
        # 国办函〔2004〕25号（湖北考察所提问题办理情况）: what the brackets say describes
        # the document, not the question's topic
        described = _DESCRIBED.match(text, m.end())
        text = text.replace(m.group(0) + (described.group(0) if described else ""), " ")
    for m in list(_DECREE.finditer(text)):
        number = int(m.group("no") or m.group("no2") or m.group("no3"))
        org = (m.group("org") or m.group("org2") or ("国务院" if m.group("state") else "")
               ).removeprefix("中华人民共和国")
        hits = [d for d, h in current.items() if h.doc_number and re.search(
            rf"令第0*{number}号$", h.doc_number) and h.doc_number.startswith(org)]
        if hits:
            found += [d for d in hits if d not in found]
            text = text.replace(m.group(0), " ")
    for m in list(_SHORT_NUMBER.finditer(text)):
        # 127号文件里, 209号文: the number alone names a document when one stored 文号
        # ends with it
        hits = [d for d, h in current.items() if h.doc_number and re.search(
            rf"〕0*{int(m.group('no'))}号$", h.doc_number)]
        if len(hits) == 1:
            found += [d for d in hits if d not in found]
            text = text.replace(m.group(0), " ")
    for m in list(_PINYIN_NUMBER.finditer(text)):
        # the organ's syllables stand for its characters (Guo Ban Fa: 国办发); the year
        # and number must match
        words = m.group("org").split()
        while words and not _PINYIN_WORD.fullmatch(words[0]):
            words.pop(0)  # Under Guo Fa: the organ is the pinyin words before the year
        if not words or not all(_PINYIN_WORD.fullmatch(w) for w in words):
            continue
        syllables = sum(len(_SYLLABLE.findall(w)) for w in words)
        hits = [d for d, h in current.items() if h.doc_number and _same_number(
            h.doc_number, "", m.group("year"), m.group("no"), syllables)]
        if hits:
            found += [d for d in hits if d not in found]
            text = text.replace(m.group(0), " ")
    if not found:
        # 职教20条, 金融十六条: a document called by its subject and how many items it has
        for m in list(_COUNTED.finditer(text)):
            ids = _counted_documents(kb, m.group("name"), chinese_number(m.group("count")))
            if ids:
                found += ids
                text = _blank(text, m.start(), m.end())
                break
    for m in list(_DOC_KIND.finditer(text)) if not found else ():
        # a 文号 names the document; a kind word after it (…的实施方案) is what is asked
        # (全省水资源综合规划由谁编: a 规划 the question is about, not the 条例 whose
        # opening holds its words)
        fitting = {d: h for d, h in current.items() if _kind_fits(h, m.group("kind"))}
        best = _nickname(text[: m.start()], fitting, lambda d: _gist(kb, d))
        short = _abbreviation(text[: m.start()], m.group("kind"), fitting)
        if short and (best is None or len(best[0]) > 1 and set(short[0]) <= set(best[0])):
            # 消保条例: the one title of that kind holding 消…保 in order, of those holding
            # the characters anywhere
            best = short
        if best is None:
            continue
        ids, length = best
        start = m.start() - length
        # 应急部在号牌通知里: what stands before 在 is the question's subject, not the title
        inside = text.rfind("在", start, m.start())
        if inside >= 0:
            start = inside + 1
            if m.start() - start < 2:  # …信息产业部在这份答复里: a document named before
                if found:
                    text = _blank(text, m.start(), m.end())
                continue
        chars = [c for c in text[start: m.start()] if c not in _TITLE_FILLER]
        if len(chars) < 3 and not _NICK_BEFORE.search(text[:start]):
            continue  # two characters at the end of a longer phrase: a coincidence
        province = re.search(r"(?:山东省?|本省|我省)$", text[:start])
        if province:  # 山东消保条例: the province belongs to the name
            start = province.start()
        pointer = _DOC_POINTER.search(text[:start])
        if pointer:
            start = pointer.start()
        found += [d for d in ids if d not in found]
        text = _blank(text, start, m.end())
    if not found:
        # 乳品质量安全监督管理条列里: a slip in the kind word (its first character kept, the
        # second one no clause writes there) after a long name that fits one title
        for m in _KIND_SLIP.finditer(text):
            if _DOC_KIND.fullmatch(m.group("kind")) or _in_index(kb, m.group("kind")):
                continue
            best = _nickname(text[: m.start()], current, lambda d: _gist(kb, d))
            if best and len(best[0]) == 1 and best[1] >= SLIP_NAME:
                found += best[0]
                text = _blank(text, m.start() - best[1], m.end())
                break
    if not found:
        run = _title_run(kb, text)
        if run is not None:
            doc_id, start, end = run
            found.append(doc_id)
            text = _blank(text, start, end)
    return found, unknown, text


TITLE_RUN = 0.8  # of a title's characters a run of the question holds to name it
TITLE_RUN_MIN = 8  # characters: shorter titles are named by the ways above or not at all
TITLE_PAIRS = 0.6  # of a title's character pairs a question holds before it is compared
_TITLE_FRAME = lazy_compile(r"^.*?关于(?:印发|转发|颁布)?|的(?:通知|决定|函|批复|公告|通告)$|[《》“”]")


def _title_cores(headers: dict) -> dict[str, tuple[str, ...]]:
    """Each document's names without their frame (issuer, 关于印发, 的通知): its title's
    core and the plan it issues."""
    out = {}
    for doc_id, h in headers.items():
        names = {_TITLE_FRAME.sub("", name) for name in (h.title, h.body_title) if name}
        out[doc_id] = tuple(name for name in names if len(name) >= TITLE_RUN_MIN)
    return out


def _title_run(kb, text: str) -> tuple[str, int, int] | None:
    """One document named by most of its title, its end included, with no kind word the
    question reads after it, in the order its title writes them (中小学办学条件底线要求对学生
    宿舍…: 《中小学基本办学条件底线要求》):
    (doc_id, start, end of the run in ``text``), or None when none fits or two fit alike."""
    cores = kb.per_generation("title cores", lambda: _title_cores(kb.current_headers()))
    pairs = {text[i:i + 2] for i in range(len(text) - 1)}
    fits = []
    for doc_id, names in cores.items():
        for name in names:
            if name[-2:] not in text:
                continue  # (a title's end is in the run: most titles are passed over here)
            name_pairs = {name[i:i + 2] for i in range(len(name) - 1)}
            if len(name_pairs & pairs) < TITLE_PAIRS * len(name_pairs):
                continue  # (few are compared in order)
            blocks = [b for b in difflib.SequenceMatcher(None, text, name, autojunk=False)
                      .get_matching_blocks() if b.size >= 2]
            held = sum(b.size for b in blocks)
            if not blocks or held < TITLE_RUN * len(name) \
                    or blocks[-1].b + blocks[-1].size != len(name):
                continue  # (words left out inside a title, never its end: 乳品…监督管理的条件)
            start, end = blocks[0].a, blocks[-1].a + blocks[-1].size
            if end - start <= len(name) + 4:  # (a run, not characters strewn over the question)
                fits.append((held / len(name), doc_id, start, end))
    if not fits:
        return None
    top = max(f[0] for f in fits)
    best = {f[1]: f for f in fits if f[0] == top}
    if len(best) != 1:
        return None
    _, doc_id, start, end = next(iter(best.values()))
    return doc_id, start, end


_KIND_SLIP = lazy_compile(r"(?P<kind>[办方意规细预条计通纲公指决批答复][\u4e00-\u9fff])"
                        r"(?=里|中|内|上|的|[，,。？?！!\s]|$)")
SLIP_NAME = 6  # characters of a name before a slipped kind word


_DOC_KINDS = (r"plan|guidelines?|guidance|notice|circular|opinions?|measures|regulations?|rules|"
              r"document|file|campaign|programme|program|scheme|pilot|initiative|policy|"
              r"approval|reply|letter|decision|provisions|arrangements?|outline")
# in the …, under this …, in China's …, of Shandong's … (but "the Ministry of Commerce's
# role": a unit's name goes on)
_DOC_OPENING = (r"\b(?:(?:in|under|of|from|by)\s+(?:the|this|that)|(?:in|under|from|by)\s+"
                r"[a-z]+['’]s|(?<!ministry )(?<!department )(?<!bureau )(?<!commission )(?<!office )"
                r"(?<!administration )of\s+[a-z]+['’]s)\s+")
_NAME_CHAR = r"[a-z\s'’-]"


def _doc_name(char: str = _NAME_CHAR) -> str:
    """A description (an optional year, then words of ``char``) and the kind that ends it."""
    return (rf"(?P<name>(?:(?:19|20)\d{{2}}\s+)?[a-z]{char}{{2,90}}?)\s+"
            rf"(?P<kind>{_DOC_KINDS})\b")


_DOC_NAME = _doc_name()
_DOC_ON = (r"(?:[a-z0-9'’-]+\s+){0,6}?"
           rf"(?P<kind>{_DOC_KINDS})\s+(?:on|for|about|regarding|concerning|to|setting\s+up|"
           r"[a-z]{3,}ing)\s+"
           rf"(?P<name>[a-z]{_NAME_CHAR}{{2,90}}?)(?=\s*[,.;?!]|\s+(?:which|who|what|how|is|are|"
           r"does|do|did|to|and|in|under|by|that|from|issued|published|released|adopted|dated)\b"
           r"|\s+(?:19|20)\d{2}\b|\s*$)")
# "in the county economy plan" (the name before the kind) and "in the pilot for
# centralized drug procurement" (the kind, then what it is about)
_ENGLISH_DOC = lazy_compile(_DOC_OPENING + _DOC_NAME, re.IGNORECASE)
_ENGLISH_DOC_ON = lazy_compile(_DOC_OPENING + _DOC_ON, re.IGNORECASE)
# "what does the water-saving reply cite": any "the" opens a description, tried last
# (the nearest "the": "the authority to interpret the grain emergency plan" names the plan)
_ANY_OPENING = r"\b(?:the|this|that)\s+"
_ENGLISH_DOC_ANY = lazy_compile(
    _ANY_OPENING + _doc_name(rf"(?:(?!\b(?:the|this|that)\b){_NAME_CHAR})"), re.IGNORECASE)
_ENGLISH_DOC_ON_ANY = lazy_compile(_ANY_OPENING + _DOC_ON, re.IGNORECASE)
# "does Henan's industrial equipment renewal plan set", "Shicheng County's 2018 rules": a
# capitalised owner (a place, the State Council) opens a description anywhere, and its name
# is part of the description (two provinces' equipment renewal plans differ by it)
_ENGLISH_DOC_OWNED = lazy_compile(
    r"(?-i:\b(?P<owner>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})['’]s)\s+" + _DOC_NAME,
    re.IGNORECASE)
_OWNER_NOT = frozenset((
    "across", "in", "under", "for", "by", "from", "of", "at", "with", "per", "to", "about", "on",
    "within", "throughout", "among", "according", "what", "which", "who", "how", "does", "do",
    "did", "is", "are", "was", "were", "the", "this", "that", "whose"))
# what may continue a description past where _DOC_ON stops it: joined words up to a
# punctuation mark or a question word
_DESCRIPTION_GOES_ON = lazy_compile(
    r"(?P<more>(?:\s+(?:and|in|to|by|under|of|for)\s+[a-z][a-z'’-]*(?:\s+(?!(?:which|who|what|"
    r"how|is|are|does|do|did|and|in|to|by|under|of|for)\b)[a-z][a-z'’-]*)*){1,3})"
    r"(?=\s*[,.;?!]|\s+(?:which|who|what|how|is|are|does|do|did)\b|\s*$)", re.IGNORECASE)


def _english_documents(kb, text: str) -> tuple[list[str], str]:
    """"in the county economy plan" → the plan whose title holds 县域经济."""
    headers = kb.current_headers()
    # a translation is looser than the Chinese: a real title first, a document's
    # opening (no title line) only when no title fits
    # (a regulation named after the law it implements counts as titled: the fire regulation)
    titled = {d: h for d, h in headers.items()
              if h.meta.get("title_from") != "file name" or _implied_title(h)}
    # "the 2021 State Council opinions on employment …": what it is on says more than
    # who issued it, so that form is tried first
    readings = [(pattern, m) for pattern in (_ENGLISH_DOC_ON, _ENGLISH_DOC, _ENGLISH_DOC_ON_ANY,
                                             _ENGLISH_DOC_ANY, _ENGLISH_DOC_OWNED)
                for m in pattern.finditer(text)]
    for pattern, m in readings:
        name = m.group("name").lower()
        names = [(name, m.end())]  # each reading of the description, and where it ends
        if pattern is _ENGLISH_DOC_OWNED:  # Henan's … plan: with its owner first, then without
            # (Across Shicheng's …: a capitalised first word of the sentence is no owner)
            owner = m.group("owner").lower().split()
            while owner and owner[0] in _OWNER_NOT:
                owner.pop(0)
            if owner:
                names.insert(0, (" ".join(owner) + " " + name, m.end()))
        if pattern is _ENGLISH_DOC_ON or pattern is _ENGLISH_DOC_ON_ANY:
            # "on reform and innovation in pilot free trade zones": the description may go
            # on past and/in/to…; the longest reading that names a title wins
            longer = _DESCRIPTION_GOES_ON.match(text, m.end())
            if longer and longer.group("more"):
                names.insert(0, (name + longer.group(0).lower(), longer.end()))
        if pattern in (_ENGLISH_DOC, _ENGLISH_DOC_ANY, _ENGLISH_DOC_OWNED):  # the Xiong'an master plan: the kind may end a phrase
            names.append((name + " " + m.group("kind").lower(), m.end()))
        # (a name written as one, every word capitalised, is one after a bare "the" too:
        # the Shandong Environmental Protection Regulation)
        loose = pattern in (_ENGLISH_DOC, _ENGLISH_DOC_ON, _ENGLISH_DOC_OWNED) \
            or _capitalised(m.group(0)) \
            or bool(_ISSUER_FIRST.match(m.group("name")))
        for name, end in names:
            # after a bare "the" a phrase may name no document ("the compulsory insurance
            # rules"): only a title that holds it counts, not a title-less opening
            best = _english_title(kb, name, titled, headers if loose else {})
            if best is not None:
                start = m.start()
                if pattern is not _ENGLISH_DOC_ON and pattern is not _ENGLISH_DOC_ON_ANY:
                    start = _description_start(kb, text, m, name, best[0], titled,
                                               headers if loose else {})
                return best[0], text[:start] + " " + text[end:]
    return [], text


_INNER_OPENING = lazy_compile(r"\b(?:the|this|that|under|in|of|from|by|for)\s+(?=[a-z])")


def _description_start(kb, text: str, m, name: str, documents: list[str], titled: dict,
                       headers: dict) -> int:
    """Where a description that ends with its kind starts: at the last opening word inside
    it (the, under, of…) after which it still names the same documents. "of Shandong's
    counties should reach the smart city standard under the county-economy action plan"
    is "the county-economy action plan"; the words before it are the question."""
    base = m.start("name")
    if text[base: base + len(name)].lower() != name:
        return m.start()  # (an owner put before the name: Henan's … plan)
    for inner in reversed(list(_INNER_OPENING.finditer(name))):
        shorter = _english_title(kb, name[inner.end():], titled, headers)
        if shorter is not None and shorter[0] == documents:
            return base + inner.start()
    return m.start()


# a description opening with who issued it (the Shandong vehicle exhaust regulation, the
# State Council notice on …) names a document after a bare "the" too
_ISSUER_FIRST = lazy_compile(
    r"(?:beijing|tianjin|hebei|shanxi|inner mongolia|liaoning|jilin|heilongjiang|shanghai|"
    r"jiangsu|zhejiang|anhui|fujian|jiangxi|shandong|henan|hubei|hunan|guangdong|guangxi|"
    r"hainan|chongqing|sichuan|guizhou|yunnan|tibet|shaanxi|gansu|qinghai|ningxia|xinjiang|"
    r"state council)(?:'s|’s)?\s+\w", re.IGNORECASE)


def _capitalised(phrase: str) -> bool:
    """Whether every word after the opening "the" begins with a capital letter."""
    words = re.findall(r"[A-Za-z][\w'’-]*", phrase)[1:]
    return len(words) >= 2 and all(w[0].isupper() for w in words)


def _english_title(kb, name: str, titled: dict, headers: dict):
    """The document an English description names: a title by the first sense of each
    phrase, then by any sense, then a document's opening."""
    senses: dict[tuple[int, int], str] = {}  # the first sense of each phrase only:
    hits = default_glossary().translate(name)
    known = {(h.start, h.end) for h in hits}
    for start, end, chinese in proper_nouns(kb, name, _english_stop()):
        if not any(s < end and start < e for s, e in known):  # xiong'an → 雄安
            hits.append(GlossaryHit(name[start:end], chinese, "topic", start, end))
    every: dict[tuple[int, int], list[str]] = {}
    for h in hits:  # action → 行动
        if h.kind == "topic":
            senses.setdefault((h.start, h.end), h.chinese)
            every.setdefault((h.start, h.end), [])
            if len(every[(h.start, h.end)]) < 3:
                every[(h.start, h.end)].append(h.chinese)
    chinese = "".join(senses[span] for span in sorted(senses))
    # (a document titled only by the law it implements is named by that title here: its
    # opening's words are for the last try, beside every other document's)
    best = _nickname(chinese, titled, openings=False) if len(chinese) >= 2 else None
    if best is not None and best[1] < min(len(chinese), ENGLISH_NICKNAME):
        best = None  # (管理 of 森林火灾应急管理 names no 药品管理条例)
    if len(chinese) >= 2:
        # the first senses read one way; another sense of a word may name a title
        # further (national grain emergency: 国家粮食应急 names 国家粮食应急预案 over six
        # characters, 国家粮食应急管理 only 应急管理 of a nuclear-emergency regulation), or
        # name one where the first senses name none (river-chief assessment: 河长制评价
        # names nothing, 河长制考核 the scoring rules)
        prepared = _titles_said(titled, None, False)
        for combination in itertools.islice(
                itertools.product(*(every[span] for span in sorted(every))), 1, 16):
            reading = "".join(combination)
            other = _nickname(reading, titled, openings=False, prepared=prepared)
            if other is not None and other[1] >= min(len(reading), ENGLISH_NICKNAME) and (
                    best is None or other[1] > best[1]):
                best = other
    best = best or _by_senses(name, hits, titled)
    if best is None and headers:
        # every document's opening says what kind it is (制定本条例, 为了规范…), so the
        # kind's senses say nothing there; each sense of the other words is tried
        # (gas: 天然气 or 燃气), and a reading naming one document wins
        spans = _sense_spans(hits, without_kinds=True)
        prepared = _titles_said(headers, lambda d: _gist(kb, d)) if spans else None
        found = {}
        for combination in itertools.islice(itertools.product(*spans.values()), 16):
            reading = "".join(combination)
            named = _nickname(reading, headers, prepared=prepared) \
                if len(reading) >= 2 else None
            # (the whole reading, or enough of it: 燃气 of "the gas regulation")
            if named and len(named[0]) == 1 and named[1] >= min(len(reading),
                                                                  ENGLISH_NICKNAME):
                found.setdefault(named[0][0], named)
        if len(found) == 1:
            best = found.popitem()[1]
    return best


ENGLISH_NICKNAME = 3  # characters of a longer translated description that must name a title
ENGLISH_TITLE_MATCH = 0.6  # share of a description's words some sense of which is in the title


def _sense_spans(hits, without_kinds: bool = False) -> dict[tuple[int, int], list[str]]:
    """Each topic phrase of an English description (its span) and its senses, in order;
    ``without_kinds`` leaves out the document kinds' (regulation → 规范)."""
    spans: dict[tuple[int, int], list[str]] = {}
    for h in hits:
        if h.kind == "topic" and not (without_kinds and re.fullmatch(_DOC_KINDS, h.english)):
            spans.setdefault((h.start, h.end), []).append(h.chinese)
    return spans


def _by_senses(name: str, hits, docs: dict) -> tuple[list[str], int] | None:
    """The one title that holds, for most words of an English description, some sense
    of the word (giving research institutes more autonomy → 赋予科研机构…更大自主权)."""
    spans = _sense_spans(hits)
    total = len(spans)  # a word the glossary does not know neither supports nor refutes
    if total < 2:
        return None
    scores = {}
    for doc_id, h in docs.items():
        title = (h.title or "") + (h.body_title or "")
        held = sum(1 for words in spans.values() if any(
            w[i:i + 2] in title for w in words for i in range(max(len(w) - 1, 1))))
        scores[doc_id] = held / total
    top = max(scores.values(), default=0.0)
    winners = [d for d, v in scores.items() if v == top]
    if top >= ENGLISH_TITLE_MATCH and len(winners) == 1:
        return winners, len(name)
    return None


def _same_number(doc_number: str, org: str, year: str, number: str,
                 org_length: int | None = None) -> bool:
    """Whether a stored 文号 is the one written: the same year and number, and an organ
    that ends the other (国办发 / 发); with ``org_length`` (pinyin), its length."""
    m = re.match(r"^(?P<org>.*?)〔(?P<year>\d{4})〕(?P<no>\d+)号$", doc_number)
    if not m or m.group("year") != year or int(m.group("no")) != int(number):
        return False
    if org_length is not None:
        return len(m.group("org")) == org_length
    return org.endswith(m.group("org")) or m.group("org").endswith(org)


_DESCRIBED = lazy_compile(r"\s*[(（][^()（）]{2,40}[)）]"
                        # (国科发创[2018]139号规定，…: what the document says, no topic)
                        r"|(?:文件|文)?(?:里|中)?(?:规定|明确|要求|提出|指出)(?=[，,：:了的])")
_COUNTED = lazy_compile(r"(?P<name>[\u4e00-\u9fff]{2,4}?)(?P<count>\d{1,2}|[一二三四五六七八九十]{1,3})条"
                      r"(?![\u4e00-\u9fff]*(?:规定|要求))")


def _counted_documents(kb, name: str, count: int) -> list[str]:
    """Current documents whose title holds ``name``'s characters in order (职教: 职业教育)
    and whose items run to exactly ``count`` under one numbering (the last
    (二十) of a plan numbered through its sections, 第三十一条 of a measure)."""
    if count < 3:
        return []
    pattern = in_order(name)
    titles = {d: (h.title or "") + (h.body_title or "") for d, h in kb.current_headers().items()}
    candidates = [d for d, title in titles.items() if pattern.search(title)]
    if not candidates:
        return []
    counts = kb.per_generation("item_counts", lambda: _item_counts(kb))
    return [d for d in candidates if count in counts.get(d, ())]


def _item_counts(kb) -> dict[str, set[int]]:
    """Per document, the last number of each numbering style its clause paths use."""
    last: dict[str, dict[str, int]] = {}
    for doc_id, path in kb.store.clause_paths():
        styles = last.setdefault(doc_id, {})
        for part in path:
            core = part.strip("()（）第条章.、 ")
            value = chinese_number(core)
            if value:
                style = re.sub(r"[一二三四五六七八九十\d]+", "N", part)
                styles[style] = max(styles.get(style, 0), value)
    return {d: set(styles.values()) for d, styles in last.items()}


def _implied_title(header) -> str:
    """A document without a title line that says it implements a law (根据《中华人民共和国
    消防法》…，制定本条例) is named after it: 消防条例. Empty when it says no such thing."""
    if header.meta.get("title_from") != "file name":
        return ""
    return _title_of_opening((header.text or "")[:OPENING])


@lru_cache(maxsize=4096)  # every nickname looks at every title-less document's opening
def _title_of_opening(opening: str) -> str:
    law = re.search(r"根据《(?:中华人民共和国)?([^》]{2,20}?)法》", opening)
    kind = re.search(r"制定本(条例|办法|规定|细则|实施办法)", opening)
    return f"{law.group(1)}{kind.group(1)}" if law and kind else ""


# kinds people use for one another (a 规划 called 方案, an 办法 called 条例)
_KIND_FAMILIES = ("方案|计划|规划|行动|纲要|要点|措施", "意见|指导意见|指南|指引",
                  "条例|办法|规定|细则|规则", "通知|通告|通报|公告|函|复函|答复|批复", "预案", "决定")


def _kind_fits(header, kind: str) -> bool:
    """Whether a document may be called a ``kind`` (方案, 条例, 文件…): a titled document
    when its title says that kind or one people use for it (中医药产业发展规划 is no 指导
    意见); a document without a title line is what it calls itself (本条例, 本办法), when
    it says."""
    if kind in ("文件", "规定"):
        return True
    if header.meta.get("title_from") != "file name":
        title = (header.title or "") + (header.body_title or "")
        family = next((f for f in _KIND_FAMILIES if re.search(f"(?:{f})$", kind)), None)
        return family is None or re.search(family, title) is not None
    own = _self_kind(header.text or "")
    return not own or kind.endswith(own) or own.endswith(kind)


@lru_cache(maxsize=256)
def _self_kind(text: str) -> str:
    said = collections.Counter(re.findall(r"本(条例|办法|规定|细则|规则|方案|意见|预案|决定)", text))
    return said.most_common(1)[0][0] if said else ""


def _abbreviation(before: str, kind: str, docs: dict) -> tuple[list[str], int] | None:
    """职教方案 → 国家职业教育改革实施方案: two to four characters taken in order from the
    title of the one document of that kind (its title ends with the kind word)."""
    for length in (4, 3, 2):
        name = before[-length:]
        if len(name) < length or not re.fullmatch(r"[\u4e00-\u9fff]+", name):
            continue
        pattern = in_order(name)
        hits = [d for d, h in docs.items()
                if any(t.endswith(kind) and pattern.search(t)
                       for t in (h.title or "", h.body_title or "", _implied_title(h)))]
        if len(hits) == 1:
            return hits, length
    return None


# words that lead up to a document's name, never open one
_BEFORE_A_NAME = lazy_compile(r"(?:按照|根据|依据|依照|对照|参照|按|据|照|在|把|将|请|问|查|看|找|是)")


GIST_WORDS = 20  # the words a document without a title line is most about
GIST_DOCUMENTS = 200  # ... read only while there are at most this many such documents


def _gist(kb, doc_id: str) -> str:
    """The words a document says most often, of two characters or more and not how
    things are asked or said (工作, 加强): what a document without a title line is about
    (危险废物, 排查, 专项, 自查 for a plan whose opening names none of them)."""
    return "".join(_gist_words(kb, doc_id))


def _gist_words(kb, doc_id: str) -> tuple[str, ...]:
    """``_gist``'s words, most said first."""
    if doc_id not in _GISTS:  # (a doc_id is its content's hash)
        common = stop_words() | phrasing_words() | _all_frame_words()
        counts = collections.Counter(
            w for text in _without_units(kb.store.clauses(doc_id=doc_id))
            for w in kb.analyzer.words(text)
            if len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w) and w not in common
            and w not in kb.unit_lexicon.surfaces)  # (省生态环境厅 says who, not what)
        if len(_GISTS) > 4096:
            _GISTS.clear()
        _GISTS[doc_id] = tuple(w for w, _ in counts.most_common(GIST_WORDS))
    return _GISTS[doc_id]


def _without_units(clauses) -> list[str]:
    """Each clause's text with the units it names cut out: 环境保护 of every
    环境保护行政主管部门应当… says who acts, not what the document is about."""
    out = []
    for clause in clauses:
        text = clause.text
        for written in sorted({u.as_written for u in clause.lead_units + clause.coop_units},
                              key=len, reverse=True):
            if len(written) >= 2:
                text = text.replace(written, "，")
        out.append(text)
    return out


_GISTS: dict[str, tuple[str, ...]] = {}


def _most_about(name: str, doc_ids: list[str]) -> list[str]:
    """Of documents without a title line that ``name`` fits alike, the one that says it
    most (the word ranks first among the words it says most), when one does."""
    ranks = {d: _GISTS[d].index(name) for d in doc_ids if name in _GISTS.get(d, ())}
    if not ranks:
        return doc_ids
    best = min(ranks.values())
    winners = [d for d, r in ranks.items() if r == best]
    return winners if len(winners) == 1 else doc_ids


def _titles_said(docs: dict, gist=None, openings: bool = True) -> tuple[dict, dict]:
    """Each document's title text, and what it says it is: its title, or for one without
    a title line its opening (unless ``openings`` is false), the law it implements and,
    with ``gist`` (doc_id → text), the words it says most often."""
    titled = {d: (h.title or "") + (h.body_title or "") for d, h in docs.items()}
    # no title line: what its opening says it is about (not the whole text, which
    # holds most characters of any name), and the law it implements
    untitled = sum(1 for h in docs.values() if h.meta.get("title_from") == "file name")
    if untitled > GIST_DOCUMENTS:
        gist = None  # (reading every one of thousands of documents costs seconds)
    said = {d: titled[d] + ((h.text[:OPENING] if openings else "") + _implied_title(h) + (
        gist(d) if gist is not None else "")
        if h.meta.get("title_from") == "file name" else "")
            for d, h in docs.items()}
    return titled, said


def _nickname(before: str, docs: dict, gist=None, openings: bool = True,
              prepared: tuple[dict, dict] | None = None) -> tuple[list[str], int] | None:
    """The longest run of characters ending ``before`` that names one document's title
    (most of its characters occur there): 县域经济 → 山东省县域经济高质量发展三年行动方案.
    What a document without a title line says it is comes from ``_titles_said(docs, gist,
    openings)``, or ``prepared`` (its result, for callers trying several names)."""
    best = None
    lowered = None
    for length in range(2, min(len(before), 18) + 1):
        name = before[-length:]
        if not _NICK_TEXT.fullmatch(name) or len(_CJK_CHAR.findall(name)) > 14:
            break
        if name[0].isalnum() and name[0].isascii() and before[-length - 1: -length].isascii() \
                and before[-length - 1: -length].isalnum():
            continue  # (never part of a Latin word: PC of OPC)
        # (山东县域那个三年方案: a pointer inside the description is no part of the name)
        clean = _POINTER_INSIDE.sub("", name)
        # 宁波OPC意见: a Latin word or a number counts as one piece, in any case
        pieces = [c.lower() for c in _NICK_PIECE.findall(clean) if c not in _TITLE_FILLER]
        if len(pieces) < 2 or _BEFORE_A_NAME.match(name):
            continue  # (按照国务院工作规则: 按照 is how it is asked, not the name)
        if prepared is None:  # each document's title text, once per call
            prepared = _titles_said(docs, gist, openings)
        titled, said = prepared
        latin = not clean.isascii() and any(c.isascii() for c in clean)
        pairs = [a + b for a, b in itertools.pairwise(pieces)] if latin else \
            [clean[i:i + 2] for i in range(len(clean) - 1)]
        if latin and lowered is None:  # (the titles in lower case, once per call)
            lowered = {d: title.lower() for d, title in said.items()}
        scores = {}
        for doc_id, title in (lowered if latin else said).items():
            shared = sum(1 for c in pieces if c in title)
            if any(pair in title for pair in pairs):
                scores[doc_id] = shared / len(pieces)
        if not scores:
            continue
        top = max(scores.values())
        if top >= DOC_MATCH:
            tied = [d for d, s in scores.items() if s == top]
            # 国务院工作规则: a title that writes the name whole beats openings that hold
            # its characters here and there
            whole = [d for d in tied if name in titled[d]]
            best = (whole or _most_about(name, tied), length)
    return best


_CHINESE_PROVINCE = lazy_compile(
    "(" + "|".join(sorted((p for p, name in PROVINCES.items() if name != HOME_PROVINCE),
                          key=len, reverse=True))
    + ")(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)?")


def _province_documents(kb, text: str, english: bool) -> tuple[list[str], str]:
    """A question that names one province other than the directory's own, and no
    document, is about that province's documents when there are any (广东核电站周边的规划
    限制区, … around nuclear power plants in Guangdong); the province's name is no topic."""
    if english:
        found = [(m, _PROVINCE_OF_ENGLISH[m.group(1)]) for m in _ENGLISH_PROVINCE.finditer(text)]
    else:
        found = [(m, PROVINCES[m.group(1)]) for m in _CHINESE_PROVINCE.finditer(text)]
    named = {p for _, p in found} - {HOME_PROVINCE}
    if len(named) == 1:
        province = named.pop()
        ids = [d for d, p in _document_provinces(kb).items() if p == province]
        if ids:
            for m, _ in reversed(found):
                text = _blank(text, m.start(), m.end())
            return ids, text
    if named:
        return [], text
    # 宁波区县财政性学前教育经费…: a city or county whose name opens titles (宁波市学前教育
    # 促进条例) names those documents; in English by its pinyin (Anshun's grain reserve)
    places = kb.per_generation("title places", lambda: _title_places(kb.current_headers()))
    if english:
        spelled = _place_spellings(tuple(places))
        said = [(m, places[spelled[_syllables(m.group(1))]])
                for m in _english_place_pattern(tuple(spelled)).finditer(text)]
    else:
        said = [(m, places[m.group(0)]) for m in _place_pattern(tuple(places)).finditer(text)]
    if len({tuple(ids) for _, ids in said}) != 1:
        return [], text
    for m, _ in reversed(said):
        text = _blank(text, m.start(), m.end())
    return list(said[0][1]), text


def _document_provinces(kb) -> dict[str, str | None]:
    """Each current document's province when it is another than the directory's own
    (``document_province``), worked out once per store generation."""
    return kb.per_generation("document provinces", lambda: {
        d: document_province(h.issuer, h.doc_number, h.title)
        for d, h in kb.current_headers().items()})


_TITLE_PLACE = lazy_compile(r"^(?:关于印发《)?(?P<place>[\u4e00-\u9fff]{2,3}?)(?:市|县|区|州|盟)"
                          r"(?!场|民|级|委)")


def _title_places(headers: dict) -> dict[str, tuple[str, ...]]:
    """The cities and counties titles open with (宁波 of 宁波市学前教育促进条例), each with
    its documents; a place that is also a province's name is left to the provinces."""
    out: dict[str, list[str]] = {}
    for doc_id, h in headers.items():
        m = _TITLE_PLACE.match(h.title or "") if h.meta.get("title_from") != "file name" else None
        if m and m.group("place") not in PROVINCES and not _NOT_A_PLACE.search(m.group("place")):
            out.setdefault(m.group("place"), []).append(doc_id)
    return {place: tuple(ids) for place, ids in out.items()}


@lru_cache(maxsize=8)
def _place_pattern(places: tuple[str, ...]) -> re.Pattern:
    # (not inside a longer name: 宁波 of 宁波市, but not 南宁波…; never nothing)
    return re.compile("|".join(map(re.escape, sorted(places, key=len, reverse=True))) or "(?!)")


_NOT_A_PLACE = lazy_compile(r"关于|印发|通知|意见|方案")


@lru_cache(maxsize=8)
def _place_spellings(places: tuple[str, ...]) -> dict[str, str]:
    """Each place by its toneless pinyin (anshun: 安顺); a spelling two places share
    names neither."""
    from pypinyin import lazy_pinyin

    out: dict[str, str | None] = {}
    for place in places:
        spelling = "".join(lazy_pinyin(place))
        out[spelling] = None if spelling in out else place
    return {spelling: place for spelling, place in out.items() if place}


def _syllables(word: str) -> str:
    return re.sub(r"[\W_]", "", word).lower()


@lru_cache(maxsize=8)
def _english_place_pattern(spellings: tuple[str, ...]) -> re.Pattern:
    # a whole word, an apostrophe allowed between any two letters (Xi'an: the syllables
    # are not told apart), and a possessive or "City" after it blanked with it (Anshun's,
    # Meishan City)
    return re.compile(
        r"\b(" + "|".join("['’]?".join(map(re.escape, s)) for s in
                          sorted(spellings, key=len, reverse=True)) + r")\b"
        r"(?:['’]s\b|\s+(?:city|county|municipality)\b)?" if spellings else "(?!)",
        re.IGNORECASE)


# the level an English question gives a body (the county water resources bureau), and how
# the documents' own names of such bodies open
_LOCAL_LEVEL = {"county": ("县",), "city": ("市",), "municipal": ("市",), "township": ("乡", "镇"),
                "town": ("镇",), "district": ("区",), "provincial": ("省",),
                # the State Council's education administrative department: 国务院教育行政部门
                "state council": ("国务院",)}
# "the county hydrology station", "district-level housing and urban-rural development
# departments": a level, a few words of what the body does, and the kind of body
_LEVEL_BODY = lazy_compile(
    r"\b(" + "|".join(_LOCAL_LEVEL) + r")(?:['’]s)?(?:[\s-]+level)?\s+((?:[a-z'-]+\s+){0,5}?)"
    r"(bureaus?|departments?|offices?|stations?|commissions?|committees?|cent(?:er|re)s?|"
    r"administrations?|authorit(?:y|ies)|agenc(?:y|ies)|teams?|brigades?|branch(?:es)?|"
    r"governments?|divisions?|sections?)\b", re.IGNORECASE)
# the kind of body as the documents end its name (bureau: 县水利局)
_BODY_KIND = {"bureau": "局", "station": "站", "office": "办", "commission": "委",
              "committee": "委", "center": "中心", "centre": "中心", "government": "政府",
              "team": "队", "brigade": "队", "branch": "分局", "division": "处",
              "section": "科", "administration": "局", "authority": "局", "agency": "局",
              "department": "部门"}


# what opens a body's name and says where, not what: 山东省, 上海市, 省, 国家 …
_PLACE_OPENING = lazy_compile(
    r"^(?:" + "|".join(sorted(PROVINCES.values(), key=len, reverse=True)) + r"|省|国家|国务院|"
    r"中华人民共和国)")


def _local_names(kb, documents: list[str]) -> list[str]:
    """The bodies the documents in scope (else all documents) name that the directory
    lacks, or name as a class of one level (区住房城乡建设管理部门)."""
    if documents:
        return _unlisted(_scope_refs(kb, documents))
    return kb.per_generation("local_names", lambda: [
        n for n in dict.fromkeys(kb.store.written_unit_names() + kb.store.class_unit_names())
        if not is_vague(n)])


def _scope_refs(kb, documents: list[str]) -> list:
    """Every unit reference of the clauses of ``documents``."""
    return [u for d in documents for c in kb.store.clauses(doc_id=d)
            for u in c.lead_units + c.coop_units]


def _unlisted(refs) -> list[str]:
    """Of unit references, the names the directory lacks or that name a class of one
    level, vague ones (有关部门) left out, each once."""
    return list(dict.fromkeys(u.name for u in refs
                              if (not u.known or u.generic) and not is_vague(u.name)))


_BODY_END = lazy_compile(r"(?:厅|局|委|委员会|部|办|办公室|主管部门|行政部门|部门|站|中心)$")


def _names_it(name: str, words: str) -> bool:
    """Whether a body's name holds ``words`` (水利 in 县水利局), or its own words are their
    abbreviation (环保 of 县环保局 for 环境保护, 发改 for 发展改革): the same first
    character, the rest in order."""
    if words in name:
        return True
    own = _BODY_END.sub("", re.sub(r"^(?:[县市区乡镇省]级?|[县市区]委)", "", name))
    if len(own) < 2 or own[0] != words[0] or len(own) >= len(words):
        return False
    rest = iter(words[1:])
    return all(ch in rest for ch in own[1:])


def _level_bodies(kb, text: str, documents: list[str]) -> list[tuple[int, int, str]]:
    """"the county water resources bureau", "the county hydrology station" in a question
    on a county's documents: the body they name as written (县水利局, 县水文站), not the
    directory's provincial department. Found among the bodies the documents name by the
    level's opening character and what the body does: the words of the directory
    department the phrase names (水利 of 水利厅), or the glossary's senses of its words
    (hydrology → 水文); a phrase that fits several names, or none, is left alone."""
    found: list[tuple[int, int, str]] = []
    names = None
    glossary = default_glossary()
    for m in _LEVEL_BODY.finditer(text):
        if names is None:
            names = _local_names(kb, documents)
        openings = _LOCAL_LEVEL[m.group(1).lower()]
        # the level's own bodies: 县水利局, 区住房城乡建设管理部门 (not 县级以上人民政府…)
        local = [n for n in names if n.startswith(openings) and "以上" not in n[:5]]
        if not local:
            continue
        cores: set[str] = set()
        for hit in glossary.translate(f"{m.group(2)}{m.group(3)}"):
            unit = kb.store.directory.resolve(hit.chinese) if hit.kind == "unit" else None
            if unit is not None:
                own = kb.store.directory.get(unit.counterpart) if unit.counterpart else None
                for alias in (unit.name, *unit.aliases, *unit.former, *unit.functions,
                              *(own.aliases if own else ())):
                    core = _BODY_END.sub("", _PLACE_OPENING.sub("", alias))
                    if len(core) >= 2:
                        cores.add(core)
        senses: dict[int, set[str]] = {}  # each word's senses (hydrology → 水文)
        for hit in glossary.translate(m.group(2)):
            if hit.kind == "topic" and len(hit.chinese) >= 2:
                senses.setdefault(hit.start, set()).add(hit.chinese)
        fits = [n for n in local if any(_names_it(n, c) for c in cores)]
        if not fits and senses:  # every word the glossary knows, in some sense (the
            # municipal data bureau: 市数据局, where the directory's data bureau is 大数据局)
            fits = [n for n in local
                    if all(any(_names_it(n, w) for w in ws) for ws in senses.values())]
        head = m.group(3).lower()  # (bureaus, branches, agencies: the singular's kind)
        kind = next((_BODY_KIND[form] for form in (head, head[:-1], head[:-2], head[:-3] + "y")
                     if form in _BODY_KIND), None)
        if len(fits) > 1 and kind:
            fits = [n for n in fits if kind in n[-3:]] or fits
        if len(fits) > 1 and kind and len(senses) == 1:
            # (市数据局 and 市数据资源局: the one the words make exactly)
            fits = [n for n in fits if any(n == opening + sense + kind for opening in openings
                                           for sense in next(iter(senses.values())))] or fits
        if len(fits) == 1:
            found.append((m.start(), m.end(), fits[0]))
    found += _class_bodies(kb, text, documents, found)
    return found


# "the medical insurance departments", "finance departments", "health administrative
# departments at all levels": a class of bodies by what they do, as the documents in scope
# write it (医保部门, 财政部门, 各级卫生健康行政部门); one department is the directory's
_CLASS_BODY = lazy_compile(r"\b((?:[a-z'-]+\s+){1,4}?)(administrative\s+)?"
                         r"(departments?|authorit(?:y|ies)|governments)"
                         r"(\s+at\s+(?:all|every|each)\s+levels?)?\b", re.IGNORECASE)
_LEVEL_PREFIX = lazy_compile(r"^(?:各级|各省级|各地|地方各级|省级|市级|县级|地市级(?:以下|以上)?|"
                           r"县级以上(?:地方)?(?:各级)?|国务院|国家|省|市|县|区)")


def _class_bodies(kb, text: str, documents: list[str],
                  taken: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Classes of bodies an English question names in the plural or "at all levels", read
    as the documents in scope name them: what the body does by the glossary (its short
    form counts: 医保 of 医疗保障), "administrative" and "at all levels" choosing among
    the names (医保部门, 各级医保行政部门); (start, end, name) for each."""
    glossary = default_glossary()
    classes = None  # read from the documents at the first phrase that may name one
    found: list[tuple[int, int, str]] = []
    for m in _CLASS_BODY.finditer(text):
        if any(s < m.end() and m.start() < e for s, e, _ in taken):
            continue
        if not m.group(3).lower().endswith("s") and not m.group(4):
            continue  # "the finance department": one body, the directory's (省财政厅)
        if classes is None:
            # (no document named: the classes any document assigns work to)
            classes = list(dict.fromkeys(
                u.name for d in documents for c in kb.store.clauses(doc_id=d)
                for u in c.lead_units + c.coop_units if (u.generic or not u.known)
                and not is_vague(u.name) and u.name.endswith(("部门", "政府")))) if documents \
                else [n for n in kb.per_generation("generic_units", kb.store.generic_unit_names)
                      if n.endswith(("部门", "政府")) and not is_vague(n)]
        # ("local governments": the classes of governments, 地方政府, 县级以上地方人民政府)
        kind = "政府" if m.group(3).lower() == "governments" else "部门"
        of_kind = [n for n in classes if n.endswith(kind)]
        if not of_kind:
            continue
        # (what do the regulations require of agriculture authorities: the words right
        # before the kind say what the body does, as many as fit a name, the others not)
        words = list(re.finditer(r"[a-z'-]+", m.group(1), re.IGNORECASE))
        fits = []
        for first in words:
            senses: dict[int, set[str]] = {}  # medical insurance → 医疗保障 (short: 医保)
            for hit in glossary.translate(m.group(1)[first.start():]):
                if hit.kind in ("topic", "unit") and len(hit.chinese) >= 2:
                    senses.setdefault(hit.start, set()).add(
                        _BODY_END.sub("", _PLACE_OPENING.sub("", hit.chinese)) or hit.chinese)
            fits = [n for n in of_kind
                    if all(any(_names_it(_LEVEL_PREFIX.sub("", n), w) for w in ws if w)
                           for ws in senses.values())] if senses else []
            if fits:
                break
        administrative = bool(m.group(2))
        fits = [n for n in fits if ("行政" in n) == administrative] or fits
        all_levels = bool(m.group(4))
        fits = [n for n in fits if n.startswith(("各级", "地方各级")) == all_levels] or fits
        if fits:
            # the name the documents use most for the class
            best = max(fits, key=lambda n: (len(kb.store.unit_clause_ids(n)), -len(n)))
            # (from the first word that names it: "what measures may local governments"
            # keeps its question words)
            found.append((m.start(1) + first.start() + min(senses), m.end(), best))
    return found


# what may stand before a short form in a body's own name: its place or level (市 of
# 市发改委, 宁波市 of 宁波市发改委, 各市 of 各市发改委)
_PLACE_BEFORE = lazy_compile(r"(?:各|[\u4e00-\u9fff]{0,4}?)(?:省|市|县|区|州|盟|旗|镇|乡)")


# what opens a body's name and says which level or place it is, not what it does:
# 市, 包头市, 县级以上人民政府, 县级以上地方人民政府, 同级
_LEVEL_OPENING = lazy_compile(
    r"^(?:县级以上(?:地方)?(?:各级)?(?:人民政府)?|各级(?:人民政府)?|地方各级(?:人民政府)?|本级|同级|"
    r"上一级(?:人民政府)?|(?:各|[\u4e00-\u9fff]{0,4}?)(?:省|市|县|区|州|盟|旗))")
_BODY_KINDS = lazy_compile(r"(?:局|厅|委|办|中心|部门|机构|机关|站)$")


def _scope_bodies(text: str, refs: list, mentions: list) -> list:
    """Bodies of the documents in scope (their unit references ``refs``) that ``text``
    names by what they are after their level or place (教育局 for 市教育局), where the
    question's own unit words found nothing there; a form that two of the documents'
    bodies share names neither."""
    from .units_in_text import Mention

    cores: dict[str, set[str]] = {}
    for name in _unlisted(refs):
        opening = _LEVEL_OPENING.match(name)
        core = name[opening.end():] if opening else ""
        if len(core) >= 3 and _BODY_KINDS.search(core):
            cores.setdefault(core, set()).add(name)
    taken = [(m.start, m.end) for m in mentions]
    found = []
    for core in sorted(cores, key=len, reverse=True):
        if len(cores[core]) != 1:
            continue
        for m in re.finditer(re.escape(core), text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            name = next(iter(cores[core]))
            found.append(Mention(core, m.start(), m.end(), (Unit(name=name, level="local"),)))
    return found


def _as_scope_names(mentions, refs: list, text: str = "") -> list:
    """A unit named as the documents in scope name none of its readings, but as one of
    their own bodies does: that body. 发改委 in a question on a city's document whose
    notes write 市发改委 (the directory's 发改委 are the national and provincial ones);
    科技部门 in a plan that writes 科技部门 itself. A level written just before the name
    (市民政部门 in ``text``, where the documents write 市民政部门 and 区民政部门) is the
    body of that level. ``refs``: every unit reference of the documents' clauses."""
    from .units_in_text import Mention

    named = {u.name for u in refs}
    local: list[str] | None = None
    out = []
    for mention in mentions:
        level = text[mention.start - 1: mention.start] if mention.start > 0 else ""
        if level and level in "省市县区" and level + mention.surface in named:
            mention = Mention(level + mention.surface, mention.start - 1, mention.end,
                              (Unit(name=level + mention.surface, level="local"),))
        elif not any(u.name in named for u in mention.units):
            if local is None:
                local = _unlisted(refs)
            surface = mention.surface
            own = [name for name in local if name == surface] or [
                name for name in local if name.endswith(surface)
                and (_PLACE_BEFORE.fullmatch(name[: -len(surface)])
                     or _LEVEL_OPENING.fullmatch(name[: -len(surface)]))]
            if len(own) == 1:
                mention = Mention(surface, mention.start, mention.end,
                                  (Unit(name=own[0], level="local"),))
        out.append(mention)
    return out


# the verb right after a document the question names (a blank where it was): 预案规定,
# 方案要求, 意见提出, 文件里明确
_SAYS = lazy_compile(r"(?<= )(?:里|中|上)?(?:规定|要求|提出|明确|指出|提到|写明|讲到|说到|写到)(?:了|的)?"
                   r"(?=[\u4e00-\u9fff])")


_GLOSS_OPENS = lazy_compile(r"\s*[（(]\s*(?:the\s+|i\.e\.,?\s*|即|也就是)?", re.IGNORECASE)
_GLOSS_CLOSES = lazy_compile(r"\s*[)）]")


def _glosses(text: str, mentions: list) -> list:
    """The mentions that only repeat, in brackets, the unit named just before them."""
    ordered = sorted(mentions, key=lambda m: m.start)
    return [after for before, after in itertools.pairwise(ordered)
            if _GLOSS_OPENS.fullmatch(text, before.end, after.start)
            and _GLOSS_CLOSES.match(text, after.end)]


def _resolve_units(kb, mentions, scope_levels: set[str]) -> tuple[list[Unit], list[Unit]]:
    """Units named in a question, one per mention: a short form that names several
    (发改委, 财政部门) is narrowed by the level of the documents in scope, then by which
    of them has duties here; what stays ambiguous is returned as alternatives."""
    out: list[Unit] = []
    alternatives: list[Unit] = []
    for mention in mentions:
        candidates = list(mention.units)
        if len(candidates) > 1 and scope_levels:
            narrowed = [u for u in candidates if u.level in scope_levels]
            candidates = narrowed or candidates
        if len(candidates) > 1:
            useful = [u for u in candidates if kb.store.has_duties(u.name)]
            candidates = useful or candidates[:1]
        if len(candidates) > 1:
            alternatives += [u for u in candidates if u not in alternatives]
            candidates = candidates[:1]
        for unit in candidates:
            if unit not in out:
                out.append(unit)
    return out, alternatives


_ENGLISH_AMOUNT = lazy_compile(
    r"(?<![\w.])(?P<number>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?:(?P<scale>billion|million|thousand)\s*"
    r"(?P<money>yuan|rmb)?|(?P<money2>yuan|rmb)|(?P<percent>percent|per cent|%))")
_SCALES = {"billion": 1e9, "million": 1e6, "thousand": 1e3, None: 1.0}
# a rate per so many (per 10,000 permanent residents → 每万常住人口): Chinese writes the
# unit's character after 每, not the number
_ENGLISH_PER = lazy_compile(
    r"\bper\s+(?:(?P<number>100|1,?000|10,?000|100,?000|1,?000,?000)|"
    r"(?:one\s+|a\s+)?(?P<word>hundred|thousand|ten\s+thousand|hundred\s+thousand|million))\b")
_PER_UNITS = {100: "每百", 1000: "每千", 10_000: "每万", 100_000: "每十万", 1_000_000: "每百万"}
_PER_WORDS = {"hundred": 100, "thousand": 1000, "ten thousand": 10_000,
              "hundred thousand": 100_000, "million": 1_000_000}


# a province in English (Henan, Inner Mongolia, Guangxi Zhuang Autonomous Region)
_PROVINCE_OF_ENGLISH = {re.sub(r" (?:Province|Municipality|Autonomous Region|Zhuang|Hui|Uygur)",
                               "", english): chinese
                        for chinese, english in ENGLISH_PROVINCES.items()}
_ENGLISH_PROVINCE = lazy_compile(r"\b(" + "|".join(
    sorted(_PROVINCE_OF_ENGLISH, key=len, reverse=True)) + r")\b")
_YEAR = lazy_compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)\s*年?")
_BASELINE_BEFORE = lazy_compile(
    r"(?:比|较|相比|相较|对比|与|同)\s*$|\b(?:compared\s+(?:with|to)|relative\s+to|than|over|"
    r"from|since|against|versus|vs\.?)\s+(?:(?:the|its|their)\s+)?(?:levels?\s+(?:of|in)\s+)?$",
    re.IGNORECASE)
# the year a document was issued, naming it (under the 2020 opinions on…, 2025年发的那个
# 通知里): no year asked about
_DOCUMENT_YEAR = lazy_compile(
    r"(?:19|20)\d{2}\s*(?:年(?:\d{1,2}月|[初末中])?(?:(?:(?:发布|印发|出台|下发|发)的?|的)(?:那份|那个|这份|这个)?"
    r"[\u4e00-\u9fff]{0,12}?)?(?:意见|通知|方案|办法|规定|文件|条例|决定|计划|规划|纲要|细则|批复|函)|"
    r"年(?:\d{1,2}月|[初末中])?(?:发布|印发|出台|下发|发)的|"
    r"\s+(?:[a-z-]+\s+){0,2}?(?:plan|guidelines?|guidance|notice|circular|opinions?|measures|"
    r"regulations?|rules|document|file|programme|scheme|decision|provisions|outline|reply|"
    r"letter)\b)", re.IGNORECASE)
# the date a document came out, before its year (the guideline from early 2019, issued in
# late 2018): no year asked about (a target is "by the end of 2025", "in 2025")
_DATE_BEFORE = lazy_compile(
    r"\b(?:(?:issued|published|released|adopted|dated|promulgated|signed|came\s+out)\s+"
    r"(?:(?:in|on)\s+)?(?:(?:early|late|mid)[\s-]+)?|(?:from|in)\s+(?:early|late|mid)[\s-]+)$",
    re.IGNORECASE)
_BASELINE_AFTER = lazy_compile(r"\s*(?:相比|基础上|的?水平|底|末|年底|年末)|\s*(?:levels?|baseline|base\s+year)\b",
                             re.IGNORECASE)


def _chinese_amount(m: re.Match) -> str:
    """An English amount as Chinese documents write it: 100 billion yuan → 1000亿元,
    2.5 million → 250万, 30 percent → 30%."""
    number = m.group("number").replace(",", "")
    if m.group("percent"):
        return number + "%"
    value = float(number) * _SCALES[m.group("scale")]
    if value >= 1e8:
        text = f"{value / 1e8:g}亿"
    elif value >= 1e4:
        text = f"{value / 1e4:g}万"
    else:
        text = f"{value:g}"
    return text + ("元" if m.group("money") or m.group("money2") else "")


_ISSUES = lazy_compile(r"(?:那个|这个|这份|那份|印发的|发的|出台的|发布的|关于)"
                     r"[^，,。？?；;在哪谁什]{0,40}?(?:通知|意见|方案|办法|规定|文件|预案|函|决定|批复)")
_GIVEN_TO = lazy_compile(r"(?:给|为|向|对|让)$")
_REQUESTS = lazy_compile(r"\s*(?:要求|责成|让|叫|请|部署|安排|提出|规定)(?=[^，,。？?]*(?:哪些|哪个|谁|哪家|什么))")


# an English name in quotes with a comma inside ('double random, one public'): its words
# are one phrase, the comma no break in a document's name
_QUOTED = lazy_compile(r"(?<![\w])['‘\"“]([A-Za-z][A-Za-z \-]{0,30},[A-Za-z ,\-]{1,30}?)['’\"”](?![\w])")


def _asks_figures(cue_text: str, units: list, duty, year: int | None, who: bool) -> bool:
    """Whether a target cue asks figures: 指标 after a duty word for one unit (哪几项指标)
    names the items of its work, and beside a who-word (考评指标中…的牵头考核单位是哪个) the
    item whose unit is asked."""
    cues = {m.group(0) for m in _cue("target").finditer(cue_text)}
    return bool(cues) and not (cues == {"指标"} and year is None
                               and (len(units) == 1 and duty or who))


def _in_title(headers: dict, documents: list[str], text: str, year: re.Match) -> bool:
    """Whether the year is one a document in scope has in its title, with the words the
    question goes on with (包头2022年数字政府考评里: 包头市2022年数字政府建设考评办法),
    so that it names the document, not a year asked about."""
    said = f"{year.group(1)}年" + re.sub(r"\s", "", text[year.end():year.end() + 4])[:2]
    return len(said) >= 7 and any(said in (headers[d].title or "") for d in documents
                                  if d in headers)


def parse(kb, question: str) -> Parsed:
    text = normalize(question)
    latin = len(re.findall(r"[A-Za-z]", text))
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    english = latin > cjk
    if english:  # (the same length: offsets into the question stay right)
        text = _QUOTED.sub(lambda m: " " + m.group(1).replace(",", " ") + " ", text)
    else:  # 负责或参与哪些任务: either role, the unit's duties (the same length, too)
        text = _EITHER_ROLE_DUTY.sub(lambda m: "承担" + " " * (len(m.group(0)) - 2), text)
    directory = kb.store.directory
    documents, unknown_documents, text_wo_docs = _documents(kb, text)
    if documents and not english:  # 预案规定…, 方案要求…: what the document says is no topic
        text_wo_docs = _SAYS.sub(lambda m: " " * len(m.group(0))
                                 if text[m.start() - 1] != " " else m.group(0), text_wo_docs)
    if english and not documents:  # in China's grain emergency plan: the possessive opens it
        documents, text_wo_docs = _english_documents(kb, text_wo_docs)
    by_province = False
    if not documents:  # 广东核电站周边的规划限制区 / … nuclear power plants in Guangdong
        documents, text_wo_docs = _province_documents(kb, text_wo_docs, english)
        by_province = bool(documents)
    if english:  # the State Council's opinions: the possessive is no word
        text, text_wo_docs = (re.sub(r"(?<=[A-Za-z])(?<!people)['’]s\b", "", t,
                                     flags=re.IGNORECASE) for t in (text, text_wo_docs))
    headers = kb.current_headers()
    scope_levels = {lvl for d in documents if d in headers
                    for lvl in [document_level(headers[d].issuer, headers[d].doc_number,
                                               headers[d].title)] if lvl}
    mentions = []
    extra_terms: list[str] = []
    cjk_parts: list[str] = []
    extra_groups: list[list[str]] = []
    compounds: list[str] = []
    absent_nouns: dict[tuple[int, int], str] = {}
    groups: dict[tuple[int, int], list[str]] = {}  # an English phrase's Chinese terms
    cues = ""
    # the year asked: the first one that is not a baseline (compared with 2023 levels,
    # 比2023年增长, 较2023年, 在2023年基础上); every year is a date, no topic word
    rest = text_wo_docs
    year = None
    for year_match in _YEAR.finditer(text_wo_docs):
        window = max(0, year_match.start() - 24)
        dated = _DATE_BEFORE.search(text_wo_docs[window:year_match.start()])
        if dated:  # (issued in early 2019: no word of it a topic)
            rest = _blank(rest, window + dated.start(), year_match.start())
        baseline = dated or _BASELINE_BEFORE.search(text_wo_docs[max(0, year_match.start() - 16):
                                                                 year_match.start()]) \
            or _BASELINE_AFTER.match(text_wo_docs, year_match.end()) \
            or _DOCUMENT_YEAR.match(text_wo_docs, year_match.start()) \
            or len(text) == len(text_wo_docs) and _DOCUMENT_YEAR.match(text, year_match.start()) \
            or _in_title(headers, documents, text, year_match)
        if year is None and not baseline:
            year = int(year_match.group(1))
        rest = _blank(rest, year_match.start(), year_match.end())
    if english:
        from .units_in_text import Mention

        lowered = rest.lower()
        for m in _ENGLISH_PER.finditer(lowered):
            count = (int(m.group("number").replace(",", "")) if m.group("number")
                     else _PER_WORDS[re.sub(r"\s+", " ", m.group("word"))])
            extra_terms.append(_PER_UNITS[count])
            groups[(m.start(), m.end())] = [_PER_UNITS[count]]
            lowered = _blank(lowered, m.start(), m.end())
        for m in _ENGLISH_AMOUNT.finditer(lowered):
            # 100 billion yuan is written 1000亿元, 50 percent 50%
            chinese = _chinese_amount(m)
            extra_terms.append(chinese)
            groups[(m.start(), m.end())] = [chinese]
            lowered = _blank(lowered, m.start(), m.end())
        for start, end, name in _level_bodies(kb, lowered, documents):
            # the county hydrology station → 县水文站, as the documents write it
            mentions.append(Mention(name, start, end, (Unit(name=name, level="local"),)))
            lowered = _blank(lowered, start, end)
        # the financial regulatory authorities (金融管理部门): a body the asker names in
        # Chinese is that body, and the English words it glosses are no topic
        for m in _GLOSSED.finditer(lowered):
            chinese = m.group(2)
            found = kb.unit_lexicon.find(chinese)
            if len(found) == 1 and found[0].surface == chinese:
                mentions.append(Mention(chinese, m.start(2), m.end(2), found[0].units))
                lowered = _blank(lowered, m.start(1), m.end())
                rest = _blank(rest, m.start(2), m.end(2))
        hits = default_glossary().translate(lowered)
        # farmland suitable for machinery (宜机化): the words the asker glossed with the
        # Chinese term itself are that term, not topics of their own
        glossed = [(m.start(1), m.end(1)) for m in _GLOSSED.finditer(lowered)]
        hits = [h for h in hits if h.kind in ("unit", "question", "phrasing")
                or not any(start <= h.start and h.end <= end for start, end in glossed)]
        # a phrase some sense of which the clauses use (the others are the dictionary's)
        used = {(h.start, h.end) for h in hits if h.kind == "topic"
                and (h.curated or _in_index(kb, h.chinese))}
        asked = lowered
        for start, end, chinese, unit in _composed_units(kb, lowered, hits):
            # the office of the joint conference → 联席会议办公室
            mentions.append(Mention(chinese, start, end, (unit,)))
            lowered = _blank(lowered, start, end)
            hits = [h for h in hits if h.end <= start or h.start >= end]
        for hit in hits:
            if hit.kind == "unit":
                # a body the directory lacks but the documents name (Sinograin: 中国储备粮管理总公司)
                written = kb.unit_lexicon.surfaces.get(hit.chinese, ())
                unit = directory.resolve(hit.chinese) or (written[0] if len(written) == 1 else None)
                # the State Council General Office guideline: the issuer names a document
                # (the Drug Administration Law names a law, not the administration)
                issuer = re.match(rf"\s+(?:{_DOC_KINDS}|laws?|act)\b", lowered[hit.end:])
                if unit is not None and not issuer:
                    mentions.append(Mention(hit.chinese, hit.start, hit.end, (unit,)))
            elif hit.kind == "phrasing":
                pass  # "point me to the clause", "is there any requirement": no topic
            elif hit.kind == "question" or _frame().fullmatch(hit.chinese):
                cues += hit.chinese + " "  # a translation that is a question word is a cue
            elif not hit.curated and not _in_index(kb, hit.chinese):
                # A dictionary sense no clause uses (size → 尺寸) is no topic here; the
                # hand-checked glossary's terms count even when absent (low-altitude
                # economy → 低空经济: nothing found), and so does a noun no sense of
                # which any clause uses (elevator → 电梯, cigarette → 香烟): a topic the
                # documents do not hold, weighed as the Chinese word would be.
                # (only one word heading a noun phrase: premium sports events, Japanese
                # chemical weapons have modifiers whose dictionary nouns are other things,
                # and a phrasal verb (make up → 化妆) is no noun)
                span = (hit.start, hit.end)
                after = re.match(r"[\s-]*([a-z]+)", asked[hit.end:])
                head = " " not in hit.english and hit.english not in _english_stop() and (
                    after is None or after.group(1) in _english_stop())
                if span not in used and span not in groups \
                        and kb.analyzer.is_noun(hit.chinese):
                    if head:
                        extra_terms.append(hit.chinese)
                        groups[span] = [hit.chinese]
                        lowered = _blank(lowered, hit.start, hit.end)
                    elif " " not in hit.english and hit.english not in _english_stop():
                        # funeral reform: a modifier no sense of which any clause uses;
                        # it is the topic when the word it modifies is a common one
                        absent_nouns.setdefault(span, hit.chinese)
                continue
            else:
                extra_terms.append(hit.chinese)
                groups.setdefault((hit.start, hit.end), []).append(hit.chinese)
            lowered = _blank(lowered, hit.start, hit.end)
        # Xiong'an, Badong: a name in pinyin is the Chinese the documents write
        for start, end, chinese in proper_nouns(kb, lowered, _english_stop()):
            extra_terms.append(chinese)
            groups[(start, end)] = [chinese]
            lowered = _blank(lowered, start, end)
        # …the Zhangyuan historic area: a capitalised name inside a document, spelled out
        # through the index (not the first word of a sentence, nor a word the glossary knows)
        for m in re.finditer(r"(?<![.?!]\s)(?<!^)\b[A-Z][a-z]{3,}(?:['’][a-z]+)?\b", rest):
            word = m.group(0).lower()
            if lowered[m.start():m.end()] != word or word in _english_stop():
                continue
            chinese = index_name(kb, word)
            if chinese:
                extra_terms.append(chinese)
                groups[(m.start(), m.end())] = [chinese]
                lowered = _blank(lowered, m.start(), m.end())
        extra_groups = list(groups.values())
        compounds = [group[0] for (start, end), group in groups.items()
                     if len(group) == 1 and re.search(r"[a-z][\s-]+[a-z]", asked[start:end])]
        # English words the glossary does not know may still be terms (EOD, 5G, IPO).
        leftovers = [w for w in re.findall(r"[a-z0-9]+", lowered)
                     if len(w) >= 2 and w not in _english_stop()]
        cjk_parts = re.findall(r"[\u4e00-\u9fff]+", rest)
        rest = " ".join(leftovers + cjk_parts)
        cue_text = cues + " " + text_wo_docs.lower()  # a document described is no cue
    else:
        mentions = _shared_suffix(kb, rest, kb.unit_lexicon.find(rest))
        # 清单最晚什么时候交给省生态环境厅: the unit the work goes to is part of the topic,
        # not a unit whose duties are asked
        # (but of several units all named so, none is left out)
        to_whom = [m for m in mentions if _TO_WHOM.search(rest, 0, m.start)]
        if to_whom and (len(mentions) < 2 or len(to_whom) < len(mentions)):
            mentions = [m for m in mentions if m not in to_whom]
        # 新型研发机构的理事会负责哪些事项: the body whose organ is asked about is no unit asked
        mentions = [m for m, after in zip(mentions, mentions[1:] + [None])
                    if after is None or rest[m.end:after.start] != "的"]
        # 地方政府可以采取哪些措施支持新型研发机构建设: a body the work is for is no unit asked
        # (of several named; alone, 支持科技厅的是哪些部门 still asks about it)
        objects = [m for m in mentions if _FOR_WHOM.search(rest, 0, m.start)]
        if objects and len(objects) < len(mentions):
            mentions = [m for m in mentions if m not in objects]
        cue_text = text_wo_docs
        for m in reversed(mentions):
            rest = _blank(rest, m.start, m.end)
            # a unit's name is no cue (供销合作总社 is not 合作, 残联 not 联合)
            cue_text = _blank(cue_text, m.start, m.end)
        # 国办要求哪些部门配合: the unit that asks is not the one asked about; 按国务院办公厅
        # 那个…意见: the issuer names a document
        # (but 给卫生健康部门安排了哪些活: the unit given the work is asked about)
        mentions = [m for m in mentions if not (_REQUESTS.match(text_wo_docs, m.end)
                                                and not _GIVEN_TO.search(text_wo_docs, 0, m.start))
                    and not _ISSUES.match(text, m.end)]
    scope_refs = cache(lambda: _scope_refs(kb, documents))  # (read once, if at all)
    if documents and not english:
        # 包头教育局 of a plan whose notes write 市教育局, 卫生主管部门 of a regulation that
        # writes 县级以上人民政府卫生主管部门: bodies in scope named without their level
        found = _scope_bodies(rest, scope_refs(), mentions)
        for m in found:
            rest = _blank(rest, m.start, m.end)
            cue_text = _blank(cue_text, m.start, m.end)
        mentions = sorted(mentions + found, key=lambda m: m.start)
    period = bool(_PERIOD_CUES.search(text.lower()))
    if period:
        rest = _PERIOD_CUES.sub(" ", rest)
    topic = _strip_frame(kb, rest) if not english else rest
    topic = " ".join(topic.split())
    if documents and mentions and (not english or any(
            re.match(r"[\u4e00-\u9fff]", m.surface) for m in mentions)):
        mentions = _as_scope_names(mentions, scope_refs(), text)
    # 省人社厅（省级人社部门）/ the HRSS department (the provincial HRSS department): a
    # name in brackets after a unit is another name of it, not a second unit asked
    glosses = _glosses(text_wo_docs, mentions)
    mentions = [m for m in mentions if m not in glosses]
    units, alternatives = _resolve_units(kb, mentions, scope_levels)
    units = _same_level(kb, units, scope_levels)
    also_named = [u for u in _resolve_units(kb, glosses, scope_levels)[0]
                  if u not in units] if glosses else []
    # 省财政厅 in a question on another province's document is that province's (河南省财政厅)
    of_document = _document_provinces(kb)
    provinces = {of_document[d] for d in documents if d in of_document}
    province = provinces.pop() if len(provinces) == 1 and None not in provinces else None
    if province is None and english and units:
        # the Henan Department of Finance: a province named with a provincial body
        named = {_PROVINCE_OF_ENGLISH[m.group(1)]
                 for m in _ENGLISH_PROVINCE.finditer(text)} - {HOME_PROVINCE}
        if len(named) == 1 and any(u.level == "provincial" for u in units):
            province = named.pop()
            short = province[:2]
            extra_groups = [g for g in extra_groups if not any(short in w for w in g)]
            extra_terms = [w for w in extra_terms if short not in w]
    if province:
        units = [localised(u, province) for u in units]
        alternatives = [localised(u, province) for u in alternatives]
    # (持密单位需要配合哪些部门的检查: whom it works for, the bodies that lead, is asked)
    asks_coop = bool(_cue("coop").search(_ASSISTS_WHOM.sub(" ", cue_text)))
    who = bool(_cue("who").search(cue_text))
    if english and asks_coop and not who:
        # "apps must support IPv6" names no cooperating unit; "which agencies support …" does
        asks_coop = bool(_ENGLISH_TAKES_PART.search(cue_text))
    # 除了牵头的，还有谁参与 / besides the lead, who takes part: the lead is not what is asked
    asks_lead = bool(_cue("lead").search(_BESIDES_THE_LEAD.sub(" ", cue_text)))
    # (which ministries are listed after the lead unit: who else, the cooperating ones)
    asks_coop = asks_coop or (who and bool(_BESIDES_THE_LEAD.search(cue_text)))
    role = "coop" if asks_coop and not asks_lead else ("lead" if asks_lead and units else None)

    # English words the glossary does not know (policies, take part) are search terms,
    # not a topic that turns "what does the Ministry of Finance do" into a search.
    # (a Chinese term an English question writes itself is a topic: … suitable for machinery (宜机化))
    has_topic = bool(extra_terms) or (bool(topic) and (
        not english or bool(re.search(r"[\u4e00-\u9fff]{2}", topic))))
    duty = bool(_cue("duty").search(cue_text) or _cue("lead").search(cue_text)
                or asks_coop)
    partner_of = None
    with_units: list[Unit] = []
    candidates: list[Unit] = []
    together = bool(_cue("partner").search(cue_text))  # 共同, jointly: a shared question
    # 除了教育部，联席会议还有哪些成员单位 / besides MoE, which ministries make it up: the
    # others named with it (but 除了牵头的X，还有哪些单位配合 asks for the cooperating units)
    together = together or bool(_BESIDES.search(cue_text) and len(units) == 1 and who
                                and not asks_lead and not asks_coop)
    # 省财政厅之外配合的部门都有谁: the others named with the unit, whichever role they have
    together = together or bool(len(units) == 1 and len(mentions) == 1 and who
                                and re.match(r"(?:之外|以外)", text_wo_docs[mentions[0].end:])
                                and not _cue("lead").search(cue_text))
    check = _cue("check").search(cue_text) or (english and _ENGLISH_YES_NO.match(text))
    # 是省地震局设的吗: a yes-or-no question whose subject is the unit guessed
    guessed_subject = (check and not english and mentions
                       and "是" in text_wo_docs[:mentions[0].start])
    guessed = (check and (who or duty or guessed_subject)
               or (len(units) >= 2 and who and not english))
    lead_at = _cue("lead").search(cue_text)
    coop_after = lead_at and _cue("coop").search(cue_text, lead_at.end())
    if english:  # which agencies support MIIT in …: the unit helped is the lead
        coop_after = asks_coop and who and not asks_lead
    if _EITHER_ROLE.search(cue_text.lower()):  # X是牵头还是配合: X's role is asked, X a guess
        coop_after = False
    if units and has_topic and coop_after and not together:
        # 人社部牵头，配合的是哪家 / 牵头的是农业农村部我知道，配合部门有哪些，有没有Y:
        # the lead is stated, the cooperating units are asked; the first unit named is
        # the lead the asker knows, any other a guess to check
        intent, role, partner_of = "who_leads", "coop", units[0]
        candidates, units = units[1:], []
    elif units and has_topic and guessed and not together:
        # 是市场监管局牵头吗 / 牵头的是税务还是海关 / 住建厅和财政厅，谁牵头… / is it X or Y
        # that leads: the units named are guesses to check against the clause that
        # answers, not a filter on it
        intent, candidates, units = "who_leads", units, []
        role = "coop" if asks_coop and not asks_lead else "lead"
    elif has_topic and (len(units) == 1 and together and (who or duty) or len(units) >= 2
                        and _WITH_WHOM.search(cue_text.lower()) and not check):
        # 住建厅是跟哪个部门一起组织的 / who did the General Office team up with, and who do
        # the NDRC and the State Grain Administration partner with (发改委和粮食局会同哪个部门):
        # the partners of the units named, in whichever role (co-leads, or a 会同 partner),
        # unless a role is asked
        intent, partner_of, with_units = "who_leads", units[0], units[1:]
        role = "coop" if (asks_coop or "会同" in cue_text) and not asks_lead else None
        units = []
    elif len(units) >= 2:
        intent = "shared"
    # (每年的招生计划由哪个部门核定: a period beside a who-word asks who, not a figure)
    # (包头教育局牵头考核哪几项指标: the items a unit's work is measured by, which it leads,
    # are its duties; 到2025年要达到哪些指标 asks figures)
    elif (_asks_figures(cue_text, units, duty, year, who) or (period and not who)
          or (year is not None and not units and not who)):
        intent = "targets"
    elif len(units) == 1 and (not has_topic or (duty and not who and _short_topic(kb, topic))):
        intent = "unit_duties"
    elif who and has_topic:
        # "which departments handle customs clearance", 地方政府开的政务微博归口哪个单位主管:
        # a unit word inside the topic does not make it a question about that unit.
        intent = "who_leads"
        extra_terms += [u.name for u in units] if english else [m.surface for m in mentions]
        units = []
    elif units:
        intent = "search"
    elif (who or duty) and has_topic:
        intent = "who_leads"
    elif documents and not has_topic:
        intent = "document"
    else:
        intent = "search"
    loose = by_province or bool(documents) and not _DOC_NUMBER.search(text) and not \
        _SHORT_NUMBER.search(text) and all(headers[d].meta.get("title_from") == "file name"
                                           for d in documents if d in headers)
    each = intent == "shared" and bool(_EACH.search(text))
    surfaces = {u.name: m.surface for m in mentions for u in m.units}
    for unit in units + alternatives:  # (河南省财政厅 as the question wrote 省财政厅)
        if unit.counterpart in surfaces:
            surfaces.setdefault(unit.name, surfaces[unit.counterpart])
    to_whom = intent == "who_leads" and not partner_of and bool(
        _ASKS_TO_WHOM.search(text if english else text_wo_docs))
    return Parsed(question, intent, units, topic, year, english, role, extra_terms, period,
                  documents, unknown_documents, alternatives, extra_groups, partner_of,
                  candidates, duty, loose, each, with_units, surfaces, to_whom,
                  list(dict.fromkeys(absent_nouns.values())),
                  [w for span in absent_nouns for w in _head_of(span, groups)],
                  cjk_parts, compounds, also_named)


def _head_of(span: tuple[int, int], groups: dict) -> list[str]:
    """The Chinese of the English words a modifier at ``span`` modifies: the next phrase
    translated, a few characters on (e-cigarette sales: sales → 销售)."""
    after = [key for key in groups if span[1] <= key[0] <= span[1] + 3]
    return list(groups[min(after)]) if after else []


# 报到哪个机关备案, 材料交给哪个部门, 向哪个部门申请, to which authority … be reported
_ASKS_TO_WHOM = lazy_compile(
    r"(?:报|送|交|递交|提交|上报|报送|备案|申请|申报)(?:给|到|至)?(?:哪个|哪些|哪一个|哪家|哪级|什么)"
    r"(?:部门|机关|机构|单位)(?!初审|审核|审查|审批|受理|处理|核准|批准)|"
    r"向(?:哪个|哪些|哪一个|哪家|哪级|什么)(?:部门|机关|机构|单位)|"
    r"\b(?:to|with) which (?:authority|authorities|department|agency|body|office|organ)\b|"
    r"\b(?:reported|submitted|filed|sent) to\b", re.IGNORECASE)


# 分别要做什么, 各管哪一块, 各自负责什么, what do X and Y each do: one part for each unit
_EACH = lazy_compile(r"分别|各自|各管|各(?:要|需|应|得)?(?:做|干|管|承担|负责|抓)|\beach\b|respectively")


# 人社和教育部门, 财政、审计部门: the suffix of the last names each of the list
_SHARED_SUFFIX = lazy_compile(r"(?P<names>(?:[\u4e00-\u9fa5]{2,6}[和、及与])+)"
                            r"(?P<last>[\u4e00-\u9fa5]{2,6}?)(?P<count>[两三几]个)?"
                            r"(?P<suffix>部门|厅|局|委)")


def _shared_suffix(kb, text: str, mentions: list) -> list:
    """The question's unit mentions, with the names a shared suffix completes (人社 in
    人社和教育部门: 人社部门)."""
    from .units_in_text import Mention

    added = []
    for m in _SHARED_SUFFIX.finditer(text):
        parts = [(p.group(0), m.start("names") + p.start())
                 for p in re.finditer(r"[^和、及与]+", m.group("names"))]
        if m.group("count"):  # 食药监和卫计两个部门: the last name is apart from its suffix too
            parts.append((m.group("last"), m.start("last")))
        for name, start in parts:
            if any(x.start < start + len(name) and start < x.end for x in mentions):
                continue
            whole = name + m.group("suffix")
            found = kb.unit_lexicon.find(whole)
            if len(found) == 1 and (found[0].start, found[0].end) == (0, len(whole)):
                added.append(Mention(name, start, start + len(name), found[0].units))
    return sorted(mentions + added, key=lambda x: x.start) if added else mentions


_OF_THE = lazy_compile(r"\s+of\s+(?:the\s+)?(?:[a-z][a-z'’-]*\s+){0,2}$")


def _composed_units(kb, text: str, hits) -> list[tuple[int, int, str, Unit]]:
    """Bodies an English question names as "A of (the) B" that the documents write as
    BA: the office of the joint conference → 联席会议办公室, the secretariat of the
    commission → 委员会秘书处; (start, end, Chinese, unit) for each."""
    out = []
    directory = kb.store.directory
    for a in hits:
        for b in hits:
            if b.start <= a.end or not _OF_THE.search(text[a.end: b.start] + " "):
                continue
            name = b.chinese + a.chinese
            written = kb.unit_lexicon.surfaces.get(name, ())
            unit = directory.resolve(name) or (written[0] if len(written) == 1 else None)
            if unit is not None and not any(s < b.end and a.start < e for s, e, _, _ in out):
                out.append((a.start, b.end, name, unit))
    return out


def _in_index(kb, chinese: str) -> bool:
    """Whether some clause holds the word (or, for a phrase the segmenter splits, all of
    its character bigrams)."""
    if len(cjk_bigrams(chinese)) < 2:
        return bool(kb.index.doc_freq("body", chinese))
    return form_doc_freq(kb, chinese) > 0


def _same_level(kb, units: list[Unit], scope_levels: set[str]) -> list[Unit]:
    """Units asked about together act at one level: 公安部 with "the sports
    administration" means 国家体育总局; 人行 in a Shandong plan means its Shandong branch.
    A unit at another level than the documents in scope (else than the others named) is
    replaced by its counterpart at that level when the counterpart has duties here."""
    levels = scope_levels or ({u.level for u in units} if len(units) >= 2 else set())
    if len(levels) != 1 and len(units) >= 2 and not scope_levels:
        # no documents in scope: the level at which the units named share most clauses
        best, best_shared = set(), 0
        for level in sorted({u.level for u in units}):
            moved = _at_level(kb, units, level)
            shared = len(kb.index.clauses_naming_all([u.name for u in moved], None))
            if shared > best_shared:
                best, best_shared = {level}, shared
        levels = best
    if len(levels) != 1:
        return units
    (level,) = levels
    return _at_level(kb, units, level)


def _at_level(kb, units: list[Unit], level: str) -> list[Unit]:
    out = []
    for unit in units:
        if unit.level != level:
            match = next((c for c in kb.unit_lexicon.counterparts(unit)
                          if c.level == level and kb.store.has_duties(c.name)), None)
            unit = match or unit
        if unit not in out:
            out.append(unit)
    return out


# what the work does for a body named after it: 支持新型研发机构, 推动企业
_FOR_WHOM = lazy_compile(r"(?:支持|推动|鼓励|引导|促进|帮助|扶持|督促|服务于?|面向)$")
# 牵头或参与 / 负责和配合: a unit's work in either role, not a lead stated and partners asked
_EITHER_ROLE_DUTY = lazy_compile(r"(?:牵头|负责)(?:或者?|和|及|、|/)(?:参与|配合|协助)(?=了?(?:哪些|哪几|什么|的))")
# X配合哪些部门 / 协助哪个单位: the bodies X works for, who lead the work
_ASSISTS_WHOM = lazy_compile(r"(?:配合|协助|协同|支持)(?=(?:哪些|哪个|哪几个|哪一个|哪家|什么)(?:部门|单位|机构|机关))")


def _short_topic(kb, topic: str) -> bool:
    """A duty question may keep a word or two of leftovers (县域经济 里 …), or only
    words of phrasing (被安排了哪些任务)."""
    if len(topic.replace(" ", "")) <= 2:
        return True
    phrasing, stop = phrasing_words(), stop_words()
    return all(len(w) == 1 or w in phrasing or w in stop
               for w in kb.analyzer.words(topic) if w.strip())


_ENGLISH_STOP = frozenset(
    """a an the of on in for to by and or with is are was be what which who whom whose how
    does do did lead leads led department departments responsible charge tasks task duties
    duty due by until please show list me about any all that this those these there their
    province provincial shandong at as from into via per over under more most than its it
    we our should will can has have been being get gets expected supposed
    government governments ministry ministries work works long year years asked ask told
    soon sure minimum maximum stay letting start passed actively fall falls fell
    set sets say says compared require requires""".split()
)


@lru_cache(maxsize=1)
def _english_stop() -> frozenset[str]:
    """Ours and spaCy's English stop words (read from its word list, without loading
    spaCy): words of phrasing (above, whereby, many) are never a topic."""
    import importlib.util

    words = set(_ENGLISH_STOP)
    spec = importlib.util.find_spec("spacy")
    if spec and spec.submodule_search_locations:
        path = Path(spec.submodule_search_locations[0]) / "lang" / "en" / "stop_words.py"
        if path.exists():
            scope: dict = {}
            exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), scope)
            words |= set(scope.get("STOP_WORDS", ()))
    return frozenset(words)


# ------------------------------------------------------------------ answering


def _unit_answer(unit: Unit, role: str, clauses: list[str]) -> UnitAnswer:
    return UnitAnswer(unit.name, unit.aliases + unit.former, unit.english, role, clauses)


def _as_written(kb, names: list[str], role: str, clause_id: str) -> list[UnitAnswer]:
    """Bodies or parties one clause names, as written, in ``role`` (the directory's
    English and aliases added where it knows them)."""
    return _decorate(kb, [_unit_answer(Unit(n), role, [clause_id]) for n in names])


def _terms(kb, parsed: Parsed, absent: tuple[str, ...] = ()) -> Terms:
    """The topic's terms with the glossary's translations merged in; the concepts are
    weighed (and their bigrams chosen) once, over all of them."""
    terms = analyse(kb, parsed.topic, weighed=False) if parsed.topic else Terms()
    groups = parsed.extra_groups or [[c] for c in parsed.extra_terms]
    for group in groups:
        # one English phrase is one concept, whichever of its translations a clause uses
        forms: list[str] = []
        for chinese in group:
            extra = analyse(kb, chinese, weighed=False)
            for term, weight in extra.weighted:
                terms.add(term, weight)
            terms.surface += extra.surface + [chinese]
            terms.main.append(chinese)
            forms += [chinese] + [f for c in extra.concepts for f in c.forms[1:]]
            if len(extra.concepts) > 1 and len(group) == 1 and not (
                    chinese in parsed.compounds
                    and any(c.forms[0] != chinese and form_doc_freq(kb, c.forms[0]) == 0
                            for c in extra.concepts)):
                # a translation of several words (污水处理厂): each word is a concept
                # (but an English compound whose Chinese holds a word no clause does,
                # night-time economy → 夜间 | 经济, is asked whole: the clauses on 经济
                # are not about it)
                for concept in extra.concepts:
                    _add_concept(terms, concept)
                forms = []
        if forms:
            _add_concept(terms, Concept(tuple(dict.fromkeys(forms)),
                                        compound=len(group) == 1 and group[0] in parsed.compounds))
    for chinese in absent:
        _add_concept(terms, Concept((chinese,)))
    weigh(kb, terms)
    # a Chinese term the asker wrote into an English question is no slip: when no clause
    # holds it (数据出境, though clauses hold 数据), the topic is not here
    terms.absent_written = [w for w in parsed.written_chinese
                            if len(w) >= 2 and form_doc_freq(kb, w) == 0]
    if parsed.absent_nouns and not absent:
        # funeral reform and cemetery management: when what the clauses hold of the topic
        # is common (改革, 管理: in these clauses, or in Chinese at large, e-cigarette
        # sales → 销售), the modifiers no clause holds (丧葬, 墓地, 香烟) are what is asked
        # about; beside a distinctive word (premium sports events → 体育赛事) they are a
        # stray sense and stay out
        total = max(kb.index.num_docs(), 1)
        common = COMMON_SHARE * math.log(1 + (total + 0.5) / 0.5)
        seen = [c for c in terms.concepts if not c.stop and not c.unseen]
        # (the words the modifiers modify, where the question says which: 销售 of
        # e-cigarette sales is common in Chinese at large, 体育赛事 of premium sports
        # events is not, whatever these clauses make of them)
        heads = [c for c in seen if set(c.forms) & set(parsed.absent_heads)]
        if seen and (all(c.weight < common for c in seen) or heads and all(
                max(map(kb.analyzer.frequency, c.forms)) >= COMMON_WORD for c in heads)):
            return _terms(kb, parsed, tuple(parsed.absent_nouns))
    return terms


def _add_concept(terms: Terms, concept: Concept) -> None:
    word = concept.forms[0]
    if all(word not in c.forms[0] and c.forms[0] not in word for c in terms.concepts):
        terms.concepts.append(concept)


# the question asks who the work is done under (在哪个领导机构的统筹指导下推进, 归谁领导)
_UNDER_WHOM = lazy_compile(
    r"在(?:哪个|哪些|哪一?级|谁)[^，。？?]{0,12}?(?:统筹|统一)?(?:指导|领导)下|(?:归|受|听)谁(?:的)?(?:领导|指导)|"
    r"\bunder (?:whose|which|what)\b[^?]{0,40}?\b(?:guidance|leadership|direction)\b", re.IGNORECASE)


def _say_read_as(answer: Answer, terms: Terms) -> None:
    """Tell the user how a slip in the question was read (“废勿”按“废物”理解)."""
    if terms.read_as:
        said = "；".join(f"“{a}”按“{b}”理解" for a, b in terms.read_as.items())
        english = "; ".join(f"read {a} as {b}" for a, b in terms.read_as.items())
        answer.note = f"{said} / {english}" + (f"。{answer.note}" if answer.note else "")


def _assigns(row: Hit, best: Hit) -> bool:
    """``row`` is a row of the task table of the document whose text states the task
    ``best`` (a plan's 重点任务分工表 says who does what its text says): it answers who,
    though the text's wording meets the question better."""
    return row.clause.kind == "table_row" and best.clause.kind != "table_row" and \
        row.clause.doc_id == best.clause.doc_id and \
        row.coverage >= ANNEX_ROW_SHARE * best.coverage


def _item_of(clause, parent) -> bool:
    """``clause`` is one of the numbered items under ``parent`` in the same document."""
    return (clause.doc_id == parent.doc_id and len(clause.path) > len(parent.path) > 0
            and tuple(clause.path[:len(parent.path)]) == tuple(parent.path))


OTHER_DOCUMENT_SHARE = 0.6  # a clause of another document than the best's is shown from this share
SUBJECT_SHARE = 0.05  # a document is about a word this share of its clauses hold (and 3)
SUBJECT_OWNED = 0.5  # ... and owns it when it holds this share of the clauses holding it


def _on_subject(kb, hits: list[Hit], terms: Terms | None, question: str = "") -> list[Hit]:
    """The hits without those of other documents that lack what the question asks about
    when the best clause's document is about it and theirs is not (燃气安全知识宣传: a
    特种设备 clause on 安全知识宣传 is no answer, while the gas regulation holds 燃气
    throughout), and without those of a sibling document the question does not mean."""
    if question:
        hits = _siblings(kb, question, hits)
    if len(hits) < 2 or terms is None:
        return hits
    top = hits[0]
    if all(h.clause.doc_id == top.clause.doc_id for h in hits):
        return hits
    subjects = [c for c in terms.concepts if not c.stop and covered(c, top.clause.text) == 1.0]
    if not subjects:
        return hits
    texts: dict[str, list[str]] = {}

    def held(doc_id: str, concept: Concept) -> int:  # the document's clauses holding it
        if doc_id not in texts:
            texts[doc_id] = kb.store.clause_texts(doc_id)
        return sum(1 for t in texts[doc_id] if covered(concept, t) == 1.0)

    def about(doc_id: str, concept: Concept, count: int | None = None) -> bool:
        count = held(doc_id, concept) if count is None else count
        return count >= max(3, SUBJECT_SHARE * len(texts[doc_id]))

    # (and one it owns: most clauses holding the word are its own; 平台 is everyone's)
    subjects = [c for c in subjects for n in [held(top.clause.doc_id, c)]
                if about(top.clause.doc_id, c, n)
                and n >= SUBJECT_OWNED * max(form_doc_freq(kb, f) for f in c.forms)]
    return [h for h in hits if h.clause.doc_id == top.clause.doc_id or not any(
        covered(c, h.clause.text) < 1.0 and not about(h.clause.doc_id, c) for c in subjects)]


def _siblings(kb, question: str, hits: list[Hit]) -> list[Hit]:
    """Of documents whose titles differ in a few words only (a county's scoring rules for
    its departments, 责任单位, and for its townships, 乡镇), the one whose own words the
    question says, when it also says words their titles share: the other's hits go."""
    docs = list(dict.fromkeys(h.clause.doc_id for h in hits[:SIBLING_HITS]))
    if len(docs) < 2:
        return hits
    headers = kb.current_headers()
    titles = {d: headers[d].title for d in docs if d in headers and headers[d].title
              and headers[d].meta.get("title_from") != "file name"}
    asked = normalize(question)
    said = _pairs(asked)
    dropped = set()
    for a, b in itertools.combinations(titles, 2):
        pairs_a, pairs_b = _pairs(titles[a]), _pairs(titles[b])
        if not (pairs_a ^ pairs_b) & said:
            continue  # (the question says nothing one title has and the other lacks)
        diff = _title_diff(titles[a], titles[b])
        if diff is None:
            continue
        shared, own_a, own_b = diff
        if not any(pair in asked for pair in shared):
            continue
        says_a = any(word in asked for word in own_a)
        if says_a != any(word in asked for word in own_b):
            dropped.add(b if says_a else a)
    return [h for h in hits if h.clause.doc_id not in dropped] if dropped else hits


@lru_cache(maxsize=65536)
def _pairs(text: str) -> frozenset[str]:
    """The Chinese character pairs of ``text`` (cached: titles come up again)."""
    return frozenset(cjk_bigrams(text))


@lru_cache(maxsize=65536)
def _title_diff(a: str, b: str):
    """For two sibling titles: the character pairs they share, and the words each has
    alone; None for titles that are not alike (cached: the same pairs come up again)."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.quick_ratio() < SIBLING_TITLES or matcher.ratio() < SIBLING_TITLES:
        return None
    shared = {pair for m in matcher.get_matching_blocks()
              for pair in cjk_bigrams(a[m.a:m.a + m.size])}
    own_a, own_b = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            own_a += re.findall(r"[\u4e00-\u9fff]{2,}", a[i1:i2])
            own_b += re.findall(r"[\u4e00-\u9fff]{2,}", b[j1:j2])
    return frozenset(shared), tuple(own_a), tuple(own_b)


SIBLING_HITS = 10  # the best hits whose documents are compared
SIBLING_TITLES = 0.8  # how alike two titles must be (difflib's ratio) to be siblings


# A party the clause charges that is no government body: 电梯运营使用单位负责…, 动员群众应急扑救队伍参加
_PARTY = r"[\u4e00-\u9fff（）()、]{1,16}?(?:负责人|法定代表人|单位|企业|经营者|使用者|所有人|管理人|机构|组织|协会|公司|队伍|部队|解放军|民兵|医院|学校|基金)"
# (单位主要负责人对本单位的…工作负总责; 由单位负责人或者其指定的保密工作机构对活动内容进行审查:
# a person in charge, and whoever that person names)
_PARTY_LEADS = lazy_compile(rf"(?:^|[，,]由?)(?P<name>{_PARTY})(?:或者?其指定的(?P<named>{_PARTY}))?"
                            r"(?:应当|应|负责(?!人)|必须|须|要(?![求点素])|对[^，,。；;]{1,30}?(?:负总责|负责|进行))")
_PARTY_JOINS = lazy_compile(rf"(?:动员|协调|组织|调动|邀请|吸收)(?P<names>{_PARTY}(?:[、和及与]{_PARTY})*)等?(?:参加|参与|协助|配合)")


def _parties(text: str, role: str) -> list[str]:
    """Parties (not government bodies) a clause charges, as written: those it makes act
    (``role`` lead: 电梯运营使用单位负责…) or brings in (coop: 协调公安消防部队、武警部队参加)."""
    out: list[str] = []
    for sentence in SENTENCE_CUT.split(text):
        sentence = re.sub(r"^第[一二三四五六七八九十百零〇]+条", "", sentence.strip()).strip()
        if role == "coop":
            for m in _PARTY_JOINS.finditer(sentence):
                out += re.split(r"[、和及与]", m.group("names"))
        else:
            out += [n for m in _PARTY_LEADS.finditer(sentence) for n in m.group("name", "named") if n]
    return [n for n in dict.fromkeys(out) if len(n) >= 3 and not is_vague(n)]


def _own_predicate(parties: list[str], text: str, terms: Terms) -> list[str]:
    """Of several parties a clause charges, those whose own words hold the rarest word
    asked that the clause holds (持密单位应当实行…责任制，单位主要负责人对…工作负总责, asked
    who 负总责: the person in charge)."""
    if len(parties) < 2:
        return parties
    held = [c for c in terms.concepts if not c.stop and any(f in text for f in c.forms)]
    if not held:
        return parties
    rarest = max(held, key=lambda c: c.weight)
    def own(party: str) -> str:
        at = text.find(party)
        end = re.search(r"[，,。；;]", text[at + len(party):]) if at >= 0 else None
        return text[at + len(party): at + len(party) + (end.start() if end else len(text))]
    mine = [p for p in parties if any(f in own(p) for f in rarest.forms)]
    return mine or parties


# a question about breaking the rules: its penalty clauses answer it
_ASKS_PENALTY = lazy_compile(r"罚|处分|违反|违规|违法|责令|法律责任|penalt|fine[sd]?\b|punish|sanction|"
                           r"violat|breach|illegal", re.IGNORECASE)
_PENALTY_CHAPTER = lazy_compile(r"法律责任|罚则")
_PENALTY_CLAUSE = lazy_compile(r"^(?:第[一二三四五六七八九十百零]+条\s*)?违反")
PENALTY_SHARE = 0.7  # a clause that is no penalty comes first from this share of the best's coverage


def _penalties_last(hits: list[Hit], question: str) -> list[Hit]:
    """Who is responsible for a task: the clauses that give the duty before those of a
    regulation's penalty chapter (违反本条例…由X责令改正, 处…罚款), where the body named is
    whoever enforces the penalty; unless the question asks about breaking the rules."""
    if not hits or _ASKS_PENALTY.search(question):
        return hits
    def penalty(hit: Hit) -> bool:
        return bool(any(_PENALTY_CHAPTER.search(s) for s in hit.clause.section)
                    or _PENALTY_CLAUSE.match(hit.clause.text))
    top = hits[0].coverage
    first = [h for h in hits if not penalty(h) and h.coverage >= PENALTY_SHARE * top]
    if not first or not penalty(hits[0]):
        return hits
    return first + [h for h in hits if h not in first]


def _relevant(hits: list[Hit], share: float = 0.3) -> list[Hit]:
    if not hits:
        return hits
    top = hits[0]
    return [h for h in hits if h.score >= (share if h.clause.doc_id == top.clause.doc_id
                                           else max(share, OTHER_DOCUMENT_SHARE)) * top.score]


def _ranked_units(hits: list[Hit], role: str, terms: Terms | None = None,
                  under_whom: bool = False) -> list[UnitAnswer]:
    """Units of the evidence clauses in the order the evidence ranks them: the best
    clause's units first, as written, then the next clause's new units, and so on.
    With ``terms``, units a clause's sentences assign come in the order their own
    words cover the question (交通部将进行行业审查 before 发展改革委将…研究办理)."""
    order: dict[str, UnitAnswer] = {}
    for hit in hits:
        refs = hit.clause.lead_units if role == "lead" else hit.clause.coop_units
        # A class of bodies the clause assigns (各省级人民政府, 自然资源部门) is part of the
        # answer, after the units it names, unless its own sentence is the one that
        # answers (行业主管部门要加强对…的指导监督); a vague one (有关部门) is not.
        named = [r for r in refs if not r.generic]
        classes = [r for r in refs if r.generic and not is_vague(r.name)]
        weighed = terms is not None and bool(terms.concepts)
        written = tuple(r.as_written for r in hit.clause.lead_units + hit.clause.coop_units)
        if weighed:
            named = _by_own_words(hit.clause.text, named, terms, written, role == "lead")
        # a body the work is done under the guidance of (在X统筹指导下) after those doing it,
        # unless the question asks under whose guidance (在哪个机构的统筹指导下, 归谁领导)
        named.sort(key=lambda r: (r.role_word == "指导") != under_whom)
        if weighed:
            classes = _by_own_words(hit.clause.text, classes, terms, written)
            ahead = (classes and named and all(r.source == "text" for r in refs)
                     and _own_words(hit.clause.text, classes[0], terms, written)
                     > _own_words(hit.clause.text, named[0], terms, written) + CLASS_AHEAD)
            refs = [classes[0]] + named + classes[1:] if ahead else named + classes
        else:
            refs = named + classes
        for ref in refs:
            answer = order.get(ref.name)
            if answer is None:
                answer = order[ref.name] = UnitAnswer(ref.name, (), "", role)
            if hit.clause.clause_id not in answer.clauses:
                answer.clauses.append(hit.clause.clause_id)
    return list(order.values())


# how much more of the question a class of bodies' own sentence must cover than the
# best named unit's to come first (行业主管部门要加强对…企事业单位政务新媒体的指导监督)
CLASS_AHEAD = 0.15


def _partners(hits: list[Hit], partner: tuple[str, ...], terms: Terms) -> list[UnitAnswer]:
    """The units working with ``partner``, clause by clause in the evidence's order: in
    each clause, beside a partner that leads, its co-leads and then its cooperating units
    (a 会同 partner), units a parent's note lends the clause last. ``partner``: the
    names the partner goes by in scope."""
    order: dict[str, UnitAnswer] = {}
    for hit in hits:
        leads_it = any(r.name in partner for r in hit.clause.lead_units)
        roles = ("lead", "coop") if leads_it else ("coop", "lead")
        found = [u for r in roles for u in _ranked_units([hit], r, terms)]
        refs = hit.clause.lead_units + hit.clause.coop_units
        inherited = {r.name for r in refs if r.inherited}
        classes = {r.name for r in refs if r.generic}
        # named units before classes of bodies (地方各级宣传部门), a parent's note's last
        found.sort(key=lambda u: (u.name in inherited, u.name in classes))
        for unit in found:  # (the partner itself is dropped by the caller, as for any role)
            kept = order.setdefault(unit.name, unit)
            for cid in unit.clauses:
                if cid not in kept.clauses:
                    kept.clauses.append(cid)
    return list(order.values())


def _own_words(text: str, ref, terms: Terms, others: tuple[str, ...] = ()) -> float:
    return max((coverage(terms, window) for window in _own_windows(text, ref, others)),
               default=0.0)


_RESPECTIVELY = lazy_compile(
    r"(?:^|[。；;，,：:])\s*(?:第[一二三四五六七八九十百零〇]+条\s*)?(?:由)?"
    r"(?P<bodies>[^。；;，,：:]{4,80}?)分别(?:负责|承担|主管|履行|做好)?"
    r"(?P<items>[^。；;，,]{4,160})")


def _respective_item(text: str, name: str) -> str:
    """What a body listed before 分别 does when the same number of tasks follows
    (市城乡规划、城乡建设、国土主管部门分别负责…的规划管理、建设工程管理、用地和产权管理:
    the land authority, 用地和产权管理); "" when the clause says no such thing of it."""
    for m in _RESPECTIVELY.finditer(text):
        bodies = [b.strip() for b in m.group("bodies").split("、")]
        items = [i.strip() for i in m.group("items").split("、")]
        if len(bodies) != len(items) or len(bodies) < 2:
            continue
        # (…开发利用的规划管理、建设工程管理: what the first task's object is, all of theirs)
        shared = items[0][: items[0].rfind("的") + 1]
        items = items[:1] + [shared + item for item in items[1:]]
        for body, item in zip(bodies, items):
            if len(body) >= 2 and body in name:
                return item
    return ""


def _own_windows(text: str, ref, others: tuple[str, ...] = ()) -> list[str]:
    """How much of the question the unit's own words cover, the best of its mentions (0
    for a unit from a note): from where it is named to the end of that sentence or to another
    unit opening a later part of it (…，水利部正在编制…), its own name left out (登记管理机关
    covers no 登记); with what leads up to it in the sentence when it opens a part and no
    other unit (``others``) is named before it (对撤销登记的社会团体，业务主管部门要…), or
    when 由 gives it the work named before (…规划，由省水行政主管部门编制)."""
    if ref.source == "text":
        item = _respective_item(text, ref.as_written)
        if item:
            return [item]
    written = ref.as_written
    windows, at = [], text.find(written) if ref.source == "text" else -1
    if at < 0 and ref.source == "text":
        # 市城乡规划、城乡建设、国土主管部门: a body named in a list its level and its kind
        # are written once for; its own words are where its function is
        core = _LIST_CORE.sub("", written)
        if len(core) >= 2 and core != written:
            written, at = core, text.find(core)
    # (医疗机构 inside 医疗机构药学部门负责… or 公立医疗机构应当…: another unit's mention)
    inside = [(m.start(), m.end()) for n in others if written in n and n != written
              for m in re.finditer(re.escape(n), text)] if at >= 0 else []
    while at >= 0:
        end = at + len(written)
        if any(s <= at and end <= e for s, e in inside):
            at = text.find(written, at + 1)
            continue
        stop = SENTENCE_CUT.search(text, end)
        begin = max((m.end() for m in SENTENCE_CUT.finditer(text, 0, at)), default=0)
        # (only for a unit opening a part of the sentence, not one inside a phrase: 按照X的要求)
        # (…综合规划，由省水行政主管部门会同…编制: what 由 gives the unit is before it)
        lead_in = text[begin:at] if re.search(r"(?:[，,]\s*|由)$", text[begin:at]) else ""
        others_here = [n for n in others if n and n != ref.as_written]
        if any(name in lead_in for name in others_here):
            lead_in = ""
        own = text[end: stop.end() if stop else len(text)]
        # …，水利部正在编制…: another unit opening a later part of the sentence has its own
        # (a level may stand before the name: 国务院教育行政部门 for 教育行政部门)
        for comma in re.finditer(r"[，,]", own):
            if any(0 <= own.find(name, comma.end(), comma.end() + len(name) + 4) - comma.end() <= 4
                   for name in others_here):
                own = own[:comma.start()]
                break
        windows.append(lead_in + "，" + own)
        at = text.find(written, at + 1)
    return windows


# a level before a body's function and its kind after it: 市…主管部门
_LIST_CORE = lazy_compile(r"^(?:省|市|县|区|国务院|国家)|(?:行政)?(?:主管)?(?:部门|机关|机构)$")


def _by_own_words(text: str, refs, terms: Terms, others: tuple[str, ...] = (),
                  leading: bool = False):
    """Units read from sentences, ordered by how much of the question their own words
    cover; asked who leads, of units covering it alike the one whose own words say 牵头
    (人社部门组织制定职业标准，教育部门依照职业标准牵头组织开发教学标准). Stable, so units
    named together (X、Y负责…) or by a note keep their order."""
    if len(refs) < 2 or not any(r.source == "text" for r in refs):
        return refs

    def key(ref):
        windows = _own_windows(text, ref, others)
        covered = max((coverage(terms, w) for w in windows), default=0.0)
        return -round(covered, 6), not (leading and any("牵头" in w for w in windows))
    return sorted(refs, key=key)


def _checked(kb, candidates: list[Unit], units: list[UnitAnswer], role: str) -> str:
    """Whether each unit a question guessed (是X牵头吗, X还是Y) is among ``units``, those
    of the clause that answers in ``role`` (itself, else its counterpart at another
    level), in one line."""
    holding = [u.name for u in units]
    word, english = ("牵头", "leads") if role == "lead" else ("参与", "takes part")
    zh, en = [], []
    for unit in candidates:
        match = unit.name if unit.name in holding else next(
            (c.name for c in kb.unit_lexicon.counterparts(unit) if c.name in holding), None)
        zh.append(f"是，{match}{word}" if match else f"不是{unit.name}{word}")
        en.append(f"yes, {match} {english}" if match else f"not {unit.name}")
    actual = "、".join(holding[:3])
    tail = f"（{word}的是{actual}）" if actual and not all(z.startswith("是") for z in zh) else ""
    return "；".join(zh) + tail + " / " + "; ".join(en)


def _decorate(kb, units: list[UnitAnswer]) -> list[UnitAnswer]:
    for answer in units:
        unit = kb.store.directory.get(answer.name)
        if unit is not None:
            answer.aliases = unit.aliases + unit.former
            answer.english = unit.english
    return units


# an English topic's seen words are common below this share of an unseen word's IDF
COMMON_SHARE = 0.45
COMMON_WORD = 2000  # ... or a word general Chinese uses this often (jieba's frequency)
EMPTY_COVERAGE = 0.35  # below this share of the distinctive words asked for: nothing found
EMPTY_COVERAGE_LONG = 0.2  # ... unless it holds EMPTY_CONCEPTS of them
EMPTY_CONCEPTS = 3
LONG_QUESTION = 6  # distinctive words: a question this long tells its circumstances too
EMPTY_COVERAGE_UNSEEN = 0.5  # the share needed when the rarest word asked is in no clause
SHORT_QUESTION = 4  # distinctive words: a question this short is about its rarest one
RELATED = 3  # clauses shown as "related, not an answer" under an empty answer
TITLE_TOPIC = 0.5  # a topic the pointed document's title holds less of narrows its duties
# … when the question says it asks about one part: 在治理频繁停电方面, 在资金管理上, 这块
_ASPECT = lazy_compile(r"在[^，,。？?]{2,24}?(?:方面|这块|这一块|领域|环节|问题上|工作上|上)|这块|方面(?:的|有)")
ON_TOPIC_SHARE = 0.7  # ... to the unit's clauses holding this share of the best one's
# A clause with units must cover at least this share of what the best clause (read
# without units) covers, or the answer is that clause, saying no unit could be read.
UNITLESS_MARGIN = 0.7
FIGURE_NOT_TARGET = 1.5  # how much more a clause without targets must cover, asked 多少
ANNEX_ROW_SHARE = 0.35  # ... or this share when it is a row of the document's task table


def _candidates(parsed: Parsed) -> list[str | None]:
    """The unit a question names, then the other units its short form may mean."""
    if not parsed.units:
        return [None]
    first = parsed.units[0].name
    return [first] + [u.name for u in parsed.alternatives if u.name != first]


def _in_scope(ids: list[str], documents: list[str]) -> list[str]:
    if not documents:
        return ids
    prefixes = tuple(d + ":" for d in documents)
    return [cid for cid in ids if cid.startswith(prefixes)]


def _empty(answer: Answer, parsed: Parsed, hits: list[Hit]) -> None:
    """Say so when no clause covers the topic, and keep the nearest as related only."""
    answer.empty = True
    answer.units = []
    answer.hits = []
    answer.total = 0
    answer.related = hits[:RELATED]
    topic = parsed.topic or "、".join(parsed.extra_terms)
    answer.message = (f"没有找到与“{topic}”直接相关的条款 / nothing in the knowledge base "
                      f"covers “{topic}”")
    answer.note = answer.message


def _covers(hits: list[Hit], terms: Terms | None = None) -> bool:
    """Whether the best clause holds enough of the distinctive words asked for: a share
    of them, or, in a long question that also tells its circumstances (出版社, 院子,
    领导担心), several of them outright."""
    if not hits:
        return False
    if terms is not None and terms.absent_written:
        return False  # the Chinese the asker wrote for what they mean is in no clause
    if terms is not None and hits[0].coverage < EMPTY_COVERAGE_UNSEEN:
        # 网约车平台的安全监管: the word that names the topic shares no two characters with
        # any clause, or is a word of the dictionary no clause holds (老旧小区加装电梯, 预制菜); the
        # words around it (平台, 安全监管) are not the topic asked about. A typo or a
        # colloquial word (该革, 开号) is no such word.
        # (an English word the glossary did not translate weighs nothing and asks nothing)
        asked = [c for c in terms.concepts if not c.stop and c.weight > 0]
        foreign = [c.weight for c in asked if c.foreign or c.word]
        seen = [c.weight for c in asked if not c.unseen]
        if foreign and len(asked) <= SHORT_QUESTION and max(foreign) >= max(seen, default=0):
            return False
    if hits[0].coverage >= EMPTY_COVERAGE:
        return True
    if terms is None or hits[0].coverage < EMPTY_COVERAGE_LONG:
        return False
    asked = [c for c in terms.concepts if not c.stop]
    if len(asked) < LONG_QUESTION:
        return False
    text = clause_words(hits[0].clause).lower()
    held = sum(1 for c in asked if not c.unseen and covered(c, text) >= 1.0)
    return held >= EMPTY_CONCEPTS


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the answer to (the app's filters, links): applied inside
    the query, so the units, the evidence and the totals all obey them."""

    documents: tuple[str, ...] = ()  # doc_ids
    unit: str | None = None  # canonical name
    role: str | None = None  # lead | coop, with unit
    year: int | None = None  # target year
    as_of: str | None = None  # only documents in force on this date (YYYY-MM-DD)

    def clause_ok(self, clause) -> bool:
        if self.documents and clause.doc_id not in self.documents:
            return False
        if self.unit:
            refs = {"lead": clause.lead_units, "coop": clause.coop_units}.get(
                self.role, clause.lead_units + clause.coop_units)
            if not any(r.name == self.unit for r in refs):
                return False
        if self.year is not None and not any(t.year == self.year for t in clause.targets):
            return False
        return True


def ask(kb, question: str, limit: int = 10, filters: Filters | None = None) -> Answer:
    """Answer a question. With ``filters.as_of`` only documents in force on that date
    answer; without it every current document does, and each clause carries its
    document's validity today, so an answer from a document no longer in force says so."""
    from .documents import validities

    filters = filters or Filters()
    status = validities(kb, filters.as_of)  # cached per store generation and date
    if filters.as_of:
        in_force = tuple(d for d, v in status.items() if v.in_force)
        kept = tuple(d for d in (filters.documents or in_force) if d in in_force)
        filters = replace(filters, documents=kept or ("-",))
    answer = _ask(kb, question, limit, filters)
    if answer.empty and answer.loose_documents and not filters.documents:
        # 四川自己制订的…水污染治理方案: words a title-less document's opening holds named it,
        # and it holds no answer; the question may name a plan the documents only mention
        wider = _ask(kb, question, limit, filters, widen=True)
        if not wider.empty:
            wider.note = ("所指文件中没有相关条款，以下为全部文件中的答案 / the document the "
                          "question seemed to name holds nothing on it; answered from all"
                          + (f"。{wider.note}" if wider.note else ""))
            answer = wider
    if answer.unknown_documents and not answer.empty:
        answer.note = _unknown_numbers(answer.unknown_documents, answered=True) + (
            f"。{answer.note}" if answer.note else "")
    if _ASKS_IN_FORCE.search(normalize(question)):
        _in_force_first(kb, answer)
    answer.validity = {h.clause.doc_id: status[h.clause.doc_id].to_dict()
                       for h in answer.hits + answer.related if h.clause.doc_id in status}
    answer.as_of = filters.as_of
    if filters != Filters() and not answer.empty:
        kept = {h.clause.clause_id for h in answer.hits if filters.clause_ok(h.clause)}
        allowed = kept
        if answer.intent in ("unit_duties", "shared", "document"):
            ids = [c for u in answer.units for c in u.clauses]
            allowed = {c.clause_id for c in kb.store.clauses(clause_ids=ids)
                       if filters.clause_ok(c)} if ids else kept
        answer.hits = [h for h in answer.hits if h.clause.clause_id in allowed]
        for u in answer.units:
            u.clauses = [c for c in u.clauses if c in allowed]
            u.total = len(u.clauses)
        answer.units = [u for u in answer.units if u.clauses]
        answer.total = len(allowed) if answer.intent in ("unit_duties", "shared", "document") \
            else len(answer.hits)
        if not answer.hits and not answer.units:
            answer.empty = True
            answer.message = answer.note = ("所选筛选条件下没有相关条款 / nothing matches within "
                                            "the chosen filters")
    return answer


# 从哪天开始执行, 什么时候起施行, 有效期到什么时候, when did it take effect: the clause
# saying when the document is in force answers
_ASKS_IN_FORCE = lazy_compile(
    r"(?:哪天|哪一天|哪年|哪月|什么时候|什么时间|何时|几号|几月|日期|时间|哪一?日)[^，,。？?]{0,8}?"
    r"(?:施行|执行|生效|起效|有效|失效|废止|到期)|(?:施行|生效|失效)(?:日期|时间|之日)|有效期|"
    r"\btake[sn]? effect|\btook effect|\bc[oa]me[s]? into (?:force|effect)|\bin force\b|"
    r"\beffective (?:date|from|since|as of)|\bexpires?\b|\bvalid (?:until|through|till|for)",
    re.IGNORECASE)
_STATES_IN_FORCE = lazy_compile(
    r"(?:自|从|于)[^，,。；;]{1,20}?(?:起|之日)?(?:施行|生效|执行)|有效期(?:至|为|到|截至|截止)")


def _unknown_numbers(numbers: list[str], answered: bool = False) -> str:
    """What to say of 文号 no stored document has; ``answered``: every document answered."""
    if answered:
        return (f"知识库中没有文号为 {'、'.join(numbers)} 的文件，以下为全部文件中的相关条款 / no "
                f"document with that number is in the knowledge base; answered from every "
                f"document")
    return (f"知识库中没有文号为 {'、'.join(numbers)} 的文件 / no document with that number "
            f"is in the knowledge base")


def _topic_words(kb, parsed: Parsed) -> bool:
    """Whether the question asks about something besides the document it names: a word
    that is no stop word, phrasing or question frame, or a unit."""
    if parsed.units or parsed.candidates or parsed.extra_terms:
        return True
    terms = analyse(kb, parsed.topic) if parsed.topic.strip() else None
    return bool(terms and any(not c.stop for c in terms.concepts))


def _in_force_first(kb, answer: Answer) -> None:
    """The clauses of the document asked about (named, else the best answer's) that say
    from when it is in force (本条例自2011年10月1日起施行, 有效期至…) come first."""
    doc_ids = [d["doc_id"] for d in answer.documents] or (
        [answer.hits[0].clause.doc_id] if answer.hits else [])
    ids = [c.clause_id for d in doc_ids for c in kb.store.clauses(doc_id=d)
           if _STATES_IN_FORCE.search(c.text)]
    if not ids:
        return
    stated = fetch_hits(kb, [(cid, 1.0) for cid in ids], [])
    answer.hits = stated + [h for h in answer.hits if h.clause.clause_id not in ids]
    answer.total = max(answer.total, len(answer.hits))
    if answer.empty:
        answer.empty = False
        answer.message = answer.note = ""


def _document_entry(headers: dict, doc_id: str) -> dict:
    """A document the answer is limited to, as the JSON answer lists it."""
    return {"doc_id": doc_id, "title": headers[doc_id].cite_title,
            "doc_number": headers[doc_id].doc_number}


def _ask(kb, question: str, limit: int, filters: Filters, widen: bool = False) -> Answer:
    kb.refresh()
    parsed = parse(kb, question)
    if widen:  # the documents named loosely held nothing: every document answers
        parsed.documents = []
    if filters.documents:
        parsed.documents = [d for d in parsed.documents if d in filters.documents] \
            or list(filters.documents)
    intent = parsed.intent
    answer = Answer(question, intent, [], [], parsed.topic, parsed.year)
    answer.loose_documents = parsed.loose_documents and not widen
    headers = kb.current_headers()
    answer.documents = [_document_entry(headers, d) for d in parsed.documents if d in headers]
    scope = tuple(parsed.documents)
    if parsed.unknown_documents and not parsed.documents:
        answer.unknown_documents = list(parsed.unknown_documents)
        if not _topic_words(kb, parsed):
            answer.empty = True
            answer.message = answer.note = _unknown_numbers(parsed.unknown_documents)
            return answer
        # a document stored without its 文号 (a body-only page) may hold the answer: every
        # document answers the topic, and the answer says the number was not found

    terms: Terms | None = None  # the topic's, once worked out
    loose_terms: Terms | None = None  # words beside a unit's duty question, maybe no topic
    if intent == "unit_duties" and parsed.english and not scope and len(parsed.units) == 1:
        # "what measures may local governments take to support new-type R&D institutions":
        # an English topic beside the unit (glossed, so no Chinese topic) that one
        # document's clauses hold, where the unit has duties, is that document
        terms = _terms(kb, parsed)
        pointed = _document_of_topic(kb, parsed, terms) if terms.weighted else None
        if pointed:
            scope = (pointed,)
            answer.documents = [_document_entry(headers, pointed)]
    if intent == "search" and parsed.asks_duty and len(parsed.units) == 1:
        # 文化单位转企改制过程中，财政部门要管哪些事: the topic names a document, and the
        # question asks for the unit's duties there; 融资担保指导意见里，在差异化监管方面金融
        # 管理部门要做什么: the document is named, and the topic is a part of it
        terms = _terms(kb, parsed)
        # (a named document with no part said: all the unit's duties there, saying so when
        # the other words cover none of them)
        pointed = (scope[0] if len(scope) == 1 else None) if scope \
            else _document_of_topic(kb, parsed, terms)
        if scope and pointed and not _ASPECT.search(parsed.question):
            loose_terms = terms
        if pointed:
            intent = answer.intent = parsed.intent = "unit_duties"
            scope = (pointed,)
            # 供电企业在治理频繁停电方面要做哪些事: a topic the document's title does not
            # hold is a part of it, and narrows the unit's duties to that part
            if _ASPECT.search(parsed.question) and \
                    coverage(terms, headers[pointed].cite_title) < TITLE_TOPIC:
                parsed.duty_terms = terms
            answer.documents = [_document_entry(headers, pointed)]

    if intent == "who_leads":
        terms = _terms(kb, parsed)
        _say_read_as(answer, terms)
        role = parsed.role or "lead"
        partner = parsed.partner_of.name if parsed.partner_of else None
        # (质监部门会同哪些部门: the 质量技术监督部门 of a regulation that never names the
        # market regulator the short form resolves to)
        partner_names = _names_in_scope(kb, parsed.partner_of, parsed, scope) if partner else ()
        hits = search(kb, parsed.topic, limit=max(limit, 10), terms=terms, doc_ids=scope,
                      unit=partner_names or filters.unit,
                      role=filters.role if filters.unit and not partner else None,
                      year=filters.year)
        hits = _penalties_last(_on_subject(kb, hits, terms, parsed.question), parsed.question)
        if parsed.to_whom and _covers(hits, terms):
            # 报到哪个机关备案: the bodies the best clause sends things to
            for hit in _relevant(hits)[:3]:
                names = _recipients(kb, hit.clause.text)
                if names:
                    answer.units = _as_written(kb, names, "recipient", hit.clause.clause_id)
                    answer.hits = [hit] + [h for h in _relevant(hits)[:limit] if h is not hit]
                    answer.total = len(answer.hits)
                    answer.note = "报送、申请的对象 / where it is sent or applied for"
                    return answer
        if partner:  # the clauses where the unit works with others (a class of bodies,
            # 各地区, counts: 除了应急部牵头，还有哪些方面要支持配合)
            with_units = [h for h in hits if any(
                r.name not in partner_names and not is_vague(r.name)
                for r in h.clause.lead_units + h.clause.coop_units)]
            if hits and hits[0] not in with_units and any(
                    r.name not in partner_names for r in hits[0].clause.coop_units):
                # (会同有关部门负责: the clause that answers names no one else by name)
                with_units = [hits[0]] + with_units
        else:
            with_units = [h for h in hits if (h.clause.coop_units if role == "coop"
                                              else h.clause.lead_units or h.clause.coop_units)]
        # (a heading clause whose items name the units — 八、关于防灾问题 above 1.国土资源部
        # 会同…: its items answer what it covers)
        weaker = bool(with_units) and bool(hits) and \
            with_units[0].coverage < UNITLESS_MARGIN * hits[0].coverage and \
            not _item_of(with_units[0].clause, hits[0].clause) and \
            not _assigns(with_units[0], hits[0])
        if not _covers(with_units, terms) or weaker:
            if _covers(hits, terms):
                # The clause that answers names no unit we could read: show it and say
                # so, rather than "nothing found" or units from a weaker clause.
                answer.hits = _relevant(hits)[:limit]
                answer.total = len(answer.hits)
                parties = _own_predicate(_parties(answer.hits[0].clause.text, role),
                                         answer.hits[0].clause.text, terms)
                if parties:  # …unless it charges parties that are no government body
                    answer.units = _as_written(kb, parties, role,
                                               answer.hits[0].clause.clause_id)
                    answer.note = ("条款所列的责任方（不是政府部门）/ the parties the clause charges "
                                   "(not government bodies)")
                    return answer
                answer.note = answer.message = (
                    "找到相关条款，但未能从中识别出负责单位，请查看原文 / the clauses found "
                    "name no responsible unit that could be read; see the text")
                return answer
            _empty(answer, parsed, with_units)
            return answer
        hits = with_units
        hits = _relevant(hits)[:limit]
        under_whom = bool(_UNDER_WHOM.search(normalize(parsed.question)))
        if under_whom:  # 归谁领导: the clauses naming a body the work is done under first
            hits.sort(key=lambda h: not any(r.role_word == "指导" for r in h.clause.lead_units))
        answer.hits = hits
        either = None
        if parsed.candidates and _EITHER_ROLE.search(normalize(parsed.question).lower()):
            # 生态环境厅是牵头还是配合: the role the unit named has in the clause that answers
            refs = {r.name: r.role for r in hits[0].clause.lead_units + hits[0].clause.coop_units}
            either = next(((u.name, refs[u.name]) for u in parsed.candidates if u.name in refs),
                          None)
            role = either[1] if either else role
        first, second = ("coop", "lead") if role == "coop" else ("lead", "coop")
        # (配合的部门有谁 where the clause names every unit alike, 省财政厅、工业和信息化厅…
        # 按职责分工负责: the others named with it are who works with it)
        any_role = bool(partner) and (parsed.role is None or parsed.role == "coop" and bool(
            hits) and not hits[0].clause.coop_units)
        if any_role:
            # 省卫健委跟哪个厅一起负责: the others named in the clauses naming the unit, the
            # best clause's first, in whichever role they share the work with it
            units = _partners(hits, partner_names, terms)
        else:
            units = (_ranked_units(hits, first, terms, under_whom)
                     + _ranked_units(hits, second, terms, under_whom))
        if partner:
            named = set(partner_names) | {u.name for u in parsed.with_units}
            units = [u for u in units if u.name not in named]
            # (named by function in the answering clause: 水行政主管部门 for 省水利厅)
            refs = hits[0].clause.lead_units + hits[0].clause.coop_units if hits else []
            shown = next((r.name for r in refs if r.name in partner_names), partner)
            answer.note = (f"与{shown}共同承担的单位 / the units working with {shown}")
            answer.partner = partner if any_role else None
        best = hits[0].clause.clause_id if hits else None
        if (role == "coop" or partner) and best and not any(best in u.clauses for u in units):
            # 会同有关部门负责: asked who works with it, the clause that answers names no
            # body; what it says (有关部门) is the answer, said to be no name (other
            # clauses' units did other work)
            vague = next((r for r in hits[0].clause.coop_units if is_vague(r.name)), None)
            if vague:
                units = [UnitAnswer(vague.name, (), "", "coop", [best])]
                answer.note = (f"文件未点名配合单位，只写“{vague.as_written}” / the document "
                               f"names no cooperating body, only “{vague.as_written}”")
        kind = _ASKED_KIND.search(normalize(parsed.question))
        if kind:  # 跟哪个厅一起负责: the 厅 among the units first, each role apart (partners
            # in the order of their clauses)
            units = sorted(units, key=lambda u: (u.role != first and not any_role,
                                                 not _of_kind(u.name, kind[1])))
        answer.units = _decorate(kb, units)
        answer.total = len(hits)
        if parsed.candidates and hits:
            answering = _ranked_units(hits[:1], first, terms)
            answer.note = _checked(kb, parsed.candidates, answering, first)
            if either:
                name, held = either
                answer.note = (f"{name}是牵头单位 / {name} leads" if held == "lead" else
                               f"{name}是配合单位，不牵头 / {name} takes part, it does not lead")

    elif intent == "unit_duties":
        _unit_duties(kb, answer, parsed, scope, limit)
        if loose_terms is not None and parsed.topic.strip() \
                and _best_share(kb, answer, loose_terms) < EMPTY_COVERAGE:
            _add_note(answer, _ALL_DUTIES.format(topic=parsed.topic, unit=parsed.units[0].name))

    elif intent == "shared" and parsed.each:
        _each_unit(kb, answer, parsed, scope, limit)

    elif intent == "shared":
        # a unit the documents in scope never name stands for the names they give it by
        # function (教育行政部门 for 教育部)
        names = [list(_names_in_scope(kb, u, parsed, scope)) for u in parsed.units]
        role = "lead" if parsed.role in (None, "lead") else None
        ids = _in_scope(kb.store.in_document_order(kb.index.clauses_naming_all(names, role)),
                        scope)
        if not ids and role == "lead":
            ids = _in_scope(kb.store.in_document_order(kb.index.clauses_naming_all(names, None)),
                            scope)
            if ids:
                answer.note = ("这些部门没有共同牵头的条款，以下为共同参与的条款 / no clause is led "
                               "by all of them; these are the clauses they all take part in")
        if not ids:
            # 国家计委和财政部在哪儿同时出现: no clause gives them a duty together (a report
            # they wrote, a body they approve for); the clauses naming them all answer
            ids = _naming_all(kb, parsed, names, scope)
            if ids:
                answer.note = ("没有它们共同承担职责的条款，以下为同时提到它们的条款 / no clause "
                               "gives them a duty together; these clauses name them all")
        answer.units = [_unit_answer(u, "lead", list(ids)) for u in parsed.units]
        page = max(limit, DUTY_PAGE)  # every id is in units[].clauses; evidence is a page
        answer.hits = fetch_hits(kb, [(cid, 1.0) for cid in ids[:page]], [])
        answer.total = len(ids)
        if answer.total > page:
            answer.note = (f"共{answer.total}条，显示前{page}条 / showing the first {page} of "
                           f"{answer.total} clauses; every clause id is listed under units")

    elif intent == "targets":
        terms = _terms(kb, parsed)
        _say_read_as(answer, terms)
        unit = parsed.units[0].name if parsed.units else None
        if terms.weighted:
            # A year in the question is a target year only if some clause on the topic
            # has targets for it (2018年以前就改完的 is a condition); and a clause that
            # states a time limit in words (五年内免征) may carry no extracted target.
            # So the filters are tried strictest first and dropped one by one.
            # A unit asked about narrows the clauses first; one no clause here names by
            # that name (食药监部门 where the law says 县（市、区）人民政府食品药品监督管理部门)
            # or that only receives the work then gives way.
            tries = dict.fromkeys([(parsed.year, True, unit), (None, True, unit),
                                   (None, False, unit), (None, True, None), (None, False, None)])
            for year, has_target, narrow in tries:
                hits = search(kb, parsed.topic, limit=max(limit, 20), year=year,
                              has_target=has_target, unit=narrow, terms=terms, doc_ids=scope)
                if _covers(hits, terms):
                    if has_target:
                        # 每亩能拿到多少奖励: the figure asked for may be a standard, a price
                        # or a reward, which is no target; a clause without targets that
                        # covers the question far better is the answer
                        wider = search(kb, parsed.topic, limit=max(limit, 20), year=year,
                                       unit=narrow, terms=terms, doc_ids=scope)
                        if wider and wider[0].coverage >= FIGURE_NOT_TARGET * hits[0].coverage \
                                and not wider[0].clause.targets and _covers(wider, terms):
                            hits = wider
                    break
            else:
                _empty(answer, parsed, hits)
                return answer
            hits = _by_quantity_asked(parsed.question,
                                      _relevant(_on_subject(kb, hits, terms, parsed.question)))[:limit]
        else:
            ids = _in_scope(kb.store.target_clause_ids(
                parsed.year, periods=("每年", "年均") if parsed.per_year else None), scope)
            if unit:
                allowed = set(kb.store.unit_clause_ids(unit))
                ids = [cid for cid in ids if cid in allowed]
            # every id counts; the evidence carries a page in full
            hits = fetch_hits(kb, [(cid, 1.0) for cid in ids[: max(limit, DUTY_PAGE)]], [])
            answer.total = len(ids)
            if len(ids) > len(hits):
                answer.note = (f"共{len(ids)}条，显示前{len(hits)}条 / showing the first "
                               f"{len(hits)} of {len(ids)} clauses")
        answer.hits = hits
        answer.total = max(answer.total, len(hits))
        answer.units = _decorate(kb, _ranked_units(hits, "lead"))

    elif intent == "document":
        ids = [c.clause_id for d in parsed.documents for c in kb.store.clauses(doc_id=d)]
        answer.total = len(ids)
        answer.hits = fetch_hits(kb, [(cid, 1.0) for cid in ids[: max(limit, DUTY_PAGE)]], [])
        answer.units = _decorate(kb, _ranked_units(answer.hits, "lead"))

    else:
        if terms is None:  # (else the topic was looked for as a document's, above)
            terms = _terms(kb, parsed) if parsed.english or parsed.units \
                else analyse(kb, parsed.topic or question)
        _say_read_as(answer, terms)
        hits = []
        # A short form naming several units (科技部门: 省科技厅 or 科技部) means the one
        # whose clauses cover the topic best.
        for unit in _candidates(parsed):
            found = search(kb, parsed.topic if not parsed.english else "", limit=limit,
                           unit=unit or filters.unit,
                           role=parsed.role if unit else (filters.role if filters.unit else None),
                           year=filters.year, terms=terms, doc_ids=scope)
            if found and (not hits or found[0].coverage > hits[0].coverage):
                hits = found
        if not _covers(hits, terms) and parsed.units and not filters.unit:
            # …最晚什么时候得报给主管税务机关: the unit named is whom the work goes to, not a
            # duty holder; the clauses on the topic answer, whoever they name
            found = search(kb, parsed.topic if not parsed.english else "", limit=limit,
                           year=filters.year, terms=terms, doc_ids=scope)
            if _covers(found, terms):
                hits = found
        if not _covers(hits, terms):
            if len(parsed.units) == 1 and scope and parsed.asks_duty:
                # 我在整理方案的分工，教育行政部门在这份方案里被点名负责了哪些工作: the words
                # around the unit and the document are how it is asked, not a topic
                answer.intent = "unit_duties"
                _unit_duties(kb, answer, parsed, scope, limit)
                answer.note = ((answer.note + " · ") if answer.note else "") + _ALL_DUTIES.format(
                    topic=parsed.topic, unit=parsed.units[0].name)
                return answer
            _empty(answer, parsed, hits)
            return answer
        answer.hits = hits = _by_quantity_asked(parsed.question,
                                                _relevant(_on_subject(kb, hits, terms, parsed.question), 0.0))
        answer.total = len(answer.hits)
        named = {u.name for u in parsed.units + parsed.alternatives}
        if named:  # what the unit named does here, in the role it has in each clause
            units = [u for role in ("lead", "coop") for u in _ranked_units(hits, role)
                     if u.name in named]
        else:
            units = _ranked_units(answer.hits, "lead")
        answer.units = _decorate(kb, units)
    return answer


def _by_quantity_asked(question: str, hits: list[Hit]) -> list[Hit]:
    """Among the clauses that answer about as well as the best, those stating the kind
    of figure asked for first: how often (每月召开三次), by when (至2047年, 15个工作日内),
    how much (2000名). Stable: the order by relevance stays otherwise."""
    text = normalize(question).lower()
    kinds = [figure for asked, figure in _QUANTITY_ASKED if asked.search(text)]
    if not kinds or len(hits) < 2:
        return hits
    top = hits[0].coverage
    near = [h for h in hits if h.coverage >= QUANTITY_NEAR * top]
    rest = [h for h in hits if h.coverage < QUANTITY_NEAR * top]
    near.sort(key=lambda h: not any(figure.search(h.clause.text) for figure in kinds))
    return near + rest


QUANTITY_NEAR = 0.8  # share of the best clause's coverage within which the figure asked decides
_NUMBER = r"[\d一二三四五六七八九十百千万两半]+"
# (what the question asks, what the clause must state)
_QUANTITY_ASKED = (
    (lazy_compile(r"多久.{0,4}一次|几次|多少次|多长时间.{0,4}一次|how often|how many times|"
                r"how frequently"),
     lazy_compile(rf"每(?:{_NUMBER})?[年季月周日天]{{0,2}}[^，。；]{{0,8}}?{_NUMBER}次|{_NUMBER}个?[年月]一次")),
    (lazy_compile(r"哪一?年|哪天|哪个时间|什么时候|何时|多久|多长时间|最晚|最迟|期限|截止|几月|几号|"
                r"几日|哪个?月|起止|by when|what year|which year|how soon|how fast|how long|"
                r"deadline|until when|what dates?|which months?|from when"),
     # (a date the work is due by, not any date: 依照2006年10月31日…通过的 is none)
     lazy_compile(rf"(?:至|到|截至|截止|于|在)(?:19|20)\d{{2}}年|(?:(?:19|20)\d{{2}}年|\d{{1,2}}月|\d{{1,2}}日)"
                rf"(?:\d{{1,2}}月)?(?:\d{{1,2}}日)?(?:前|止|以前|之前|底前)|{_NUMBER}个?(?:工作日|小时|日|天|周|月|年)"
                r"(?:内|以内|之内|前|后)|[年月]底前|"
                # (how long it takes: 力争用3年时间实现…, 用两年左右时间)
                rf"(?:用|经过|花)(?:{_NUMBER}|\d)个?(?:年|月|周)(?:左右)?的?时间|"
                # (a period: 每年11月1日至次年5月31日)
                r"\d{1,2}月\d{1,2}日(?:至|到|起)")),
    # a floor asked (最少要隔多少公里, at least): a floor stated (不少于15公里, 50人以上)
    (lazy_compile(r"最少|至少|最低|起码|不少于|不低于|门槛|\bminimum\b|at least|no less than"),
     # (至少保存3年: a verb may stand between the floor and its figure)
     lazy_compile(rf"(?:不少于|不低于|不小于|不得少于|不得低于|至少|最低)[^，,。；;\d]{{0,4}}?(?:{_NUMBER}|\d)|"
                rf"{_NUMBER}[^，。；\d]{{0,4}}(?:以上|及以上)")),
    # a ceiling asked (最多, 上限, at most): a ceiling stated (不超过, 不得高于, 以下)
    (lazy_compile(r"最多|至多|最高|上限|不超过|\bmaximum\b|at most|no more than|\bcap\b"),
     lazy_compile(rf"(?:不超过|不得超过|不高于|不得高于|不大于|最高|最多)[^，,。；;\d]{{0,4}}?(?:{_NUMBER}|\d)|"
                rf"{_NUMBER}[^，。；\d]{{0,4}}(?:以下|以内)")),
)


# X是牵头还是配合 / does X lead or support: the role of the unit named is asked
_EITHER_ROLE = lazy_compile(r"(?:牵头|负责)还是(?:配合|参与|协助)|(?:配合|参与|协助)还是(?:牵头|负责)|"
                          r"\blead\b.{0,12}\bor\b.{0,12}\b(?:support|assist|cooperat|help)")


# 哪个厅, 哪几个部, 哪家局: the kind of body asked for
_ASKED_KIND = lazy_compile(r"哪(?:个|些|几个|两个|三个|家|几家)?(厅|局|部|委|办)(?![门門分厅局部委办])")


def _of_kind(name: str, kind: str) -> bool:
    """Whether a unit's name says it is a 厅/局/部/委/办 (部门 is no 部, 委员会 is a 委)."""
    if kind == "部":
        return name.endswith("部")
    if kind == "委":
        return name.endswith(("委", "委员会"))
    if kind == "办":
        return name.endswith(("办", "办公室", "办公厅"))
    return name.endswith(kind)


TOPIC_DOCUMENT_HITS = 3  # the best clauses for a topic, all from one document, name it


def _held_by_document(kb, doc_id: str, terms: Terms) -> float:
    """The IDF-weighted share of the question's distinctive words (not stop words) the
    document holds anywhere."""
    distinct = replace(terms, concepts=[c for c in terms.concepts if not c.stop])
    header = kb.current_headers().get(doc_id)
    return coverage(distinct, document_texts(kb, [doc_id]).get(doc_id, ""),
                    header.title if header else "")


def _document_of_topic(kb, parsed: Parsed, terms: Terms) -> str | None:
    """The one document the best clauses for the topic (``terms``) come from, when it
    gives the unit asked about duties (or names it by function)."""
    if _COUNTED.search(parsed.question):
        return None  # 就业11条 names a document by its count, and none here has it
    hits = search(kb, parsed.topic, limit=TOPIC_DOCUMENT_HITS, terms=terms)
    docs = {h.clause.doc_id for h in hits}
    if len(hits) < TOPIC_DOCUMENT_HITS or len(docs) != 1:
        return None
    doc_id = docs.pop()
    # every word of the topic in the best clause, or in the document (督查激励措施…兑现:
    # what the notice is about, and a verb of how it is asked)
    if hits[0].coverage < 1.0 and _held_by_document(kb, doc_id, terms) < 1.0:
        return None
    unit = parsed.units[0]
    names = [unit.name] + _function_names(kb, unit, parsed.surfaces.get(unit.name))
    if any(_in_scope(kb.store.unit_clause_ids(name, None, limit=ID_CAP), (doc_id,))
           for name in names):
        return doc_id
    return None


def _each_unit(kb, answer: Answer, parsed: Parsed, scope: tuple, limit: int) -> None:
    """X和Y分别要做什么: each unit's own clauses on the topic (all its duties in scope when
    no topic is asked), the units in the order asked; the evidence takes the best clause of
    each in turn. A unit the clauses name only as a class of bodies (地方政府 for
    各级地方人民政府) is found by that name."""
    terms = _terms(kb, parsed)
    _say_read_as(answer, terms)
    topical = bool(terms.weighted)
    per_unit: list[list[Hit]] = []
    for unit in parsed.units:
        found: list[Hit] = []
        if topical:
            for name in (unit.name, *_function_names(kb, unit, parsed.surfaces.get(unit.name))):
                hits = search(kb, parsed.topic if not parsed.english else "",
                              limit=max(limit, 10), unit=name, terms=terms, doc_ids=scope)
                if _covers(hits, terms):
                    found = _relevant(hits)[:limit]
                    break
            if not found:
                hits = search(kb, parsed.topic if not parsed.english else "",
                              limit=max(limit, 20), terms=terms, doc_ids=scope)
                named = [h for h in hits if any(
                    class_core(r.name) == class_core(unit.name)
                    for r in h.clause.lead_units + h.clause.coop_units)]
                if _covers(named, terms):
                    found = _relevant(named)[:limit]
        else:
            ids = _in_scope(kb.store.unit_clause_ids(unit.name, None, limit=ID_CAP), scope)
            found = fetch_hits(kb, [(cid, 1.0) for cid in ids[:limit]], [])
        per_unit.append(found)
    if not any(per_unit):
        _empty(answer, parsed, [])
        return
    answer.each = True
    answer.units = [_unit_answer(u, "lead", [h.clause.clause_id for h in hits])
                    for u, hits in zip(parsed.units, per_unit)]
    seen: set[str] = set()
    for rank in range(max(len(hits) for hits in per_unit)):
        for hits in per_unit:
            if rank < len(hits) and hits[rank].clause.clause_id not in seen:
                seen.add(hits[rank].clause.clause_id)
                answer.hits.append(hits[rank])
    answer.total = len(answer.hits)
    missing = [u.name for u, hits in zip(parsed.units, per_unit) if not hits]
    answer.note = "各单位分别承担的条款 / each unit's own clauses" + (
        f"；未找到{'、'.join(missing)}的相关条款 / none found for {', '.join(missing)}"
        if missing else "")


def _recipients(kb, text: str) -> list[str]:
    """The bodies a clause sends things to, by their directory names where known."""
    from ingest.extract import recipients

    directory = kb.store.directory
    out: list[str] = []
    for name in recipients(text, directory):
        unit = directory.resolve(name)
        name = unit.name if unit else name
        if name not in out:
            out.append(name)
    return out


NAMING_ALL_DEPTH = 200  # clauses searched for the names, when no document is named


def _naming_all(kb, parsed: Parsed, names: list[list[str]], scope: tuple) -> list[str]:
    """Clauses (in document order) whose text names every unit asked about, by any name:
    its own, its aliases and former names, the names the documents give it, or the form
    the question wrote."""
    forms = []
    for unit, known in zip(parsed.units, names):
        said = {unit.name, *unit.aliases, *unit.former, *known, parsed.surfaces.get(unit.name)}
        forms.append(sorted({f for f in said if f and len(f) >= 2}, key=len))
    if scope:
        clauses = [c for d in scope for c in kb.store.clauses(doc_id=d)]
    else:
        query = " ".join(f[0] for f in forms if f)
        clauses = [h.clause for h in search(kb, query, limit=NAMING_ALL_DEPTH)]
    found = [c for c in clauses if all(any(f in c.text for f in own) for own in forms)]
    return _in_scope(kb.store.in_document_order([c.clause_id for c in found]), scope)


def _names_in_scope(kb, unit, parsed: Parsed, scope: tuple) -> tuple[str, ...]:
    """The names ``unit`` goes by in the documents in scope: its own and the function
    names the question wrote (质监部门: 质量技术监督部门); where no clause there names the
    unit itself, or the question names it by function, every name the documents give it
    by function."""
    asked = parsed.surfaces.get(unit.name)
    # (水利部门 is asked by function: the 水行政主管部门 of a law is meant as well)
    by_function = bool(asked) and re.search(r"(?:部门|系统|机关)$", asked) is not None
    if not by_function and _in_scope(kb.store.unit_clause_ids(unit.name, None, limit=ID_CAP),
                                     scope):
        if asked is None or asked in (unit.name, *unit.aliases):  # named as it is called now
            return (unit.name,)
        return (unit.name, *_function_names(kb, unit, asked, narrowed_only=True))
    return (unit.name, *_function_names(kb, unit, asked))


_CLASS_KIND = lazy_compile(r"(?:行政主管部门|主管部门|行政部门|部门)$")


# the provinces' level, however a document writes it
_PROVINCE_FORMS = ("各省（区、市）", "各省(区、市)", "各省、自治区、直辖市", "省、自治区、直辖市")
_PROVINCES_LEVEL = lazy_compile("^(?:" + "|".join(map(re.escape, _PROVINCE_FORMS)) + ")")
_PROVINCES_AS = dict.fromkeys(_PROVINCE_FORMS + ("各省级", "省级"), "省级")


def _class_level(name: str) -> str:
    """The level a class of bodies' name opens with, as written (各省（区、市）, 省级, 市…)."""
    level = _PROVINCES_LEVEL.match(name) or _LEVEL_PREFIX.match(name)
    return level.group(0) if level else ""


def _same_class_names(kb, name: str, scope: tuple) -> list[str]:
    """Other names the documents in scope give the class of bodies ``name`` is, one
    being the other's short form at the same level (医保部门 and 医疗保障部门, 住建部门 and
    住房城乡建设部门; not 各级医保部门, nor 财税部门 beside 财政部门)."""
    kind = _CLASS_KIND.search(name)
    if kind is None or kb.store.directory.get(name) is not None:
        return []
    prefix = _class_level(name)
    core = name[len(prefix): kind.start()]
    if len(core) < 2:
        return []
    generic = kb.per_generation("generic_units", kb.store.generic_unit_names)
    out = []
    for other in generic:
        other_kind = _CLASS_KIND.search(other)
        other_prefix = _class_level(other)
        if other == name or other_kind is None or \
                _PROVINCES_AS.get(other_prefix, other_prefix) != _PROVINCES_AS.get(prefix, prefix):
            continue
        other_core = other[len(other_prefix): other_kind.start()]
        if other_core == core and other_prefix != prefix:
            # 省级国土资源主管部门 and 各省（区、市）国土资源主管部门: one class, the level
            # written two ways
            if _in_scope(kb.store.unit_clause_ids(other, None, limit=ID_CAP), scope):
                out.append(other)
            continue
        if len(other_core) < 2 or other_core == core or _LEVEL_PREFIX.match(other_core):
            continue
        short, long = sorted((core, other_core), key=len)
        if len(short) == len(long) or not in_order(short).match(long):
            continue  # (the short form opens with the long one's first character)
        if _in_scope(kb.store.unit_clause_ids(other, None, limit=ID_CAP), scope):
            out.append(other)
    return out


def _function_names(kb, unit, asked: str | None = None, narrowed_only: bool = False
                    ) -> list[str]:
    """The names the documents give ``unit`` by function alone (医疗保障部门 for
    国家医疗保障局). Where the unit is named in scope, a function name (各级财政部门) means
    more bodies than the one asked about, so callers then ask only for ``narrowed_only``
    ones. With the words the question ``asked`` by (工商部门 for 市场监管局, which took over
    工商, 质监 and 食药监), those holding them, when any does; else all of them, unless
    ``narrowed_only``."""
    generic = kb.per_generation("generic_units", kb.store.generic_unit_names)
    names = kb.unit_lexicon.function_names(unit, generic)
    stem = re.sub(r"^(?:山东省|省|市|县)|(?:行政主管部门|主管部门|行政部门|部门|系统)$", "", asked or "")
    # (质监 for 质量技术监督部门: the characters in order)
    narrow = [n for n in names if len(stem) >= 2 and (stem in n or in_order(stem).search(n))]
    return narrow if narrow or narrowed_only else names


_ALL_DUTIES = ("未找到与“{topic}”直接相关的条款，以下为{unit}在该文件中的全部职责 / nothing covers "
               "the other words; these are all of the unit's duties in the document")


def _shares(kb, answer: Answer, terms: Terms) -> dict[str, float]:
    """How much of ``terms`` each clause the answer gives its units covers."""
    ids = [cid for u in answer.units for cid in u.clauses]
    return {c.clause_id: coverage(terms, clause_words(c)) for c in kb.store.clauses(clause_ids=ids)}


def _best_share(kb, answer: Answer, terms: Terms) -> float:
    return max(_shares(kb, answer, terms).values(), default=0.0)


def _on_topic_only(kb, answer: Answer, parsed: Parsed) -> None:
    """A unit's duties narrowed to the clauses on the part of the document asked about,
    when some of them hold it and others do not; all of them otherwise."""
    share = _shares(kb, answer, parsed.duty_terms)
    best = max(share.values(), default=0.0)
    if best < EMPTY_COVERAGE:
        return
    kept = {cid for cid, s in share.items() if s >= max(EMPTY_COVERAGE, ON_TOPIC_SHARE * best)}
    if len(kept) == len(share):
        return
    for unit in answer.units:
        unit.clauses = [cid for cid in unit.clauses if cid in kept]
        unit.total = len(unit.clauses)
    _add_note(answer, f"限于与“{parsed.topic}”相关的条款 / only the clauses on {parsed.topic}")


def _add_note(answer: Answer, said: str) -> None:
    """``said`` after what the answer's note says already."""
    answer.note = f"{answer.note}；{said}" if answer.note else said


def _unit_duties(kb, answer: Answer, parsed: Parsed, scope: tuple, limit: int) -> None:
    """Every clause of the units asked about, in the documents in scope."""
    # 配合哪些任务 asks for the cooperating role only; 牵头哪些 lists lead first, then
    # what the unit cooperates on, each labelled.
    roles = ("coop",) if parsed.role == "coop" else ("lead", "coop")
    asked = parsed.units + [u for u in parsed.alternatives + parsed.also_named
                            if u not in parsed.units]
    by_function: list[str] = []
    also_called: list[str] = []
    for unit in asked:
        found = {role: _in_scope(kb.store.unit_clause_ids(unit.name, role, limit=ID_CAP), scope)
                 for role in roles}
        also = [] if any(found.values()) else _function_names(
            kb, unit, parsed.surfaces.get(unit.name))
        by_function += [n for n in also if n not in by_function]
        # 医保部门 in a document that also writes 医疗保障部门: one class, two names
        same = _same_class_names(kb, unit.name, scope) if scope and any(found.values()) else []
        also_called += [n for n in same if n not in also_called]
        for role in roles:
            ids = found[role]
            if also or same:
                ids = kb.store.in_document_order(([] if also else ids) + [
                    cid for name in also or same for cid in _in_scope(
                        kb.store.unit_clause_ids(name, role, limit=ID_CAP), scope)])
            entry = _unit_answer(unit, role, ids)
            entry.total = (len(ids) if len(ids) < ID_CAP or scope or also
                           else kb.store.unit_clause_count(unit.name, role))
            answer.units.append(entry)
    if parsed.also_named:
        _add_note(answer, "含问题括注的另一称呼“" + "”“".join(u.name for u in parsed.also_named)
                  + "” / including the other name given in brackets")
    if parsed.alternatives:
        answer.note = ("“" + "”或“".join(u.name for u in parsed.alternatives) +
                       "”均可能是所指部门，分别列出 / the short form names several units; "
                       "each is listed")
    if by_function:
        _add_note(answer, "含文件以职能称呼的“" + "”“".join(by_function) +
                  "” / including clauses that name it by function")
    if also_called:
        _add_note(answer, "含文件对同类部门的另一称呼“" + "”“".join(also_called) +
                  "” / including clauses that call it " + ", ".join(also_called))
    if parsed.duty_terms is not None:
        _on_topic_only(kb, answer, parsed)
    ranked = [(cid, 1.0 if u.role == "lead" else 0.5) for u in answer.units for cid in u.clauses]
    answer.total = sum(u.total for u in answer.units)
    if not answer.total:  # 湖北省国土资源厅负责什么, asked of documents that give it no duty
        names = "、".join(dict.fromkeys(u.name for u in answer.units))
        answer.empty = True
        answer.message = answer.note = (f"没有找到{names}承担职责的条款 / no clause here assigns "
                                        f"a duty to {names}")
        # the clauses that name it all the same, labelled as related, not an answer: a
        # duty written in a way not read is then still in view
        surfaces = [s for u in asked for s in (u.name, *u.aliases, *u.former) if len(s) >= 2]
        related = kb.store.clause_ids_mentioning(surfaces, scope, limit=RELATED)
        if related:
            answer.related = fetch_hits(kb, [(cid, 1.0) for cid in related], [])
            answer.message = answer.note = (
                f"{answer.message}；以下条款提到{names}，请查看原文 / these clauses name it; "
                f"see the text")
    # units[].clauses lists every clause id (up to ID_CAP per role, with the total);
    # the evidence carries the first page in full.
    page = max(limit, DUTY_PAGE)
    answer.hits = fetch_hits(kb, ranked[:page], [])
    if answer.total > page:
        answer.note = (f"共{answer.total}条，显示前{page}条 / showing the first {page} of "
                       f"{answer.total} clauses")
