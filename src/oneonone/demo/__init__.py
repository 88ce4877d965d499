"""A deterministic, realistic demo team: for trying the app, screenshots and benchmarks.

Not part of the core (the core never imports it): it writes a team through the core's model
and store, as the app would.

``generate(store, reps=8, years=1.0, today=...)`` writes a manager's settings, a team of reps
(one onboarding, one departed), their quarterly agreement versions, about one session a week
per rep with notes, numbers and commitments for both sides, a couple of invocations, and the
quarterly reviews (one overdue). The manager took the team over ``years`` ago, so the reps who
were already there start with a new-leader reset and later hires with an expectations
conversation.

Everything comes from one ``random.Random(seed)``: no global random state and no wall clock
(``today`` is a parameter), and the UUIDs are drawn from the same generator, so two runs with
the same arguments write byte-identical files. Generation is linear in the number of
sessions: 12 reps over 5 years (about 3,000 sessions) takes a few seconds.

Some notes deliberately contain Markdown and table syntax (``**bold**``, ``|``, ``[x]``,
``# ...``, backticks, ``<...>``): whatever renders them must escape them.

In a few modules, each read at once: ``people``, ``scripts`` and ``words`` (what the team is
and says), ``plan`` (a rep's plan, date helpers), the generator in four parts that build on
each other (``team``, ``agreements``, ``sessions``, ``generator``: ``generate``), and
``files`` (``demo_file``).
"""

from oneonone.demo.files import DEMO_FILE_NAME, demo_file
from oneonone.demo.generator import DemoSummary, generate

__all__ = ["DEMO_FILE_NAME", "DemoSummary", "demo_file", "generate"]
