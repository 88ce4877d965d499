"""oneonone: one-on-ones for sales managers, in the terminal."""

__version__ = "0.1.0"
