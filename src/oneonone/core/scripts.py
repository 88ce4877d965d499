"""Conversation scripts: Markdown files, one ``## Step`` heading per step, its prompts as the body.

Five scripts ship inside the package (``oneonone/scripts/*.md``), one per kind of session
(DOMAIN.md, "The conversation scripts this implies"). The manager overrides one by putting a
file with the same name in ``<config dir>/scripts/``; a broken override is reported and the
built-in script is used instead.

A script file looks like this::

    # Regular one-on-one            <- the title (optional; the kind's name otherwise)

    Text before the first step      <- the intro (optional)

    ## Open commitments             <- one step per level-2 heading
    - "What did each of us say we'd do since last time?"

Parsing uses markdown-it-py (CommonMark, raw HTML off) for the block structure only: a
``##`` inside a code fence, a block quote or a list is not a step. Each step's prompt is the
file's own text between its heading and the next one, sliced by the parser's line map, never
re-rendered. Titles are plain text (emphasis marks and escapes removed). Prompts and titles are
plain strings that may hold anything a text file can (``<script>``, ``[b]``...): render them as
Markdown with HTML off, or as plain text, never as console markup. Control characters other than
tab and newline, NUL and lone surrogates become U+FFFD.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from oneonone.core.model import SessionKind

MAX_BYTES = 256 * 1024
MAX_STEPS = 40
MAX_TITLE = 200
BUILTIN_PREFIX = "built-in "
SCRIPTS_FOLDER = "scripts"

#: The file name of each kind's script, built in and in ``<config dir>/scripts/``.
SCRIPT_FILES: dict[SessionKind, str] = {
    SessionKind.EXPECTATIONS: "expectations.md",
    SessionKind.REGULAR: "regular.md",
    SessionKind.QUARTERLY_REVIEW: "quarterly-review.md",
    SessionKind.ACCOUNTABILITY: "accountability.md",
    SessionKind.NEW_LEADER_RESET: "new-leader-reset.md",
}

#: The title a script gets when its file has no ``# Title`` line.
DEFAULT_TITLES: dict[SessionKind, str] = {
    SessionKind.EXPECTATIONS: "Expectations conversation",
    SessionKind.REGULAR: "Regular one-on-one",
    SessionKind.QUARTERLY_REVIEW: "Quarterly expectations review",
    SessionKind.ACCOUNTABILITY: "Accountability conversation",
    SessionKind.NEW_LEADER_RESET: "New-leader reset",
}


class ScriptError(ValueError):
    """A script file that cannot be used; ``str(error)`` names the file and what is wrong."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


@dataclass(frozen=True)
class ScriptStep:
    """One step of a conversation script: its title and its prompt."""

    title: str
    prompt: str  # the step's body, Markdown as written, without leading and trailing blank lines


@dataclass(frozen=True)
class Script:
    """A conversation script: its kind, title, steps and where it was read from."""

    kind: SessionKind
    title: str
    steps: tuple[ScriptStep, ...]
    source: str  # the file's path, or "built-in <file name>"
    intro: str = ""  # the text between the title and the first step, as written

    @property
    def is_builtin(self) -> bool:
        """Whether the script is the built-in one (no file of the user's replaces it)."""
        return self.source.startswith(BUILTIN_PREFIX)


# Block structure only: inline parsing of a hostile 256 KB paragraph can take seconds, and the
# bodies are sliced from the source anyway. Titles are short and parsed inline on their own.
_BLOCKS = MarkdownIt("commonmark", {"html": False}).disable("inline")
_INLINE = MarkdownIt("commonmark", {"html": False})

# C0 controls except tab and newline, DEL, C1 controls, lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_BLANK = re.compile(r"[ \t]*")


def _clean(text: str) -> str:
    """Line endings as LF (what markdown-it's line map counts), unsafe characters as U+FFFD."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub("\ufffd", text)


def _size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _plain(inline_source: str) -> str:
    """A heading's text without Markdown: ``A *b* `c` \\# d`` is ``A b c # d``."""
    parts: list[str] = []

    def walk(tokens: list[Token]) -> None:
        for t in tokens:
            if t.type in ("text", "code_inline", "text_special"):
                parts.append(t.content)
            elif t.type in ("softbreak", "hardbreak"):
                parts.append(" ")
            if t.children:
                walk(t.children)

    for token in _INLINE.parseInline(inline_source):
        walk(token.children or [])
    return " ".join("".join(parts).split())


def _title(inline: Token, source: str, what: str) -> str:
    raw = inline.content.strip()
    if len(raw) > MAX_TITLE:
        raise ScriptError(
            source, f"{what} is too long ({len(raw)} characters; at most {MAX_TITLE})."
        )
    return _plain(raw)


def _body(lines: list[str], start: int, end: int) -> str:
    chunk = lines[start:end]
    while chunk and _BLANK.fullmatch(chunk[0]):
        chunk.pop(0)
    while chunk and _BLANK.fullmatch(chunk[-1]):
        chunk.pop()
    return "\n".join(chunk).rstrip()


