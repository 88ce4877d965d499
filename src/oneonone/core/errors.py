"""Errors shared by the rule modules."""

from __future__ import annotations


class FieldError(ValueError):
    """Input that cannot be accepted; ``field`` names the form field at fault and ``str(error)``
    is a sentence for the manager."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)
