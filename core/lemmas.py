"""Content words as lemmas, for telling whether two reports tell one happening.

hazm's ``Lemmatizer`` (its word and verb lists ship with hazm, nothing is
downloaded) turns «گروه‌های» and «گروههای» into «گروه» and «می‌کنند» into
«کرد#کن»; hazm's stop words and ``core/gazetteer/function_words.tsv`` are
left out. hazm loads in about a second, so it loads on first use, never at
import: an ``extract`` of one article, which merges nothing, never pays it.

Words are taken from the matching spelling (``core.normalize``), where a
ZWNJ is a space: «گروه‌های» arrives as «گروه» and «های» (a stop word), the
same as when the ZWNJ was lost to a plain space.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import lru_cache

from core.gazetteer import content_words, read_table
from core.normalize import fold

_WORD_OR_NUMBER = re.compile(r"[^\W_]+(?:\.\d+)?")
_lock = threading.Lock()
_loaded: tuple[Callable[[str], str], frozenset[str]] | None = None


def _hazm() -> tuple[Callable[[str], str], frozenset[str]]:
    """hazm's lemmatizer and stop words (in matching spelling), loaded once."""
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                from hazm import Lemmatizer, stopwords_list

                stop = frozenset(w for s in stopwords_list() for w in fold(s).split())
                ours = frozenset(r[0] for r in read_table("function_words"))
                _loaded = (Lemmatizer().lemmatize, stop | ours)
    return _loaded


@lru_cache(maxsize=1 << 16)
def lemma(word: str) -> str:
    """The lemma of one word in matching spelling («نیروهای» → «نیرو»); a
    verb's is its two stems («کرد#کن»). Kept: news repeats its words."""
    return _hazm()[0](word)


def lemma_words(text: str, folded: bool = False) -> frozenset[str]:
    """Lemmas of the content words of ``text`` (``folded``: already in
    matching spelling). Stop words and one-letter words are left out, and so
    are lemmas that are stop words themselves («شد#شو» of «شدند»)."""
    stop = _hazm()[1]
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
