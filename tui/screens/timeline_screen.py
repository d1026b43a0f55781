"""The main screen: timeline and article side by side (stacked when narrow),
the density strip, the detail line and the footer.

The timeline is loaded by a thread worker so the screen is drawn at once;
documents appear in the article pane as soon as they are read, events when
the engine is done. This screen owns what is shown (the filter, the search,
the calendar order, the bidi mode) and keeps the widgets in step.

Everything is read through an ``EventStore`` (``core.store``), the loader's
answer: a timeline built in memory or an archive on disk. A filter is a
``Query`` and what it selects a ``Selection`` read page by page; the article
pane asks for one document at a time. Nothing here holds every event.
"""

from __future__ import annotations

import gc
import os
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.cache import LRUCache
from textual.containers import Container, Vertical
from textual.message import Message
from textual.screen import Screen

from core.model import CALENDAR_NAMES, MARKS, Document, Event
from core.store import DocumentView, EventStore, Query, Selection
from tui.screens.export_screen import EXPORT_FORMATS, ExportRequest, ExportScreen
from tui.screens.filter_screen import FilterScreen, FilterSpec
from tui.screens.documents_screen import DocumentsScreen
from tui.screens.goto_screen import GoToDateScreen
from tui.screens.problems_screen import ProblemsScreen
from tui.remembered import Place, recall, remember
from tui.screens.results_screen import LIMIT as RESULTS_LIMIT
from tui.screens.results_screen import ResultsScreen
from tui.screens.search_screen import SearchScreen
from tui.widgets.article_view import ArticleView
from tui.date_display import DateDisplay, date_column, day_labels
from tui.widgets.density_strip import DensityStrip
from tui.widgets.detail_line import DetailLine
from tui.widgets.key_bar import KeyBar
from tui.widgets.pane_title import PaneTitle
from tui.widgets.safe_text import safe_line
from tui.widgets.status_line import Status, StatusLine
from tui.widgets.strips import visual_label
from tui.widgets.timeline_list import TimelineList

if TYPE_CHECKING:
    from core.timeline import Timeline

# Events read at a time when the whole selection is written out.
EXPORT_PAGE = 1000
# Documents the documents list (o) holds; more are reached by the filter's document field.
DOCUMENTS_LISTED = 5000


class LoadReport(Protocol):
    """What a loader tells the screen while it works (from its thread)."""

    def progress(self, text: str) -> None: ...

    def documents(self, documents: Sequence[Document], problems: Sequence[object]) -> None: ...


Loader = Callable[[LoadReport], EventStore]



def document_numbers(store: EventStore) -> Callable[[str], int | None]:
    """``store.document_number``; for a store written before the protocol had
    it, a stand-in that knows no number (rows go untagged rather than fail)."""
    return getattr(store, "document_number", lambda doc_id: None)


class DocumentTags(Mapping[str, str]):
    """«#n» for a document (its place in input order), asked of the store as
    rows need it; no tags when there is a single document."""

    def __init__(self, store: EventStore) -> None:
        self._count = store.document_count()
        self._number = document_numbers(store)
        self._store = store
        self._tags: dict[str, str] = {}

    def __getitem__(self, doc_id: str) -> str:
        tag = self._tags.get(doc_id)
        if tag is None:
            number = self._number(doc_id) if self._count > 1 else None
            if number is None:
                raise KeyError(doc_id)
            tag = self._tags[doc_id] = f"#{number}"
        return tag

    def __len__(self) -> int:
        return self._count if self._count > 1 else 0

    def __iter__(self) -> Iterator[str]:
        if self._count > 1:
            yield from (d.id for d in self._store.documents())


@dataclass(frozen=True, slots=True)
class ViewOptions:
    display: DateDisplay
    visual: bool


