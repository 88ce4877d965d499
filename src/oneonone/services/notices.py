"""The one place where what went wrong (a store error, a failed save) is shown to the user."""

from __future__ import annotations

from textual.app import App


def show_error(app: App[None], message: str) -> None:
    """``message`` as an error notification, as plain text (it may quote user data)."""
    app.notify(message, severity="error", markup=False, timeout=12)
