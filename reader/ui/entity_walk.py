"""The reading pane's walks over the list's order (reader.ui.entity_nav.EntityNav), one for the
current entity at a time: made at once for a short list and few mentions, else in a thread worker
(it reads every article: 100k articles would hold the key for a frame or more). Until a walk is
made, `get` answers None and the pane says "counting…"; what needs it (`]`/`[`, the first mention
in reading order) waits in `when_walked` and runs when it comes. A walk made for an entity or an
order that is no longer the pane's is dropped.

Owned by the ReadingPane (as FindSearch is); it calls the pane's `walk_arrived` when a walk comes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.model.gcpause import made_long_lived
from reader.model.ingest.article import Article
from reader.ui.entity_nav import EntityNav
from reader.ui.safe import notice_text

INLINE_WALK = 2000  # articles listed + the entity's mentions up to this: the walk at once (well under a frame)


class EntityWalks:
    def __init__(self, pane, corpus, order: Callable[[], Sequence[Article]]) -> None:
        self.pane = pane
        self.corpus = corpus
        self._order = order
        self._walk: EntityNav | None = None
        self._walking: tuple[object, Sequence[Article]] | None = None  # (entity, order) being made
        self._waiting: Callable[[EntityNav], None] | None = None
        self._positions: tuple[Sequence[Article], dict[int, int]] | None = None  # the last walk's order's

    def get(self, entity) -> EntityNav | None:
        """`entity`'s walk over the list's order as it is now, or None while it is being made."""
        if entity is None:
            return None
        order = self._order()
        got = self._walk
        if got is not None and got.entity is entity and got.order is order:
            return got
        if len(order) + len(getattr(entity, "mentions", ())) <= INLINE_WALK:
            self._walk = EntityNav(self.corpus, entity, order)
            return self._walk
        if self._walking is None or self._walking[0] is not entity or self._walking[1] is not order:
            self._walking = (entity, order)
            corpus, app = self.corpus, self.pane.app
            kept = self._positions
            positions = kept[1] if kept is not None and kept[0] is order else None

            def work() -> None:
                try:
                    # the walk (and the article positions, the first time) made here is kept
                    # apart from the collector: 100k articles' positions set off full collections
                    # of the heap, 60 ms and more, on the UI thread's next allocations
                    with made_long_lived():
                        nav = EntityNav(corpus, entity, order, positions)
                except Exception as exc:  # a bug must not leave the keys waiting, nor reach the user
                    app.call_from_thread(self._failed, entity, order, exc)
                    return
                app.call_from_thread(self.done, nav)

            self.pane.run_worker(work, thread=True, group="entity-walk", exclusive=True, exit_on_error=False)
        return None

    def _made(self, entity, order) -> None:
        if self._walking is not None and self._walking[0] is entity and self._walking[1] is order:
            self._walking = None

    def done(self, nav: EntityNav) -> None:
        """A walk made in the worker: kept if it is still for the pane's entity and the list's
        order (else dropped: a newer one is on its way or will be asked for)."""
        self._made(nav.entity, nav.order)
        self._positions = (nav.order, nav.order_positions)  # the next entity's walk over this order reuses them
        if nav.entity is not self.pane.current_entity or nav.order is not self._order():
            return
        self._walk = nav
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            waiting(nav)
        self.pane.walk_arrived()

    def _failed(self, entity, order, exc: Exception) -> None:
        self._made(entity, order)
        self._waiting = None
        self.pane.notify(
            notice_text(f"Could not walk the mentions of {getattr(entity, 'name', '?')}: {type(exc).__name__}: {exc}"),
            markup=False,
            severity="error",
            timeout=5,
        )

    @property
    def waiting(self) -> bool:
        return self._waiting is not None

    def forget_waiting(self) -> None:
        """What waited was for an entity no longer current."""
        self._waiting = None

    def when_walked(self, entity, then: Callable[[EntityNav], None]) -> None:
        """`then(walk)` now if `entity`'s walk is made, else once it is (the last such wish wins)."""
        nav = self.get(entity)
        if nav is not None:
            self._waiting = None
            then(nav)
        else:
            self._waiting = then