def parse_script(text: str, *, source: str, kind: SessionKind) -> Script:
    """The script in ``text``; ``ScriptError`` naming ``source`` if it cannot be used."""
    size = _size(text)
    if size > MAX_BYTES:
        raise ScriptError(
            source, f"the file is too large ({size // 1024} KB; a script can be at most 256 KB)."
        )
    text = _clean(text)
    lines = text.split("\n")
    tokens = _BLOCKS.parse(text)
    # Top-level headings only: a "##" in a quote, a list or a code block is part of a prompt.
    headings = [
        (tokens[i], tokens[i + 1])
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.level == 0 and t.tag in ("h1", "h2") and t.map
    ]
    steps_at = [(opening, inline) for opening, inline in headings if opening.tag == "h2"]
    if not steps_at:
        raise ScriptError(
            source,
            "it has no steps: write one '## Step title' heading per step, "
            "with the step's prompts below it.",
        )
    if len(steps_at) > MAX_STEPS:
        raise ScriptError(
            source, f"it has {len(steps_at)} steps; a script can have at most {MAX_STEPS}."
        )
    first_step_line = _line(steps_at[0][0])[0]
    titles = [
        (opening, inline)
        for opening, inline in headings
        if opening.tag == "h1" and _line(opening)[0] < first_step_line
    ]
    title = DEFAULT_TITLES[kind]
    intro_start = 0
    if titles:
        opening, inline = titles[0]
        title = _title(inline, source, "the title") or title
        intro_start = _line(opening)[1]
    intro = _body(lines, intro_start, first_step_line)
    steps: list[ScriptStep] = []
    for n, (opening, inline) in enumerate(steps_at):
        start, end = _line(opening)
        body_end = _line(steps_at[n + 1][0])[0] if n + 1 < len(steps_at) else len(lines)
        step_title = _title(inline, source, f"the title of step {n + 1}")
        if not step_title:
            raise ScriptError(
                source, f"step {n + 1} (line {start + 1}) has an empty title: write it after '## '."
            )
        steps.append(ScriptStep(step_title, _body(lines, end, body_end)))
    return Script(kind=kind, title=title, steps=tuple(steps), source=source, intro=intro)


def _line(token: Token) -> tuple[int, int]:
    assert token.map is not None
    return token.map[0], token.map[1]


# --- loading ------------------------------------------------------------------------------------


def builtin_text(kind: SessionKind) -> str:
    """The shipped Markdown of ``kind``'s script (to copy into the config folder and edit)."""
    resource = resources.files("oneonone") / SCRIPTS_FOLDER / SCRIPT_FILES[kind]
    return resource.read_bytes().decode("utf-8")


def builtin_script(kind: SessionKind) -> Script:
    """The built-in script of ``kind``."""
    return parse_script(builtin_text(kind), source=BUILTIN_PREFIX + SCRIPT_FILES[kind], kind=kind)


def override_path(config_dir: Path, kind: SessionKind) -> Path:
    """Where the manager's own version of ``kind``'s script goes."""
    return config_dir / SCRIPTS_FOLDER / SCRIPT_FILES[kind]


def read_script_file(path: Path, kind: SessionKind) -> Script:
    """The script in the file at ``path``; ``ScriptError`` naming the file if it cannot be used."""
    source = str(path)
    try:
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise ScriptError(source, "it is a folder, not a file.") from None
    except OSError as exc:
        raise ScriptError(source, f"it cannot be read ({exc.strerror or exc}).") from None
    if len(data) > MAX_BYTES:
        raise ScriptError(source, "the file is too large (a script can be at most 256 KB).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScriptError(
            source,
            f"it is not UTF-8 text (byte {data[exc.start]:#04x} at offset {exc.start}); "
            "save it as UTF-8.",
        ) from None
    return parse_script(text, source=source, kind=kind)


def load_scripts(config_dir: Path | None) -> tuple[dict[SessionKind, Script], list[str]]:
    """Every kind's script: the manager's override from ``<config_dir>/scripts/`` when it is
    there and valid, else the built-in. Also the problems found, one sentence each, to show
    the manager (a broken override, a file name that matches no script)."""
    scripts = {kind: builtin_script(kind) for kind in SessionKind}
    problems: list[str] = []
    if config_dir is None:
        return scripts, problems
    folder = config_dir / SCRIPTS_FOLDER
    try:
        if not folder.is_dir():
            return scripts, problems
        entries = sorted(folder.iterdir())
    except OSError as exc:
        problems.append(
            f"{folder}: it cannot be read ({exc.strerror or exc}); using the built-in scripts"
        )
        return scripts, problems
    kinds = {name: kind for kind, name in SCRIPT_FILES.items()}
    for path in entries:
        kind = kinds.get(path.name)
        if kind is not None:
            try:
                scripts[kind] = read_script_file(path, kind)
            except ScriptError as exc:
                problems.append(
                    f"{exc.source}: {exc.problem.rstrip('.')}; using the built-in script"
                )
        elif path.suffix.lower() == ".md":
            problems.append(
                f"{path}: not used; a script file is named one of "
                f"{', '.join(SCRIPT_FILES.values())}"
            )
    return scripts, problems


__all__ = [
    "DEFAULT_TITLES",
    "MAX_BYTES",
    "MAX_STEPS",
    "MAX_TITLE",
    "SCRIPT_FILES",
    "Script",
    "ScriptError",
    "ScriptStep",
    "builtin_script",
    "builtin_text",
    "load_scripts",
    "override_path",
    "parse_script",
    "read_script_file",
]
