"""Merging reports of one happening (``core.merging``): the word index and the
score bound only skip work, they never change which reports are joined."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from core.merging import CLUSTER_WORDINGS, MERGE_JACCARD, merge, merge_interval, similarity
from core.model import Event, Mention, Sentence, Source

DAY = date(2024, 11, 27)


def report(doc: str, n: int, words: set[str], day: date = DAY) -> tuple[Event, frozenset[str]]:
    sentence = Sentence(n, (n * 10, n * 10 + 5), f"جمله {n}")
    mention = Mention((n * 10, n * 10 + 2), "امروز", day, day, "day", None, "jalali", True)
    event = Event(id=f"{doc}#{n}", document=doc, date=mention, sentence=sentence, summary="",
                  sources=[Source(doc, sentence)])
    return event, frozenset(words)


SIMILARITIES = [
    # x, y, expected
    ({"زمینلرزه", "کرمان"}, {"زمین", "لرزه", "کرمان"}, 1.0),      # a compound written as two words
    ({"زمینلرزه", "کرمان"}, {"زمین", "کرمان"}, 1 / 3),             # one half is not enough
    ({"نفت", "اوپک", "تولید"}, {"نفت", "اوپک", "کاهش"}, 2 / 4),
    ({"نفت"}, {"فوتبال"}, 0.0),
    (set(), {"نفت"}, 0.0),
    ({"کتابخانه", "کتاب", "خانه"}, {"کتاب", "خانه"}, 1.0),         # both halves already there
]


def test_similarity_table():
    for x, y, expected in SIMILARITIES:
        assert abs(similarity(frozenset(x), frozenset(y)) - expected) < 1e-9, (x, y)
        assert abs(similarity(frozenset(y), frozenset(x)) - expected) < 1e-9, (y, x)


def test_reports_join_the_most_similar_cluster_never_one_of_their_own_document():
    reports = [
        report("a", 1, {"زلزله", "کرمان", "راور", "ریشتر"}),
        report("a", 2, {"زلزله", "کرمان", "راور", "خسارت"}),   # same document: never joins a#1
        report("b", 1, {"زلزله", "کرمان", "راور", "خسارت"}),   # joins a#2 (1.0) rather than a#1 (0.6)
        report("c", 1, {"فوتبال", "استقلال"}),                  # shares nothing: its own event
    ]
    events = merge_interval(reports)
    assert [e.id for e in events] == ["a#1", "a#2", "c#1"]
    assert [s.document for s in events[1].sources] == ["a", "b"]


def test_only_reports_of_the_same_days_are_merged():
    other_day = date(2024, 11, 28)
    events = merge([report("a", 1, {"زلزله", "کرمان"}), report("b", 1, {"زلزله", "کرمان"}, other_day)])
    assert len(events) == 2


def naive_merge(reports):
    """Every cluster scored against every wording it keeps: no index, no bound."""
    clusters: list[tuple[Event, set[str], list[frozenset[str]]]] = []
    for event, words in reports:
        best, best_score = None, MERGE_JACCARD
        for c, (_, docs, wordings) in enumerate(clusters):
            if event.document in docs or not any(words & w for w in wordings):
                continue
            score = max(similarity(words, w) for w in wordings)
            if score > best_score or (score == best_score and best is None):
                best, best_score = c, score
        if best is None:
            clusters.append((event, {event.document}, [words]))
            continue
        head, docs, wordings = clusters[best]
        head.sources.extend(event.sources)
        docs.add(event.document)
        if len(wordings) < CLUSTER_WORDINGS and words not in wordings:
            wordings.append(words)
    return [(c[0].id, [s.document for s in c[0].sources]) for c in clusters]


VOCABULARY = ["زمین", "لرزه", "زمینلرزه", "کرمان", "راور", "نفت", "اوپک", "تولید", "کاهش", "سد", "افتتاح"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcdef"), st.sets(st.sampled_from(VOCABULARY), min_size=1, max_size=5)),
                min_size=1, max_size=25))
def test_the_word_index_and_the_bound_change_nothing(specs):
    reports = [report(doc, n, words) for n, (doc, words) in enumerate(specs)]
    expected = naive_merge([report(doc, n, words) for n, (doc, words) in enumerate(specs)])
    assert [(e.id, [s.document for s in e.sources]) for e in merge_interval(reports)] == expected
