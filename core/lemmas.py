"""Content words as lemmas, for telling whether two reports tell one happening.

hazm's lemmatization, from the data hazm ships (its word list ``words.dat``
and verb stems ``verbs.dat``, nothing downloaded) and its ``Stemmer``, in
``Lemmatizer.lemmatize``'s order: a word hazm lists is its own lemma; a verb
form is its two stems («می‌کنند», «کردند» → «کرد#کن»); otherwise the stem,
if hazm lists it («گروه‌های» → «گروه»). hazm's ``Lemmatizer`` itself builds
every conjugation of every verb first (half a million forms: 150 MB and two
seconds per process); here a verb form is taken apart instead (prefix, stem,
person ending), which finds the same stems for a tenth of the memory.
hazm's stop words and ``core/gazetteer/function_words.tsv`` are left out.
hazm loads on first use, never at import: an ``extract`` of one article,
which merges nothing, never pays for it.

Words are taken from the matching spelling (``core.normalize``), where a
ZWNJ is a space: «گروه‌های» arrives as «گروه» and «های» (a stop word), the
same as when the ZWNJ was lost to a plain space.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from core.gazetteer import content_words, read_table
from core.normalize import fold

_WORD_OR_NUMBER = re.compile(r"[^\W_]+(?:\.\d+)?")
_PREFIXES = ("", "نمی", "می", "ن", "ب")  # a word as it is first: «نوشت», «بست»
_PAST_ENDINGS = ("ند", "یم", "ید", "م", "ی", "")
_PRESENT_ENDINGS = ("ند", "یم", "ید", "م", "ی", "د")


@dataclass(frozen=True, slots=True)
class _Hazm:
    words: frozenset[str]
    past: dict[str, str]      # past stem → «past#present»
    present: dict[str, str]   # present stem → «past#present»
    stem: object              # hazm's Stemmer().stem
    stop: frozenset[str]


_lock = threading.Lock()
_loaded: _Hazm | None = None


def _hazm() -> _Hazm:
    """hazm's data and stemmer, in matching spelling, loaded once."""
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                from hazm import Stemmer, stopwords_list
                from hazm.utils import default_verbs, default_words

                with open(default_words, encoding="utf-8") as handle:
                    words = frozenset(w for line in handle if " " not in (w := fold(line.split("\t", 1)[0]).strip()))
                past: dict[str, str] = {}
                present: dict[str, str] = {}
                with open(default_verbs, encoding="utf-8") as handle:
                    for line in handle:
                        verb = fold(line.strip())
                        if "#" not in verb or " " in verb:
                            continue
                        p, s = verb.split("#", 1)
                        if p:
                            past.setdefault(p, verb)
                        if s:
                            present.setdefault(s, verb)
                stop = frozenset(w for s in stopwords_list() for w in fold(s).split())
                ours = frozenset(r[0] for r in read_table("function_words"))
                _loaded = _Hazm(words, past, present, Stemmer().stem, stop | ours)
    return _loaded


def _verb(word: str, h: _Hazm) -> str | None:
    """«past#present» of a verb form: a prefix, a stem, a person ending («نمی کنند»
    arrives as «کنند»); a bare present stem needs a prefix («کن» alone is no verb)."""
    for prefix in _PREFIXES:
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix):]
        for ending in _PAST_ENDINGS:
            if rest.endswith(ending) and (verb := h.past.get(rest[:len(rest) - len(ending)])):
                return verb
        if rest.endswith("ه") and (verb := h.past.get(rest[:-1])):  # participle «کشته»
            return verb
        for ending in _PRESENT_ENDINGS:
            stem = rest[:len(rest) - len(ending)]
            if rest.endswith(ending) and len(stem) >= 2 and (verb := h.present.get(stem)):
                return verb
    return None


@lru_cache(maxsize=1 << 16)
def lemma(word: str) -> str:
    """The lemma of one word in matching spelling («نیروهای» → «نیرو»); a
    verb's is its two stems («کرد#کن»). Kept: news repeats its words."""
    h = _hazm()
    if word in h.words:
        return word
    verb = _verb(word, h)
    if verb is not None:
        return verb
    stem = h.stem(word)
    return stem if stem in h.words else word


def lemma_words(text: str, folded: bool = False) -> frozenset[str]:
    """Lemmas of the content words of ``text`` (``folded``: already in
    matching spelling). Stop words and one-letter words are left out, and so
    are lemmas that are stop words themselves («شد#شو» of «شدند»)."""
    stop = _hazm().stop
    out = set()
    for w in set(_WORD_OR_NUMBER.findall(text if folded else fold(text))):
        if len(w) < 2 or w in stop:
            continue
        lem = lemma(w)
        if lem == w:
            lem = _singular(w)
        if lem.split("#")[0] in stop:
            continue
        out.add(lem)
    return frozenset(out)


_PLURALS = ("هایی", "های", "ها")


def _singular(word: str) -> str:
    """hazm's word list holds some plurals as words («بازارها»): the plural
    ending comes off them too, leaving three letters at least."""
    for ending in _PLURALS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def surface_words(text: str, folded: bool = False) -> frozenset[str]:
    """The words merging compared before lemmas (``content_words``), kept for measuring."""
    return content_words(text, folded)
