"""Reading a selection one page at a time, with the last few pages kept.

A store answers ``page(first, count)``; code that shows a list asks for one
event at a time (the row being drawn). ``PageCache`` turns the second into
the first: an index reads the page that holds it, and the most recently used
pages stay, so drawing a screen of rows or moving the cursor reads nothing
again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from core.model import Event

PAGE_SIZE = 100
PAGES_KEPT = 8


class PageCache:
    """``cache[position]`` → the event there, read by pages of ``page_size``."""

    def __init__(self, read_page: Callable[[int, int], list[Event]], length: int,
                 page_size: int = PAGE_SIZE, pages_kept: int = PAGES_KEPT) -> None:
        self._read_page = read_page
        self._length = length
        self.page_size = page_size
        self._pages_kept = pages_kept
        self._pages: OrderedDict[int, list[Event]] = OrderedDict()

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, position: int) -> Event:
        if position < 0:
            position += self._length
        if not 0 <= position < self._length:
            raise IndexError(f"position {position} outside a selection of {self._length}")
        number = position // self.page_size
        page = self._pages.get(number)
        if page is None:
            page = self._read_page(number * self.page_size, self.page_size)
            self._pages[number] = page
            if len(self._pages) > self._pages_kept:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[position - number * self.page_size]