def copy_notice(environ: Mapping[str, str]) -> str:
    """What to say after a copy: it goes by OSC 52, which the terminal may ignore
    (tmux unless set-clipboard is on, GNU screen, some terminals and SSH
    clients); the app cannot know, so it says so where it is likely."""
    sent = "copied the event (date, summary, sentence) to the clipboard by OSC 52"
    if environ.get("TMUX"):
        return sent + "; inside tmux it may be dropped unless `set -g set-clipboard on`"
    if environ.get("STY") or environ.get("TERM", "").startswith(("screen", "vt", "linux")) \
            or environ.get("TERM") in (None, "", "dumb"):
        return sent + "; this terminal may drop it (no OSC 52 support)"
    return sent + " (a terminal without OSC 52 may drop it)"


class TimelineScreen(Screen[None]):
    """Timeline, article, density, detail and footer, loaded in the background."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    BINDINGS = [
        Binding("slash", "search", "search", id="timeline.search"),
        Binding("f", "filter", "filter", id="timeline.filter"),
        Binding("t", "go_to_date", "go to date", show=False, id="timeline.go-to-date"),
        Binding("o", "documents", "documents", show=False, id="timeline.documents"),
        Binding("r", "results", "search results", show=False, id="search.results"),
        Binding("F", "clear_filter", "clear filter", show=False, id="filter.clear"),
        Binding("c", "cycle_calendar", "calendar", id="view.calendar"),
        Binding("b", "toggle_bidi", "bidi", id="view.bidi"),
        Binding("y", "copy_event", "copy", id="event.copy"),
        Binding("e", "export", "export", id="timeline.export"),
        Binding("p", "problems", "problems", show=False, id="view.problems"),
        # Show and hide events by kind (core.model.Event.marks).
        Binding("R", "toggle_kind('relative')", "relative dates", show=False, id="kinds.relative"),
        Binding("I", "toggle_kind('inferred')", "inferred dates", show=False, id="kinds.inferred"),
        Binding("L", "toggle_kind('lead')", "leads", show=False, id="kinds.lead"),
        Binding("P", "toggle_kind('planned')", "planned", show=False, id="kinds.planned"),
        Binding("A", "toggle_kind('recurring')", "recurring (annual)", show=False, id="kinds.recurring"),
    ]

    # --- messages from the loading thread ----------------------------------------

    class LoadProgress(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, TimelineScreen.LoadProgress)

    class DocumentsRead(Message):
        def __init__(self, documents: Sequence[Document], problems: Sequence[object]) -> None:
            super().__init__()
            self.documents = list(documents)
            self.problems = list(problems)

    class Loaded(Message):
        def __init__(self, store: EventStore) -> None:
            super().__init__()
            self.store = store

    class LoadFailed(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, loader: Loader, options: ViewOptions, export_folder: Path | None = None,
                 inputs: str = "", remember_key: str | None = None) -> None:
        """``inputs``: what was opened, in a few words (for the status line);
        ``remember_key``: where the selection, filter and search are kept between runs."""
        super().__init__()
        self.remember_key = remember_key
        self.loader = loader
        self.inputs = inputs
        self.options = options
        self.export_folder = export_folder or Path.cwd()
        self.store: EventStore | None = None
        self.everything: Selection | None = None  # every event: the total in the title
        self.shown: Selection | None = None
        self.document_count = 0
        self.document_tags: Mapping[str, str] = {}
        self.problems: list[object] = []
        self.filter_spec = FilterSpec()
        self.hidden_kinds: frozenset[str] = frozenset()
        self.search_query = ""
        self.load_status = "starting…"
        self._views: LRUCache[str, DocumentView | None] = LRUCache(16)
        self._article_events: LRUCache[str, list[Event]] = LRUCache(16)  # for ``shown``
        self._report = 0  # which report of the selected event the article shows

    # --- layout --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Container(id="panes"):
            with Vertical(id="timeline-pane"):
                yield PaneTitle(id="timeline-title", classes="pane-title")
                yield TimelineList(id="timeline")
            with Vertical(id="article-pane"):
                yield PaneTitle(id="article-title", classes="pane-title")
                yield ArticleView(id="article")
        yield DensityStrip(id="density")
        yield DetailLine(id="detail")
        yield StatusLine(id="status")
        yield KeyBar(id="keys")

    @property
    def timeline_list(self) -> TimelineList:
        return self.query_one(TimelineList)

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    def on_mount(self) -> None:
        self._apply_options()
        self.timeline_list.focus()
        self._update_titles()
        # Start the engine (and its imports) once the first screen is drawn.
        self.call_after_refresh(self.load_timeline)

    # --- loading -------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load_timeline(self) -> None:
        screen = self

        class Report:
            def progress(self, text: str) -> None:
                screen.post_message(TimelineScreen.LoadProgress(text))

            def documents(self, documents: Sequence[Document], problems: Sequence[object]) -> None:
                screen.post_message(TimelineScreen.DocumentsRead(documents, problems))

        try:
            store = self.loader(Report())
        except Exception as error:  # noqa: BLE001 — any failure is shown, never a crash
            self.post_message(self.LoadFailed(f"could not build the timeline: {type(error).__name__}: {error}"))
            return
        self.post_message(self.Loaded(store))

    @on(LoadProgress)
    def _progress(self, message: LoadProgress) -> None:
        self.load_status = message.text
        self._update_titles()

    @on(DocumentsRead)
    def _documents_read(self, message: DocumentsRead) -> None:
        self.problems = message.problems
        if self.store is None and message.documents:
            self.article.show(message.documents[0], [], None)
            self._update_titles()

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        store = message.store
        self.store = store
        self.load_status = ""
        self.everything = store.select(Query())
        self.document_count = store.document_count()
        self.document_tags = DocumentTags(store)
        self.problems = list(store.problems())
        self._show(self.everything)
        self._recall_place()
        # The timeline lives as long as the app: keep the collector from walking
        # it again and again (full collections of 10,000 events stall key presses).
        gc.freeze()
        if self.problems:
            count = len(self.problems)
            first = safe_line(str(self.problems[0]))
            more = f" (and {count - 1} more; p lists them)" if count > 1 else " (p lists problems)"
            self.notify(first + more, title="not everything could be read", severity="warning",
                        markup=False, timeout=8)
        if not self.document_count:
            self.query_one(DetailLine).show(None, self.options.display, self.options.visual, {},
                                            "nothing could be read: see the problems (p)")

    @on(LoadFailed)
    def _load_failed(self, message: LoadFailed) -> None:
        self.load_status = ""
        self.problems.append(message.text)
        self._update_titles()
        self.query_one(DetailLine).show(None, self.options.display, self.options.visual, {}, message.text)
        self.notify(safe_line(message.text), severity="error", markup=False, timeout=10)

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()

    def _show(self, shown: Selection, keep: Event | None = None) -> None:
        """Put ``shown`` on screen, keeping the selected event (or the nearest date)."""
        self.shown = shown
        self._article_events.clear()
        self.query_one(DensityStrip).show(shown.starts(), self.options.display)
        self.timeline_list.set_events(shown, self.document_tags,
                                      keep=keep.id if keep else None, near=keep.date.start if keep else None)
        if self.search_query:
            self._apply_search(self.search_query, jump=False)
        self._update_titles()

    # --- one document at a time, from the store ----------------------------------------------

    def _view(self, doc_id: str) -> DocumentView | None:
        if doc_id in self._views:
            return self._views[doc_id]
        view = self._views[doc_id] = self.store.document_view(doc_id) if self.store is not None else None
        return view

    def _document(self, doc_id: str) -> Document | None:
        view = self._view(doc_id)
        return view.document if view is not None else None

    def _events_in_article(self, doc_id: str) -> list[Event]:
        """The document's events that the timeline shows now (all of them unfiltered).
        Only events told by this document: a merged event's spans point into its own."""
        found = self._article_events.get(doc_id)
        if found is None:
            view = self._view(doc_id)
            events = [e for e in view.events if e.document == doc_id] if view is not None else []
            shown = self.shown
            if shown is not None and shown is not self.everything:
                events = [e for e in events if shown.position_of(e.id) is not None]
            found = self._article_events[doc_id] = events
        return found

    # --- remembered between runs ----------------------------------------------------------

    def _recall_place(self) -> None:
        if self.remember_key is None or self.store is None:
            return
        place = recall(self.remember_key)
        if place is None:
            return
        spec = FilterSpec(place.actor, place.place, place.document, place.start, place.end)
        if not spec.empty:
            self.apply_filter(spec)
        if place.search:
            self._apply_search(place.search, jump=False)
        if place.event:
            self.timeline_list.select_event(place.event)
        if not spec.empty or place.search:
            self.notify(f"back where you were: the filter and search of the last run ({self._key_for('filter.clear')} "
                        "clears them)", timeout=4)

    def remember_place(self) -> None:
        """Keep the selection, filter and search for the next run on these inputs."""
        if self.remember_key is None or self.store is None:
            return
        event = self.timeline_list.event
        spec = self.filter_spec
        remember(self.remember_key, Place(event.id if event else "", self.search_query, spec.actor, spec.place,
                                          spec.document, spec.start, spec.end))

    # --- following the selection ---------------------------------------------------------

    @on(TimelineList.Highlighted)
    def _highlighted(self, message: TimelineList.Highlighted) -> None:
        event = message.event
        self._report = 0
        if event is not None:
            self.article.show(self._document(event.document), self._events_in_article(event.document), event)
        self.query_one(DetailLine).show(event, self.options.display, self.options.visual, self.document_tags)
        self.query_one(DensityStrip).select(event)
        self._update_titles()

    @on(TimelineList.SourceRequested)
    def _enter_article(self, message: TimelineList.SourceRequested) -> None:
        event = message.event
        self._report = 0
        self.article.enter(self._document(event.document), self._events_in_article(event.document), event)
        self._update_titles()

    @on(ArticleView.ReportRequested)
    def _step_report(self, message: ArticleView.ReportRequested) -> None:
        """The selected event's next (previous) report, in its own article: Enter
        opened the first; a merged event lists every report in ``sources``."""
        event = self.timeline_list.event
        sources = event.sources if event is not None else []
        if len(sources) < 2:
            self.notify("one article reports this event", timeout=2)
            return
        position = self._report + message.step
        if not 0 <= position < len(sources):
            self.notify("last report" if message.step > 0 else "first report", timeout=2)
            return
        self._report = position
        source = sources[position]
        shown = event
        if position:
            # That article's sentence; where its date is written, the merge did not keep.
            at = (source.sentence.span[0], source.sentence.span[0])
            shown = replace(event, document=source.document, sentence=source.sentence,
                            date=replace(event.date, span=at), sources=[source])
        self.article.show(self._document(source.document), self._events_in_article(source.document), shown)
        self.notify(f"report {position + 1} of {len(sources)}: {safe_line(source.document)}", markup=False,
                    timeout=2)
        self._update_titles()

    @on(ArticleView.EventChosen)
    def _article_event(self, message: ArticleView.EventChosen) -> None:
        self.timeline_list.select_event(message.event.id)

    @on(ArticleView.Left)
    def _leave_article(self) -> None:
        self.timeline_list.focus()
        self._update_titles()

    @on(TimelineList.Notice)
    @on(ArticleView.Notice)
    def _notice(self, message: TimelineList.Notice | ArticleView.Notice) -> None:
        self.notify(message.text, markup=False, timeout=2)

    def _update_titles(self) -> None:
        self.query_one("#timeline-title", PaneTitle).show(self._timeline_title())
        self.query_one("#article-title", PaneTitle).show(*self._article_title(), visual=self.options.visual)
        self.query_one(StatusLine).show(self._status(), self.options.visual)
        self.query_one("#timeline-title").set_class(self.timeline_list.has_focus, "-active")
        self.query_one("#article-title").set_class(self.article.has_focus, "-active")

    def _timeline_title(self) -> str:
        parts = ["Timeline"]
        if self.shown is not None:
            count = len(self.shown)
            total = len(self.everything) if self.everything is not None else count
            whole = self.filter_spec.empty and not self.hidden_kinds
            parts.append(f"{count} events" if whole else f"{count} of {total} events")
            parts.append(f"{self.document_count} document" + ("s" if self.document_count != 1 else ""))
        if self.load_status:
            parts.append(self.load_status)
        if self.problems:
            parts.append(f"{len(self.problems)} problem(s): p")
        return " " + " · ".join(parts)

    def _status(self) -> Status:
        listing = self.timeline_list
        shown = len(listing.events)
        total = len(self.everything) if self.everything is not None else shown
        match, matches = listing.match_position()
        documents = self.document_count
        inputs = self.inputs
        if documents:
            inputs = f"{inputs} · {documents} document" + ("s" if documents != 1 else "") if inputs else ""
        return Status(position=listing.cursor + 1 if listing.event is not None else 0, shown=shown, total=total,
                      search=self.search_query, match=match, matches=matches,
                      filter=self._filter_text(),
                      clear_key=self._key_for("filter.clear"), inputs=inputs)

    def _filter_text(self) -> str:
        parts = [self.filter_spec.describe()] if not self.filter_spec.empty else []
        if self.hidden_kinds:
            parts.append("hidden " + ", ".join(m for m in MARKS if m in self.hidden_kinds))
        return ", ".join(parts)

    def _key_for(self, binding_id: str) -> str:
        """The key that runs a binding now (the user may have remapped it)."""
        for key, active in self.active_bindings.items():
            if active.binding.id == binding_id:
                return self.app.get_key_display(active.binding) if len(key) > 1 else key
        return ""

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Notices may quote Persian (a search, a title): drawn in the bidi mode."""
        visual = self.options.visual
        super().notify(visual_label(message, visual), title=visual_label(title, visual), severity=severity,
                       timeout=timeout, markup=markup)

    def _article_title(self) -> tuple[str, str]:
        """The title and source, then the publication date (never cut: the
        title gives way); in reading order, PaneTitle reorders in visual mode."""
        document = self.article.document
        if document is None:
            return " Article", ""
        parts = [safe_line(document.title or document.id)]
        if document.id in self.document_tags:
            parts[0] = f"{self.document_tags[document.id]} {parts[0]}"
        if document.source:
            parts.append(safe_line(document.source))
        dates = " · " + " · ".join(day_labels(document.published, self.options.display)) if document.published else ""
        return " " + " · ".join(parts), dates + " "

    def on_descendant_focus(self) -> None:
        self._update_titles()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While reading the article the footer has room for its keys only:
        # filter and export (timeline-wide) wait for Escape.
        if action in ("filter", "export") and self.is_mounted and self.article.has_focus:
            return False
        return True

    # --- view options ------------------------------------------------------------------

    def _apply_options(self) -> None:
        options = self.options
        density = self.query_one(DensityStrip)
        if self.shown is not None and density.display_options != options.display:
            density.show(self.shown.starts(), options.display)
            density.select(self.timeline_list.event)
        self.timeline_list.configure(display=options.display, visual=options.visual)
        self.article.set_visual(options.visual)
        self.query_one(DetailLine).show(self.timeline_list.event, options.display, options.visual,
                                        self.document_tags)
        self._update_titles()

    def set_display(self, display: DateDisplay) -> None:
        self.options = ViewOptions(display, self.options.visual)
        self._apply_options()

    def set_visual(self, visual: bool) -> None:
        self.options = ViewOptions(self.options.display, visual)
        self._apply_options()

    def action_cycle_calendar(self) -> None:
        self.set_display(self.options.display.next_calendar())
        self.notify(f"{CALENDAR_NAMES[self.options.display.first]} dates first", timeout=2)

    def action_show_calendar(self, calendar: str) -> None:
        self.set_display(DateDisplay(calendar, self.options.display.digits))

    def action_set_digits(self, digits: str) -> None:
        self.set_display(DateDisplay(self.options.display.first, digits))

    def action_toggle_bidi(self) -> None:
        self.set_visual(not self.options.visual)
        self.notify("bidi: visual (reordered by ruydad)" if self.options.visual
                    else "bidi: logical (the terminal reorders)", timeout=2)

    def action_set_bidi(self, mode: str) -> None:
        self.set_visual(mode == "visual")

    # --- search and filter ---------------------------------------------------------------

    def action_search(self) -> None:
        self.app.push_screen(SearchScreen(self.search_query, visual=self.options.visual), self._search_done)

    def _search_done(self, query: str | None) -> None:
        if query is None:
            return
        self._apply_search(query, jump=True)

    def _apply_search(self, query: str, jump: bool) -> None:
        self.search_query = query
        self.article.set_search(query)
        listing = self.timeline_list
        if not query or self.shown is None:
            listing.set_matches([])
            self._update_titles()
            return
        indices = self.shown.matches(query)
        listing.set_matches(indices)
        self._update_titles()
        if not jump:
            return
        if not indices:
            self.notify(f"no event matches «{safe_line(query)}»", markup=False, timeout=3)
            return
        after = bisect_left(indices, listing.cursor)
        listing.cursor = indices[after] if after < len(indices) else indices[0]
        self.notify(f"{len(indices)} event(s) match — n/N next/previous", markup=False, timeout=3)

    def action_results(self) -> None:
        listing = self.timeline_list
        if not self.search_query or not listing.matches:
            self.notify("no search results: / to search", timeout=2)
            return
        rows = [(i, date_column(listing.events[i], self.options.display)[0], listing.events[i].summary)
                for i in listing.matches[:RESULTS_LIMIT]]
        self.app.push_screen(ResultsScreen(self.search_query, rows, listing.cursor, visual=self.options.visual,
                                           total=len(listing.matches)),
                             self._result_chosen)

    def _result_chosen(self, position: int | None) -> None:
        if position is not None:
            self.timeline_list.cursor = position

    def action_documents(self) -> None:
        if self.store is None:
            self.notify("still loading", timeout=2)
            return
        # The list narrows as one types, over documents in memory: an archive lists its first ones.
        documents = list(self.store.documents(0, DOCUMENTS_LISTED))
        if self.document_count > len(documents):
            self.notify(f"the first {len(documents)} of {self.document_count} documents; f filters by any "
                        "document id", timeout=4)
        self.app.push_screen(DocumentsScreen(documents, self.document_tags,
                                             self.options.display, visual=self.options.visual),
                             self._document_chosen)

    def _document_chosen(self, document_id: str | None) -> None:
        if document_id is not None:
            self.apply_filter(replace(self.filter_spec, document=document_id))

    def action_go_to_date(self) -> None:
        from core.documents import parse_date

        self.app.push_screen(GoToDateScreen(parse_date, visual=self.options.visual), self._go_to_date_done)

    def _go_to_date_done(self, day: date | None) -> None:
        if day is None:
            return
        if not self.timeline_list.go_to_date(day):
            self.notify("no events to go to", timeout=2)

    def action_filter(self) -> None:
        if self.store is None:
            self.notify("still loading", timeout=2)
            return
        from core.documents import parse_date

        self.app.push_screen(FilterScreen(self.filter_spec, parse_date, self.store.names, visual=self.options.visual),
                             self._filter_done)

    def apply_filter_clear(self) -> None:
        self.apply_filter(FilterSpec())

    def action_clear_filter(self) -> None:
        """Show every event again: no filter, no hidden kinds, no search."""
        if self.filter_spec.empty and not self.search_query and not self.hidden_kinds:
            self.notify("no filter or search to clear", timeout=2)
            return
        if self.search_query:
            self._apply_search("", jump=False)
        if not self.filter_spec.empty or self.hidden_kinds:
            self.hidden_kinds = frozenset()
            self.apply_filter(FilterSpec())

    def _filter_done(self, spec: FilterSpec | None) -> None:
        if spec is not None:
            self.apply_filter(spec)

    def apply_filter(self, spec: FilterSpec) -> None:
        if self.store is None or self.everything is None:
            return
        # A document may be named by its tag, as the rows show it (#5).
        tagged = self._document_by_tag(spec.document)
        if tagged is not None:
            spec = replace(spec, document=tagged)
        keep = self.timeline_list.event
        self.filter_spec = spec
        query = spec.query()
        if self.hidden_kinds:
            query = replace(query, kinds=frozenset(MARKS) - self.hidden_kinds)
        shown = self.everything if query.empty else self.store.select(query)
        self._show(shown, keep=keep)
        if not spec.empty:
            self.notify(f"{len(shown)} of {len(self.everything)} events", timeout=2)

    def _document_by_tag(self, text: str) -> str | None:
        """The id of the document tagged ``text`` («#5»: the fifth in input order), if any."""
        number = text[1:] if text.startswith("#") and len(self.document_tags) else ""
        if not number.isdigit() or not 1 <= int(number) <= self.document_count or self.store is None:
            return None
        found = next(iter(self.store.documents(int(number) - 1, 1)), None)
        return found.id if found is not None else None

    def action_toggle_kind(self, mark: str) -> None:
        """Hide the events with ``mark`` (one of ``Event.marks``), or show them again."""
        if self.store is None or self.everything is None:
            self.notify("still loading", timeout=2)
            return
        self.hidden_kinds ^= {mark}
        self.apply_filter(self.filter_spec)
        shown = len(self.shown) if self.shown is not None else 0
        self.notify(f"{mark} {'hidden' if mark in self.hidden_kinds else 'shown'}: "
                    f"{shown} of {len(self.everything)} events", markup=False, timeout=2)

    # --- copy, export, problems ------------------------------------------------------------

    def event_text(self, event: Event) -> str:
        first, second = date_column(event, self.options.display)
        document = self._document(event.document)
        where = safe_line(document.title or document.id) if document else event.document
        return (f"{first} · {second}\n{safe_line(event.summary)}\n"
                f"«{safe_line(event.sentence.text)}»\n— {where}")

    def action_copy_event(self) -> None:
        event = self.timeline_list.event
        if event is None:
            self.notify("no event to copy", timeout=2)
            return
        self.app.copy_to_clipboard(self.event_text(event))
        self.notify(copy_notice(os.environ), timeout=6)

    def action_export(self, chosen: str = "md") -> None:
        if self.shown is None:
            self.notify("still loading", timeout=2)
            return
        self.app.push_screen(ExportScreen(self.export_folder, self._refuse_export_path, chosen), self._export_done)

    def _refuse_export_path(self, path: Path) -> str | None:
        if path.exists():
            return f"{path} exists; choose another name (nothing is overwritten)"
        if not path.parent.is_dir():
            return f"{path.parent} is not a folder"
        return None

    def _export_done(self, request: ExportRequest | None) -> None:
        if request is None or self.shown is None:
            return
        from core import export

        first = self.options.display.first
        calendar = first if first in export.LABEL_CALENDARS else "jalali"
        try:
            text = export.render(self._shown_timeline(), request.format, calendar)  # the one dispatch, as extract's
            with open(request.path, "x", encoding="utf-8", newline="") as handle:  # never overwrite
                handle.write(text)
        except OSError as error:
            self.notify(f"{request.path}: {(error.strerror or str(error)).lower()}", severity="error", markup=False)
            return
        label = EXPORT_FORMATS[request.format][0]
        self.notify(f"exported {len(self.shown)} events as {label} to {request.path}", markup=False,
                    timeout=4)

    def _shown_timeline(self) -> Timeline:
        """The events on the timeline now, read page by page, with the documents they cite."""
        from core.timeline import Timeline

        shown, store = self.shown, self.store
        assert shown is not None and store is not None
        events: list[Event] = []
        for first in range(0, len(shown), EXPORT_PAGE):
            events.extend(shown.page(first, EXPORT_PAGE))
        cited = dict.fromkeys(s.document for e in events for s in (e.sources or ())) | \
            dict.fromkeys(e.document for e in events)
        views = [v for v in map(store.document_view, cited) if v is not None]
        number = document_numbers(store)
        views.sort(key=lambda v: number(v.document.id) or 0)
        return Timeline(documents=[v.document for v in views], events=events, problems=[],
                        mentions={v.document.id: v.mentions for v in views},
                        sentences={v.document.id: v.sentences for v in views},
                        publications={v.document.id: v.publication for v in views if v.publication is not None})

    def action_problems(self) -> None:
        if not self.problems:
            self.notify("every input was read", timeout=2)
            return
        self.app.push_screen(ProblemsScreen(self.problems, visual=self.options.visual))
