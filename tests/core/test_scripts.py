"""Conversation scripts: the five built-ins, parsing, overrides from the config folder, and
broken or hostile files (refused with a ScriptError naming the file, or read as plain text)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneonone.core.model import SessionKind
from oneonone.core.scripts import (
    DEFAULT_TITLES,
    MAX_BYTES,
    MAX_STEPS,
    MAX_TITLE,
    SCRIPT_FILES,
    Script,
    ScriptError,
    builtin_script,
    builtin_text,
    load_scripts,
    override_path,
    parse_script,
    read_script_file,
)

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REG = SessionKind.REGULAR


def parse(text: str, kind: SessionKind = REG) -> Script:
    return parse_script(text, source="test.md", kind=kind)


def prompts(script: Script) -> str:
    return "\n".join(s.prompt for s in script.steps)


# --- the built-ins --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(SessionKind))
def test_every_builtin_parses(kind: SessionKind) -> None:
    script = builtin_script(kind)
    assert script.kind is kind
    assert script.is_builtin
    assert script.source == f"built-in {SCRIPT_FILES[kind]}"
    assert script.title == DEFAULT_TITLES[kind]
    assert 3 <= len(script.steps) <= 10
    text = builtin_text(kind)
    for step in script.steps:
        assert step.title and step.prompt
        assert step.prompt == step.prompt.strip()
        assert step.prompt in text  # sliced from the file, never re-rendered
        assert "##" not in step.prompt
        for line in step.prompt.splitlines():
            assert line.startswith("- "), line  # questions to ask, one bullet each


def test_builtins_follow_the_method() -> None:
    expectations = builtin_script(SessionKind.EXPECTATIONS)
    titles = [s.title for s in expectations.steps]
    assert titles == [
        "What I expect from you",
        "What you can expect from me",
        "What else do you need?",
        "Communication and schedule",
        "If you don't hold up your end",
        "Put it in writing",
    ]
    assert "What do you want me to do if you don't hold up your end of the bargain?" in (
        expectations.steps[4].prompt
    )
    assert "What else do you need that I didn't mention?" in expectations.steps[2].prompt
    assert "What else are you expecting from me?" in expectations.steps[2].prompt
    assert "what would cost you the job" in expectations.steps[0].prompt

    regular = [s.title for s in builtin_script(SessionKind.REGULAR).steps]
    assert regular == [
        "Open commitments",
        "Numbers against quota",
        "Your agenda",
        "My agenda",
        "New commitments",
    ]

    accountability = builtin_script(SessionKind.ACCOUNTABILITY)
    text = prompts(accountability)
    assert "We had this conversation and this is what we discussed…" in text
    assert "This is what you told me to do if you weren't holding yourself accountable." in text
    assert "I think we're at that place, so now we can have that conversation." in text
    assert accountability.steps[-1].title == "My own part"
    assert "did I set the expectation, coach, keep my commitments?" in (
        accountability.steps[-1].prompt
    )

    quarterly = builtin_script(SessionKind.QUARTERLY_REVIEW)
    assert [s.title for s in quarterly.steps][-1] == "A new version of the agreement"
    assert "still right?" in " ".join(s.title for s in quarterly.steps)

    reset = builtin_script(SessionKind.NEW_LEADER_RESET)
    assert reset.steps[0].title == "This is now my team"
    assert "This is now my team." in reset.steps[0].prompt
    # ...then the expectations conversation, from the start.
    assert [s.title for s in reset.steps[1:]] == titles


def test_load_without_a_config_folder_gives_the_builtins() -> None:
    scripts, problems = load_scripts(None)
    assert problems == []
    assert set(scripts) == set(SessionKind)
    assert all(s.is_builtin for s in scripts.values())


# --- parsing --------------------------------------------------------------------------------

SAMPLE = """\
# My *regular* one

Intro line.

## Open commitments

- "What did each of us say we'd do?"
- Both sides.

```
## not a step: inside a fence
```

> ## not a step: in a quote

- ## not a step: in a list

### A sub-heading stays in the body

## Numbers `against` quota \\# 1 &amp; co
Where are we?

Setext step
-----------

   indented first line
trailing text

