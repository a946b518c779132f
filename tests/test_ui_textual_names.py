"""Textual's private names the UI relies on (textual is pinned exactly in pyproject.toml): each
test fails loudly when an upgrade renames one or changes its signature, instead of the UI going
quietly slow or stale. Why each is used is said where it is used."""

from __future__ import annotations

import inspect

from textual._compositor import Compositor
from textual.content import Content
from textual.reactive import Reactive
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import Screen
from textual.visual import RenderOptions
from textual.widget import Widget
from textual.widgets import Footer

from reader.ui.screens.main import MainScreen
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.behind_footer import BehindFooter
from reader.ui.widgets.paged_options import PagedOptions


def params(fn) -> list[str]:
    return list(inspect.signature(fn).parameters)


def test_main_screen_counts_its_repaints_in_screen_compositor_refresh():
    # reader.ui.screens.main.MainScreen._compositor_refresh: Textual's one place where a screen
    # paints, or hands a dialog in front of it what changed; there is no public hook for that
    assert params(Screen._compositor_refresh) == ["self"]
    assert "_compositor_refresh" in MainScreen.__dict__
    assert "_dirty_regions" in Compositor.__init__.__code__.co_names


def test_the_dimmed_screen_behind_a_dialog_is_a_background_screen():
    # reader.ui.screens.dimmed: Screen.render() answers BackgroundScreen(screen, color) for a
    # translucent dialog; its segments are kept by screen, color and size
    assert params(BackgroundScreen.__init__) == ["self", "screen", "color"]
    assert params(BackgroundScreen.__rich_console__) == ["self", "console", "options"]
    # ... and its tint is a classmethod of (segments, color) that TintedOnce calls once per style
    assert params(BackgroundScreen.process_segments) == ["segments", "color"]
    assert "self.process_segments(" in inspect.getsource(BackgroundScreen.__rich_console__)
    assert "BackgroundScreen" in inspect.getsource(Screen.render)


def test_quiet_virtual_size_overrides_a_layout_reactive():
    # reader.ui.widgets.quiet_size: Widget.virtual_size is a Reactive that lays the screen out
    # when it changes; fixed-size lists and inputs declare it again without layout
    base = Widget.__dict__["virtual_size"]
    assert isinstance(base, Reactive) and base._layout is True
    for cls in (PagedOptions, ArticleList, ArticleView):
        assert cls.virtual_size._layout is False
    # ... so the scrollbars are set by hand after a change (a layout would have done it)
    assert params(Widget._scroll_update) == ["self", "virtual_size"]


def test_drawn_once_overrides_the_public_render_strips():
    # reader.ui.widgets.drawn_once: Content is a Visual; render_strips is its public protocol
    assert params(Content.render_strips) == ["self", "width", "height", "style", "options"]
    assert {"selection", "post_style", "rules", "get_style"} <= set(RenderOptions.__dataclass_fields__)
    assert params(Content.__init__) == ["self", "text", "spans", "cell_length", "strip_control_codes"]


def test_direct_rows_wrap_a_row_by_contents_own_wrap():
    # reader.ui.widgets.drawn_once.wrap: Content._wrap_and_format is the wrap render_strips and
    # get_height use; its lines carry the x and y their segments' offsets count from
    assert params(Content._wrap_and_format)[:2] == ["self", "width"]
    (line,) = Content("a line")._wrap_and_format(10)
    assert (line.content.plain, line.x, line.y) == ("a line", 0, 0)
    assert "_wrap_and_format" in inspect.getsource(Content.render_strips)
    # ... and a row not drawn yet is measured by counting where it divides each line (Rich's
    # divide_line, which that wrap calls)
    assert "divide_line(" in inspect.getsource(Content._wrap_and_format)


def test_behind_footer_overrides_footer_bindings_changed():
    # reader.ui.widgets.behind_footer.BehindFooter: Footer rebuilds itself from bindings_changed, which
    # its screen's bindings_updated_signal calls; it is skipped while a dialog covers the screen
    assert params(Footer.bindings_changed) == ["self", "screen"]
    assert "bindings_changed" in inspect.getsource(Footer)
    assert "bindings_changed" in BehindFooter.__dict__


def test_the_palette_fills_its_list_in_refresh_command_list():
    # reader.ui.palette.ReaderPalette._refresh_command_list: Textual's palette hands every batch of
    # hits to this method, which empties and refills its CommandList; ours sets the list in one
    # step with kept prompts and then sets the two state variables Textual's sets
    from textual.command import CommandPalette

    from reader.ui.palette import ReaderPalette

    assert params(CommandPalette._refresh_command_list) == ["self", "command_list", "commands", "clear_current"]
    source = inspect.getsource(CommandPalette._gather_commands)
    assert "self._refresh_command_list(" in source
    own = inspect.getsource(CommandPalette._refresh_command_list)
    assert "self._list_visible =" in own and "self._hit_count =" in own
    assert "_refresh_command_list" in ReaderPalette.__dict__


def test_paged_options_repaint_only_the_options_a_highlight_moves_between():
    # reader.ui.widgets.paged_options: OptionList.highlighted repaints the whole list; it is
    # declared again without repaint, and the lines of an option come from its line index
    from textual.widgets import OptionList

    base = OptionList.__dict__["highlighted"]
    assert isinstance(base, Reactive) and base._repaint is True
    assert PagedOptions.__dict__["highlighted"]._repaint is False
    assert isinstance(OptionList.__dict__["_index_to_line"], property)
    assert params(OptionList.watch_highlighted) == ["self", "highlighted"]


