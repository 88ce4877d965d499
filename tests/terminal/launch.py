"""Start oneonone as the command line does, with the clock set to a fixed moment.

The real-terminal tests run this file in a pseudo-terminal: ``python launch.py NOW ARGS...``,
where NOW is an ISO date-time. The clock starts at NOW and runs on from there (timers and
autosaves still see time pass), so every date the app shows is the same on every run.
"""

from __future__ import annotations

import sys

import pendulum


def main() -> int:
    """Parse NOW, travel there, and run the command line with the remaining arguments."""
    now = pendulum.parse(sys.argv[1])
    assert isinstance(now, pendulum.DateTime)
    with pendulum.travel_to(now, freeze=False):
        from oneonone.cli import main as cli_main

        return cli_main(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