"""


def test_parse_slices_each_body_exactly() -> None:
    script = parse(SAMPLE)
    assert script.title == "My regular one"
    assert script.intro == "Intro line."
    assert [s.title for s in script.steps] == [
        "Open commitments",
        "Numbers against quota # 1 & co",
        "Setext step",
    ]
    first = script.steps[0].prompt
    assert first.startswith('- "What did each of us say we\'d do?"')
    assert "```\n## not a step: inside a fence\n```" in first
    assert "> ## not a step: in a quote" in first
    assert "- ## not a step: in a list" in first
    assert first.endswith("### A sub-heading stays in the body")
    assert script.steps[1].prompt == "Where are we?"
    assert script.steps[2].prompt == "   indented first line\ntrailing text"


def test_parse_without_a_title_uses_the_kinds_name() -> None:
    script = parse("## Only step\nask\n", SessionKind.ACCOUNTABILITY)
    assert script.title == "Accountability conversation"
    assert script.intro == ""
    assert script.steps[0].prompt == "ask"


def test_a_title_after_the_first_step_is_body_text() -> None:
    script = parse("## Step\n# Big words\n")
    assert script.title == DEFAULT_TITLES[REG]
    assert script.steps[0].prompt == "# Big words"


def test_crlf_cr_and_bom() -> None:
    script = parse("\ufeff# T\r\n## A\r\none\r\ntwo\r## B\rthree")
    assert script.title == "T"
    assert [(s.title, s.prompt) for s in script.steps] == [("A", "one\ntwo"), ("B", "three")]


def test_a_step_with_no_body_has_an_empty_prompt() -> None:
    script = parse("## A\n## B\n\n\n")
    assert [s.prompt for s in script.steps] == ["", ""]


def test_exactly_the_maximum_number_of_steps() -> None:
    script = parse("".join(f"## Step {i}\n- ask {i}\n" for i in range(MAX_STEPS)))
    assert len(script.steps) == MAX_STEPS
    assert script.steps[-1].prompt == f"- ask {MAX_STEPS - 1}"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "has no steps"),
        ("# Title only\n\nSome text.\n", "has no steps"),
        ("```\n## fenced\n```\n", "has no steps"),
        ("> ## quoted\n", "has no steps"),
        ("<h2>html</h2>\n", "has no steps"),
        ("## Good\n## \nx\n", "step 2 (line 2) has an empty title"),
        ("## Good\n##\n", "step 2 (line 2) has an empty title"),
        ("## *\u200b*\n", None),  # a zero-width space is a title, if an odd one
        ("".join(f"## S{i}\n" for i in range(MAX_STEPS + 1)), "at most 40"),
        ("## " + "x" * (MAX_TITLE + 1) + "\n", "too long"),
        ("# " + "x" * (MAX_TITLE + 1) + "\n## ok\n", "the title is too long"),
        ("## ok\n" + "x" * MAX_BYTES, "too large"),
    ],
)
def test_refusals_name_the_file_and_the_problem(text: str, says: str | None) -> None:
    if says is None:
        assert parse(text).steps[0].title == "\u200b"
        return
    with pytest.raises(ScriptError) as caught:
        parse(text)
    message = str(caught.value)
    assert message.startswith("test.md: ")
    assert says in message
    assert caught.value.source == "test.md"


def test_hostile_content_is_plain_text() -> None:
    text = (
        "# <b>T</b>\n"
        "## <script>alert(1)</script> [b]bold[/b]\n"
        "<script>alert(1)</script>\n"
        "[b]not markup[/b] [link](javascript:alert(1)) <img src=x onerror=y>\n"
        "nul\x00here esc\x1b[31m bell\x07 del\x7f c1\x9b tab\tkept\n"
        "lone \ud800 surrogate\n"
    )
    script = parse(text)
    assert script.title == "<b>T</b>"
    step = script.steps[0]
    assert step.title == "<script>alert(1)</script> [b]bold[/b]"
    assert "<script>alert(1)</script>" in step.prompt
    assert "[b]not markup[/b] [link](javascript:alert(1)) <img src=x onerror=y>" in step.prompt
    assert "nul\ufffdhere esc\ufffd[31m bell\ufffd del\ufffd c1\ufffd tab\tkept" in step.prompt
    assert "lone \ufffd surrogate" in step.prompt


@pytest.mark.parametrize(
    "body",
    [
        "[" * 200_000,
        "*a" * 100_000,
        "[a](" * 60_000,
        "&#" * 100_000,
        ">" * 200_000,
        "- " * 100_000,
        "`" * 200_000,
        "".join("  " * i + "- x\n" for i in range(300)),
    ],
    ids=["brackets", "emphasis", "links", "entities", "quotes", "lists", "backticks", "nesting"],
)
def test_pathological_bodies_parse(body: str) -> None:
    script = parse("## Step\n" + body)
    assert len(script.steps) == 1


def test_many_headings_are_refused_without_hanging() -> None:
    # CPU time of this process, not the wall clock: a loaded CI machine is not a hang.
    started = time.process_time()
    with pytest.raises(ScriptError, match="at most 40"):
        parse("## x\n" * (MAX_BYTES // 5 - 10))
    assert time.process_time() - started < 5.0


MARKDOWNISH = st.lists(
    st.sampled_from(
        [*"#-*_`[]()<>!\\&;|=~ \t\n\r\x00\x1b\u2028\ufeffab1", "## ", "\n## ", "```", "> "]
    ),
    max_size=120,
).map("".join)


@FAST
@given(st.one_of(st.text(max_size=500), MARKDOWNISH))
def test_any_text_parses_or_is_refused_with_a_script_error(text: str) -> None:
    try:
        script = parse(text)
    except ScriptError as exc:
        assert str(exc).startswith("test.md: ")
        return
    assert 1 <= len(script.steps) <= MAX_STEPS
    for step in script.steps:
        assert step.title and step.title == step.title.strip()
        assert "\x00" not in step.title + step.prompt
        assert "\n" not in step.title
        assert not any(0xD800 <= ord(c) < 0xE000 for c in step.title + step.prompt)


@FAST
@given(st.binary(max_size=400))
def test_any_bytes_read_or_are_refused_with_a_script_error(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "regular.md"
        path.write_bytes(data)
        try:
            read_script_file(path, REG)
        except ScriptError as exc:
            assert str(exc).startswith(f"{path}: ")


# --- files and overrides ----------------------------------------------------------------------


def write_override(config: Path, kind: SessionKind, content: str | bytes) -> Path:
    path = override_path(config, kind)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def test_override_path() -> None:
    assert override_path(Path("/c"), SessionKind.QUARTERLY_REVIEW) == Path(
        "/c/scripts/quarterly-review.md"
    )


def test_a_valid_override_replaces_only_its_builtin(tmp_path: Path) -> None:
    path = write_override(tmp_path, REG, "# Our weekly\n## Wins\n- What went well?\n")
    scripts, problems = load_scripts(tmp_path)
    assert problems == []
    regular = scripts[REG]
    assert regular.source == str(path)
    assert not regular.is_builtin
    assert regular.title == "Our weekly"
    assert [(s.title, s.prompt) for s in regular.steps] == [("Wins", "- What went well?")]
    for kind in SessionKind:
        if kind is not REG:
            assert scripts[kind] == builtin_script(kind)


def test_a_missing_or_empty_scripts_folder_is_fine(tmp_path: Path) -> None:
    assert load_scripts(tmp_path) == load_scripts(None)
    (tmp_path / "scripts").mkdir()
    assert load_scripts(tmp_path)[1] == []


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"# No steps here\n", "has no steps"),
        (b"## ok\n\xff\xfe bad bytes\n", "is not UTF-8 text (byte 0xff at offset 6)"),
        (b"## ok\n" + b"x" * MAX_BYTES, "too large"),
        (b"## ok\n## \n", "empty title"),
    ],
)
def test_a_broken_override_is_reported_and_the_builtin_kept(
    tmp_path: Path, content: bytes, says: str
) -> None:
    path = write_override(tmp_path, SessionKind.ACCOUNTABILITY, content)
    scripts, problems = load_scripts(tmp_path)
    assert scripts[SessionKind.ACCOUNTABILITY] == builtin_script(SessionKind.ACCOUNTABILITY)
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}: ")
    assert says in problems[0]
    assert problems[0].endswith("; using the built-in script")


def test_an_override_that_is_a_folder_or_a_dangling_link(tmp_path: Path) -> None:
    folder = override_path(tmp_path, REG)
    folder.mkdir(parents=True)
    link = override_path(tmp_path, SessionKind.EXPECTATIONS)
    link.symlink_to(tmp_path / "nowhere.md")
    scripts, problems = load_scripts(tmp_path)
    assert scripts[REG].is_builtin and scripts[SessionKind.EXPECTATIONS].is_builtin
    assert any(p.startswith(f"{folder}: it is a folder") for p in problems)
    assert any(p.startswith(f"{link}: it cannot be read") for p in problems)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_override(tmp_path: Path) -> None:
    path = write_override(tmp_path, REG, "## ok\n")
    path.chmod(0)
    try:
        scripts, problems = load_scripts(tmp_path)
    finally:
        path.chmod(0o600)
    assert scripts[REG].is_builtin
    assert problems == [f"{path}: it cannot be read (Permission denied); using the built-in script"]


def test_an_unknown_script_file_is_reported_not_used(tmp_path: Path) -> None:
    write_override(tmp_path, REG, "## ok\n")
    (tmp_path / "scripts" / "Weekly.md").write_text("## x\n")
    (tmp_path / "scripts" / "notes.txt").write_text("ignored")
    (tmp_path / "scripts" / "regular.md~").write_text("editor backup")
    scripts, problems = load_scripts(tmp_path)
    assert not scripts[REG].is_builtin
    assert len(problems) == 1
    assert problems[0].startswith(str(tmp_path / "scripts" / "Weekly.md") + ": not used")
    assert "regular.md" in problems[0]


def test_a_utf8_bom_file_reads(tmp_path: Path) -> None:
    write_override(tmp_path, REG, "\ufeff# Weekly\r\n## Wins\r\nok\r\n".encode())
    scripts, problems = load_scripts(tmp_path)
    assert problems == []
    assert scripts[REG].title == "Weekly"
    assert scripts[REG].steps[0].prompt == "ok"


@FAST
@given(content=st.one_of(st.binary(max_size=300), MARKDOWNISH.map(str.encode)))
def test_hostile_overrides_never_break_loading(content: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder)
        for kind in (REG, SessionKind.EXPECTATIONS):
            write_override(config, kind, content)
        scripts, problems = load_scripts(config)
    assert set(scripts) == set(SessionKind)
    assert len(problems) in (0, 2)
    for kind in (REG, SessionKind.EXPECTATIONS):
        assert scripts[kind].is_builtin == bool(problems)