def test_paged_options_measures_an_option_as_option_list_does():
    # reader.ui.widgets.paged_options.PagedOptions.option_lines: the height OptionList gives an
    # option when it is added (its _update_lines), from the same private helpers
    from textual.widgets import OptionList

    update = inspect.getsource(OptionList._update_lines)
    for name in ("self._get_left_gutter_width()", "get_visual(option).get_height(", "option._divider", "padding.width"):
        assert name in update, name
    assert params(OptionList._get_visual) == ["self", "option"]
    assert params(OptionList._get_left_gutter_width) == ["self"]


def test_the_palette_gathers_hits_through_search_for():
    # reader.ui.palette.ReaderPalette._search_for: Textual's _gather_commands drives this async
    # generator (hits out, "aborted" sent in); ours replaces its 0.1 s polling of the hit queue
    # and uses the palette's own helpers as Textual's does
    from textual.command import CommandPalette

    from reader.ui.palette import ReaderPalette

    assert params(CommandPalette._search_for) == ["self", "search_value"]
    gather = inspect.getsource(CommandPalette._gather_commands)
    assert "self._search_for(search_value)" in gather and "search_routine.asend(" in gather
    own = inspect.getsource(CommandPalette._search_for)
    for name in ("self._consume(", "provider._search(", "self._providers", "self._start_busy_countdown()"):
        assert name in own
    assert params(CommandPalette._consume) == ["hits", "commands"]
    assert "self._stop_busy_countdown()" in own and "_search_for" in ReaderPalette.__dict__


async def test_the_palette_composes_its_own_input_and_list(analysed):
    # reader.ui.palette.ReaderPalette.compose swaps Textual's CommandInput and CommandList, as
    # Textual's compose yields them, for parts that lay nothing out while one types
    from textual.command import CommandInput, CommandList

    from reader.ui.app import ReaderApp
    from reader.ui.palette import ReaderPalette
    from reader.ui.widgets.palette_parts import PaletteInput, PaletteList

    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        palette = app.screen
        assert isinstance(palette, ReaderPalette)
        field = palette.query_one(CommandInput)
        assert type(field) is PaletteInput and not field.select_on_focus and field.placeholder
        assert type(palette.query_one(CommandList)) is PaletteList
        assert field.has_focus


def test_the_article_list_keeps_its_border_subtitle_where_textual_does():
    # reader.ui.widgets.article_list.ArticleList.show_titles sets `_border_subtitle` itself and
    # repaints the border's line: setting `border_subtitle` repaints the whole list
    assert Widget.__dict__["border_subtitle"]._internal_name == "_border_subtitle"


def test_direct_rows_draws_with_option_lists_own_parts():
    # reader.ui.widgets.direct_rows.DirectRows: the per-line method and the option render it
    # replaces, the caches and maps it fills and reads as OptionList does, and the styles it picks
    from textual.widgets import OptionList

    assert params(OptionList._get_option_render) == ["self", "option", "style"]
    assert params(OptionList.render_line) == ["self", "y"]
    assert params(Widget.refresh) == ["self", "regions", "repaint", "layout", "recompose"]
    render = inspect.getsource(OptionList._get_option_render)
    for name in ("self._option_render_cache", "(option, style, padding)", "Padding(visual, padding)", "apply_meta("):
        assert name in render, name
    line = inspect.getsource(OptionList.render_line)
    for name in ("self._lines[line_number]", "self._mouse_hovering_over", "option-list--option-highlighted"):
        assert name in line, name
    assert "lines" in OptionList().__dict__["_line_cache"].__dataclass_fields__
    # set_options empties the render cache and repaints through refresh(), which DirectRows holds
    source = inspect.getsource(OptionList.set_options)
    assert "self._option_render_cache.clear()" in source and "self.add_options(" in source
    assert "self.refresh(" in inspect.getsource(OptionList.add_options)
    assert OptionList.__dict__["highlighted"]._repaint is True
    # ... as its highlight does; DirectRows declares it again without repaint (its watcher repaints)
    from reader.ui.widgets.direct_rows import DirectRows

    assert DirectRows.__dict__["highlighted"]._repaint is False
    assert params(OptionList.watch_highlighted) == ["self", "highlighted"]


def test_the_offset_meta_is_made_from_the_fields_rich_adds():
    # reader.ui.widgets.row_strips.with_offset: a style plus the offset meta apply_offsets adds,
    # made by setting the fields Rich's Style._add sets (and a link id as from_meta makes one)
    from rich import style as rich_style

    fields = {"_color", "_bgcolor", "_attributes", "_set_attributes", "_link", "_link_id", "_ansi"}
    fields |= {"_style_definition", "_hash", "_null", "_meta"}
    assert set(rich_style.Style.__slots__) == fields
    assert "_id_generator" in rich_style.Style.from_meta.__code__.co_names
    from reader.ui.widgets import row_strips

    assert row_strips.FAST  # the direct path is the one taken with the pinned Textual's Rich
    assert "dumps" in rich_style.Style.from_meta.__code__.co_names and rich_style.dumps.__module__ in (
        "pickle",
        "_pickle",
    )
