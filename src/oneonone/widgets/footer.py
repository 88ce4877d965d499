"""The footer of every screen and dialog: the screen's keys, and Help and Quit always in view.

Textual's ``Footer`` lists the keys in force in one row, the screen's first and the App's last,
with the palette key (``^p palette``) docked at the right edge over whatever does not fit: at
120 columns the roster's keys hid Help and Quit, and in a dialog (a modal screen, which keeps
the App's keys out of its footer) they were never listed. This footer keeps Help and Quit in a
group docked at the right, beside the palette key, on every screen; the screen's keys fill the
rest of the row, each whole or not at all (in the order the screen gives them; those left out
are in help and the palette).

The compact Footer gives every key a margin of one column on its right, the docked palette key
too: the column it left at the right edge showed the first letter of the key under it (an
``S`` after "^p palette" on the roster). Here the last key has no margin.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.containers import HorizontalGroup
from textual.widget import Widget
from textual.widgets import Footer

from oneonone import actions
from oneonone.perf.internals import FooterKey, bindings_ready

#: The App's keys kept in view everywhere, in this order, left of the palette key.
ESSENTIAL = (actions.HELP, actions.QUIT)
_ESSENTIAL_ACTIONS = {a.action for a in ESSENTIAL} | {f"app.{a.action}" for a in ESSENTIAL}


class KeyFooter(Footer):
    """A compact footer whose Help and Quit keys (and the palette key) are always shown."""

    DEFAULT_CSS = """
    KeyFooter HorizontalGroup.-essential {
        dock: right;
        width: auto;
        height: 1;
        padding-left: 1;
        border-left: vkey $foreground 20%;
        background: $footer-background;
    }
    KeyFooter HorizontalGroup.-essential FooterKey.-command-palette {
        dock: none;
        border-left: none;
        padding-right: 0;
        margin-right: 0;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, compact=True)
        self._composed_for = 0  # the width the keys were chosen for

    def compose(self) -> Iterator[Widget]:
        """The footer's keys, Help, Quit and the palette kept at the right whatever the width."""
        found = list(super().compose())
        essential: dict[str, FooterKey] = {}
        palette: list[FooterKey] = []
        rest: list[Widget] = []
        for widget in found:
            if isinstance(widget, FooterKey) and widget.has_class("-command-palette"):
                palette.append(widget)
            elif isinstance(widget, FooterKey) and widget.action in _ESSENTIAL_ACTIONS:
                essential[widget.action.removeprefix("app.")] = widget
            else:
                rest.append(widget)
        if actions.keymap_of(self.app):
            rest = self._in_screen_order(rest)
        if not bindings_ready(self):
            yield from rest
            return
        self._composed_for = self.size.width
        keys = [essential.get(a.action) or self._app_key(a) for a in ESSENTIAL]
        # The screen's keys that fit whole before the group, in order: a key cut in two
        # ("t Temp") says nothing true; the rest are in help (F1) and the palette.
        room = (
            self.size.width - 2 - sum(_width(k) for k in keys) - sum(_width(k) - 1 for k in palette)
        )
        for widget in rest:
            if self.size.width and isinstance(widget, FooterKey):
                room -= _width(widget)
                if room < 0:
                    break
            yield widget
        yield HorizontalGroup(*keys, *palette, classes="-essential")

    def on_resize(self, event: events.Resize) -> None:
        """The keys that fit change with the width (not before there are keys to show)."""
        if bindings_ready(self) and event.size.width != self._composed_for:
            self._composed_for = event.size.width
            self.call_after_refresh(self.recompose)

    def _in_screen_order(self, widgets: list[Widget]) -> list[Widget]:
        """The keys in the screen's order: a key the user's keymap remapped comes last in
        Textual's bindings, so it would drop out of a narrow footer first."""
        order = {a.action: i for i, a in enumerate(getattr(self.screen, "USER_ACTIONS", ()))}
        ours = [w for w in widgets if isinstance(w, FooterKey) and w.action in order]
        ordered = iter(sorted(ours, key=lambda k: order[k.action]))
        return [next(ordered) if w in ours else w for w in widgets]  # the others stay put

    def _app_key(self, action: actions.UserAction) -> FooterKey:
        """A key of the App's that the screen's bindings leave out (a dialog's): it works
        there too, as a priority binding (F1, ctrl+q)."""
        key = action.keys_in(actions.keymap_of(self.app)).split(",")[0]
        binding = Binding(key, f"app.{action.action}", action.label)
        return FooterKey(
            key,
            self.app.get_key_display(binding),
            action.label,
            binding.action,
            tooltip=action.help,
        ).data_bind(compact=Footer.compact)


def _width(key: FooterKey) -> int:
    """The columns a compact key takes: its key, a space and its label, a margin after."""
    label = f" {key.description}" if key.description else ""
    return cell_len(key.key_display + label) + 1
