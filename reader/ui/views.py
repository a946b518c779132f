"""The views the keys open over the main screen, and what choosing in each of them does.

Each function pushes one modal screen (help `?`, entity details `a`, all entities `V`, who said
what `Q`, timeline `T`, bookmark `m`, bookmarks `M`, clippings `Y`, corrections `R`) and moves the
reading pane to what was chosen. They use only the public side of the main screen and its pane.
"""

from __future__ import annotations

from reader.ui.safe import join, notice_text, safe_line
from reader.ui.screens.bookmarks import BookmarksScreen, excerpt
from reader.ui.screens.clippings import ClippingsScreen
from reader.ui.screens.concordance import ConcordanceScreen
from reader.ui.screens.corrections import CorrectionsScreen
from reader.ui.screens.entities import EntitiesScreen
from reader.ui.screens.help import LEGEND, HelpScreen, help_sections
from reader.ui.screens.main import MainScreen
from reader.ui.screens.prompt import PromptScreen
from reader.ui.screens.quotes import QuotesScreen
from reader.ui.screens.timeline import TimelineScreen
from reader.ui.widgets.entity_panel import EntityInfoScreen


def _focus_reading(main: MainScreen) -> None:
    main.article_view.focus()


def keys_help(app) -> None:
    """`?`: every key of the screen the reader is on (reader/ui/screens/help.py), and the highlights."""
    screen = app.screen
    if isinstance(screen, HelpScreen):
        return
    view = app.main.article_view
    styles = {cls: view.legend_style(cls) for _, _, cls in LEGEND}
    app.push_screen(HelpScreen(help_sections(app, screen), styles))


def entity_info(main: MainScreen) -> None:
    """`a`: aliases and evidence of the current entity."""
    pane, app = main.pane, main.app
    if pane.current_entity is None:
        app.notify(notice_text("No current entity: click a highlighted name or press e"), markup=False, timeout=3)
        return
    if isinstance(app.screen, EntityInfoScreen):
        return
    app.push_screen(EntityInfoScreen(pane.current_entity, pane.entity_status()))


def entity_view(main: MainScreen) -> None:
    """`V`: every entity of the corpus; the chosen one becomes current at its first mention."""
    if isinstance(main.app.screen, EntitiesScreen):
        return

    def chosen(entity) -> None:
        if entity is not None:
            main.pane.go_to_first_mention(entity)

    # per story only once the worker has grouped wire copies (story_key would group on this thread)
    story_key = main.corpus.story_key if main.stories else None
    main.app.push_screen(EntitiesScreen(main.corpus, story_key), chosen)


def concordance(main: MainScreen) -> None:
    """`K`: every mention of the current entity in context; Enter jumps to the one chosen."""
    pane, app = main.pane, main.app
    if isinstance(app.screen, ConcordanceScreen):
        return
    entity = pane.current_entity
    if entity is None:
        app.notify(notice_text("No current entity: press e or click a highlighted name"), markup=False, timeout=3)
        return

    def chosen(row) -> None:
        if row is not None:
            pane.jump_to_mention(entity, row.article, row.start, row.end)
            _focus_reading(main)

    app.push_screen(ConcordanceScreen(main.corpus, entity), chosen)


def who_said_what(main: MainScreen) -> None:
    """`Q`: every quote by speaker; the chosen one becomes the current span."""
    app = main.app
    if isinstance(app.screen, QuotesScreen):
        return
    if not main.corpus.analyses:
        app.notify("Quotes are not known yet (analysis has not finished)", markup=False, severity="warning", timeout=3)
        return

    def chosen(hit) -> None:
        if hit is not None:
            main.pane.quotes.go(*hit)
            _focus_reading(main)

    app.push_screen(QuotesScreen(main.corpus), chosen)


def timeline(main: MainScreen) -> None:
    """`T`: articles over time, and the current entity's mentions per article."""
    app = main.app
    if isinstance(app.screen, TimelineScreen):
        return
    analysing = any(w.group == "analysis" and not w.is_finished for w in app.workers)
    rows = max(12, int(app.size.height * 0.9) - 8)  # the chart's share of the dialog

    def chosen(result) -> None:
        if result is None:
            return
        article, span = result
        if span is not None:
            main.pane.go_mention(article, *span)
        else:
            main.pane.open(article)
        _focus_reading(main)

    app.push_screen(TimelineScreen(main.corpus, main.pane.current_entity, analysing, rows), chosen)


def bookmark(main: MainScreen) -> None:
    """`m`: bookmark the reading position, with an optional note."""
    art = main.pane.article
    if art is None:
        return
    offset = main.pane.reading_offset
    where = excerpt(art.text, offset, 40)

    def done(note: str | None) -> None:
        if note is None:
            return
        n = main.memory.add_bookmark(art, offset, note.strip())
        main.app.notify(
            notice_text(f"Bookmarked “{where}…” ({n} in this article) · M lists bookmarks"), markup=False, timeout=3
        )

    hint = join("At “", safe_line(where), "…” · a note is optional · Enter to save · Esc to cancel")
    main.app.push_screen(PromptScreen("Bookmark this position", hint, placeholder="note (optional)"), done)


def bookmarks(main: MainScreen) -> None:
    """`M`: every bookmark of the corpus; the chosen one opens at its offset."""
    if isinstance(main.app.screen, BookmarksScreen):
        return

    def chosen(mark) -> None:
        art = main.corpus.article(mark.article_id) if mark is not None else None
        if art is not None:
            main.pane.open(art, mark.offset)
            _focus_reading(main)

    memory = main.memory
    main.app.push_screen(BookmarksScreen(main.corpus, memory.reading, memory.changed), chosen)


def clippings(main: MainScreen, clipper) -> None:
    """`Y`: the clippings; the chosen one opens with its span current (a quote or mention as such)."""
    app, corpus = main.app, main.corpus
    if isinstance(app.screen, ClippingsScreen):
        return

    def chosen(item) -> None:
        if item is None:
            return
        art = corpus.article(item.article)
        problem = item.problem(corpus)
        if art is None:
            app.notify(notice_text(f"Cannot open this clipping: {problem}"), markup=False, severity="warning")
            return
        main.pane.go_span(art, item.start, item.end)
        _focus_reading(main)
        if problem:
            app.notify(notice_text(problem), markup=False, severity="warning")

    app.push_screen(ClippingsScreen(clipper.open(), corpus), chosen)


def corrections(main: MainScreen) -> None:
    """`R`: the entity corrections; the chosen one's entity becomes current."""
    app, corpus = main.app, main.corpus
    if isinstance(app.screen, CorrectionsScreen):
        return

    def chosen(correction) -> None:
        if correction is None:
            return
        ent = correction.entity.find(corpus.entities)
        if ent is None:
            app.notify(notice_text("That entity is not in the corpus any more"), markup=False, timeout=4)
            return
        main.go_to_entity(ent.id)

    app.push_screen(CorrectionsScreen(corpus.corrections), chosen)
