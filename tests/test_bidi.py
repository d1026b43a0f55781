"""tui.bidi: Arabic-script shaping, simplified UBA reordering, and mode detection."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tui.bidi import detect_mode, is_rtl, mirrored, resolve_mode, shape, to_visual, visual_order

ZWNJ = "\u200c"


@pytest.mark.parametrize("text, expected", [
    ("با", ["ﺑ", "ﺎ"]),                                   # beh initial, alef final
    ("سلام", ["ﺳ", "ﻼ", "", "ﻡ"]),                        # lam-alef ligature (final), alef absorbed
    ("لا", ["ﻻ", ""]),                                     # lam-alef alone: isolated ligature
    ("میشود", ["ﻣ", "ﯿ", "ﺸ", "ﻮ", "ﺩ"]),                  # Persian yeh medial, waw final, dal isolated
    ("می" + ZWNJ + "شود", ["ﻣ", "ﯽ", ZWNJ, "ﺷ", "ﻮ", "ﺩ"]),  # ZWNJ breaks the join
    ("دد", ["ﺩ", "ﺩ"]),                                    # right-joining letters never join forward
    ("گچ", ["ﮔ", "ﭻ"]),                                    # Persian letters (Presentation Forms-A)
    ("بَب", ["ﺑ", "َ", "ﺐ"]),                               # a haraka is transparent to joining
    ("بـ", ["ﺑ", "ـ"]),                                     # tatweel causes joining
    ("ء", ["ﺀ"]),                                          # hamza joins nothing
    ("abc", ["a", "b", "c"]),                              # other scripts untouched
    ("ب ب", ["ﺏ", " ", "ﺏ"]),                              # a space breaks the join
])
def test_shape(text: str, expected: list[str]) -> None:
    assert shape(text) == expected


@pytest.mark.parametrize("text, rtl, expected", [
    ("abc def", None, "abc def"),
    ("سلام", None, "ﻡﻼﺳ"),
    ("سال ۲۰۱۷ بود", None, "ﺩﻮﺑ ۲۰۱۷ ﻝﺎﺳ"),              # numbers stay left to right
    ("سال 2017 بود", None, "ﺩﻮﺑ 2017 ﻝﺎﺳ"),
    ("از Putin گفت", None, "ﺖﻔﮔ Putin ﺯﺍ"),              # a Latin run inside Persian
    ("(سلام)", None, "(ﻡﻼﺳ)"),                            # brackets mirrored in RTL runs
    ("«سلام»", None, "«ﻡﻼﺳ»"),
    ("see سلام now", None, "see ﻡﻼﺳ now"),                # LTR paragraph keeps its order
    ("2024-11-27", True, "2024-11-27"),                    # an ISO date alone in an RTL line
    ("ساعت 10:30 صبح", None, "ﺢﺒﺻ 10:30 ﺖﻋﺎﺳ"),            # CS between numbers keeps them one run
    ("۱۲.۵ درصد", None, "ﺪﺻﺭﺩ ۱۲.۵"),
    ("سلام  ", None, "  ﻡﻼﺳ"),                            # trailing spaces go to the line's end (left)
    ("a (b) c", False, "a (b) c"),                         # no mirroring in LTR
    # Latin dates and ranges inside Persian read as written (plain UBA turns them around)
    ("در 2018-08-09 بود", None, "ﺩﻮﺑ 2018-08-09 ﺭﺩ"),
    ("عنوان 19-12-2007", None, "19-12-2007 ﻥﺍﻮﻨﻋ"),
    ("سال 1940–1990 بود", None, "ﺩﻮﺑ 1940–1990 ﻝﺎﺳ"),
    ("ماه 2018-08…09 بود", None, "ﺩﻮﺑ 2018-08…09 ﻩﺎﻣ"),
    ("در 1399/05/01 بود", None, "ﺩﻮﺑ 1399/05/01 ﺭﺩ"),
    ("۱۳۵۸–۱۳۹۱", True, "۱۳۹۱–۱۳۵۸"),                      # a Persian-digit range reads from the right
    ("سال 33 و 34", None, "34 ﻭ 33 ﻝﺎﺳ"),                  # separate numbers keep Persian order
])
def test_to_visual(text: str, rtl: bool | None, expected: str) -> None:
    assert to_visual(text, rtl)[0] == expected


def test_zwnj_and_overrides_are_not_drawn_and_sources_point_back() -> None:
    text = "می" + ZWNJ + "شود\u202e"
    drawn, sources = to_visual(text)
    assert ZWNJ not in drawn and "\u202e" not in drawn
    assert drawn == "ﺩﻮﺷﯽﻣ"
    assert sources == [5, 4, 3, 1, 0]


def test_combining_mark_follows_its_base() -> None:
    drawn, sources = to_visual("بَد")
    assert drawn == "ﺪﺑَ"  # beh (initial) joins dal (final) across the haraka
    assert sources == [2, 0, 1]


@pytest.mark.parametrize("text", ["سلام دنیا", "در سال ۲۰۱۷ (کاهش تنش)", "گفت" + ZWNJ + "وگو", "لا لا", "abc"])
def test_visual_never_wider_than_logical(text: str) -> None:
    assert cell_len(to_visual(text)[0]) <= cell_len(text)


def test_visual_order_levels() -> None:
    # «سال 2017»: the number is level 2 (LTR inside RTL), letters level 1.
    order = visual_order("سال 2017", rtl=True)
    assert [i for i, _ in order] == [4, 5, 6, 7, 3, 2, 1, 0]
    assert {i: level for i, level in order}[4] == 2 and {i: level for i, level in order}[0] == 1


@pytest.mark.parametrize("text, expected", [
    ("سلام hello", True), ("hello سلام", False), ("۱۲۳", True), ("", True), ("123 abc", False)])
def test_paragraph_direction(text: str, expected: bool) -> None:
    assert is_rtl(text) is expected


@pytest.mark.parametrize("text, expected", [("1979–2012", False), ("سلام", True), ("x", False), ("", False)])
def test_direction_of_a_value_in_a_left_to_right_line(text: str, expected: bool) -> None:
    assert is_rtl(text, default=False) is expected


@pytest.mark.parametrize("char, expected", [("(", ")"), ("]", "["), ("«", "»"), ("a", "a"), ("-", "-")])
def test_mirrored(char: str, expected: str) -> None:
    assert mirrored(char) == expected


@pytest.mark.parametrize("environ, expected", [
    ({}, "visual"),
    ({"VTE_VERSION": "6800"}, "logical"),
    ({"VTE_VERSION": "5202"}, "visual"),          # VTE before bidi support
    ({"KONSOLE_VERSION": "220401"}, "logical"),
    ({"MLTERM": "3.9.3"}, "logical"),
    ({"TERM_PROGRAM": "Apple_Terminal"}, "logical"),
    ({"TERM_PROGRAM": "WezTerm"}, "visual"),
    ({"WT_SESSION": "abc"}, "visual"),           # Windows Terminal
    ({"TMUX": "/tmp/tmux-0/default,1,0", "VTE_VERSION": "6800"}, "visual"),
    ({"STY": "123.pts-0", "KONSOLE_VERSION": "220401"}, "visual"),
])
def test_detect_mode(environ: dict[str, str], expected: str) -> None:
    assert detect_mode(environ) == expected


def test_resolve_mode() -> None:
    assert resolve_mode("logical", {}) == "logical"
    assert resolve_mode("visual", {"VTE_VERSION": "6800"}) == "visual"
    assert resolve_mode("auto", {"KONSOLE_VERSION": "1"}) == "logical"
    with pytest.raises(ValueError, match="sideways"):
        resolve_mode("sideways", {})
