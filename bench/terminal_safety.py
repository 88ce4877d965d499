"""Hostile names through every command-line output path: how many reached the terminal raw.

Not a timing: a count. N names are made from the pieces of ``TERMINAL_PIECES``
(tests/export/strategies.py: every C0 control, DEL, C1 controls, OSC title sequences, lone
surrogates, bidi overrides, line ends) and random control characters, each name put
everywhere in a team (manager, reps, a commitment, an agreement, notes), and each path of
tests/cli/terminal_paths.py run in this process with stdout and stderr captured as bytes. For
each path it prints: names tried, names of which a control character reached stdout or stderr
raw, and tracebacks.

Usage (from the repository root; the tree under test first on PYTHONPATH, so an older tree
can be measured with the same corpus):
  PYTHONPATH=src:. .venv/bin/python bench/terminal_safety.py [-n 500] [--seed 16]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

from tests.cli.terminal_paths import obeyed, run_all
from tests.export.strategies import TERMINAL_PIECES


def hostile_names(count: int, seed: int) -> list[str]:
    """``count`` names of 1-8 pieces, always at least one piece a terminal would obey."""
    rng = random.Random(seed)
    controls = [chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0), 0xD800, 0xDBFF, 0xDFFF]]
    names = []
    for _ in range(count):
        pieces = [rng.choice(TERMINAL_PIECES) for _ in range(rng.randint(0, 7))]
        pieces.append(rng.choice([*controls, "\x1b]0;PWNED\x07", "\u202e"]))
        rng.shuffle(pieces)
        names.append("Kim " + "".join(pieces) + " Lee")
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=500, help="names to try (500)")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    tried: Counter[str] = Counter()
    leaked: Counter[str] = Counter()
    crashed: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    for i, name in enumerate(hostile_names(args.n, args.seed)):
        with tempfile.TemporaryDirectory() as folder:
            results = run_all(Path(folder), name)
        for label, result in results.items():
            tried[label] += 1
            bad = obeyed(result.out) + obeyed(result.err)
            leaked[label] += bool(bad)
            crashed[label] += result.crash is not None
            chars.update(f"U+{ord(c):04X}" for c in bad)
        if (i + 1) % 50 == 0:
            print(f"{i + 1} of {args.n} names", file=sys.stderr)
    width = max(map(len, tried))
    print(f"{'path':<{width}}  names  reached the terminal raw  tracebacks")
    for label in tried:
        print(f"{label:<{width}}  {tried[label]:>5}  {leaked[label]:>23}  {crashed[label]:>10}")
    total, raw, broke = sum(tried.values()), sum(leaked.values()), sum(crashed.values())
    print(f"{'all paths':<{width}}  {total:>5}  {raw:>23}  {broke:>10}")
    if chars:
        print(
            "characters that got through:", ", ".join(f"{c} ×{n}" for c, n in chars.most_common(12))
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
