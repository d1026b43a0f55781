"""The detail line: nothing clipped, each value in its own direction."""

from __future__ import annotations

import dataclasses

import pytest

from app_fixtures import DAM, TRIP, drive, make_app, sample_events, strip_text
from core.timeline import Timeline
from tui.bidi import to_visual
from tui.widgets.detail_line import DetailLine

REASON = ("no publication date; inferred as the day of the latest dated event «بامداد ۷ آذر ماه ۱۴۰۳» "
          "(2024-11-27) in the same article")


def _timeline(**changes) -> Timeline:
    events = sample_events()
    events[0] = dataclasses.replace(events[0], **changes)
    return Timeline(documents=[DAM, TRIP], events=events, problems=[])


def _detail_text(visual: bool, size: tuple[int, int], **changes) -> list[str]:
    shown: list[str] = []

    async def scenario(pilot) -> None:
        detail = pilot.app.screen.query_one(DetailLine)
        shown.extend(strip_text(detail.render_line(y)).rstrip() for y in range(detail.size.height))

    drive(make_app(_timeline(**changes), visual=visual), scenario, size=size)
    return shown


@pytest.mark.parametrize("visual", [False, True])
@pytest.mark.parametrize("width", [80, 120])
def test_an_inferred_dates_reason_is_shown_whole(visual: bool, width: int) -> None:
    lines = _detail_text(visual, (width, 40), inferred=True, reason=REASON)
    text = " ".join(lines)
    assert not any(line.endswith("…") for line in lines)
    assert "in the same article" in text and "(2024-11-27)" in text and "sources: #2 trip ¶3" in text
    for word in ("بامداد", "آذر"):
        assert (to_visual(word)[0] if visual else word) in text


@pytest.mark.parametrize("visual", [False, True])
def test_latin_labels_read_left_to_right_and_persian_lists_right_to_left(visual: bool) -> None:
    lines = _detail_text(visual, (120, 40), actors=["وزیر نیرو", "شهردار کرج"])
    text = " ".join(lines)
    assert "2011–2012" in text and "2012–2011" not in text  # the Gregorian years of ۱۳۹۰
    assert "2011-03-21…2012-03-19" in text
    names = "وزیر نیرو، شهردار کرج"
    assert (to_visual(names, True)[0] if visual else names) in text
    if visual:  # right to left: the first name at the right, the comma on its left
        assert text.index(to_visual("شهردار کرج")[0]) < text.index(to_visual("وزیر نیرو")[0])
