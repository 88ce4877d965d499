"""YAML front matter for exported documents: what notes apps (Obsidian, static site builders)
read before the Markdown.

Values a user typed are written as JSON-style double-quoted strings, which YAML (1.1 and 1.2)
reads the same way; characters YAML does not allow raw in a quoted scalar (C1 controls, DEL,
the U+0085/U+2028/U+2029 breaks, a BOM) are ``\\u`` escapes. Dates and numbers are bare.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from oneonone.core.export.escape import REPLACEMENT

#: The tag of every export (Obsidian and other notes apps list the documents by it).
TAG = "one-on-ones"

_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_SURROGATES = {code: REPLACEMENT for code in range(0xD800, 0xE000)}


def yaml_string(text: str) -> str:
    """``text`` as a double-quoted scalar that JSON and YAML (1.1 and 1.2) both read back
    as ``text`` (NUL and lone surrogates as U+FFFD, as everywhere in an export)."""
    body = json.dumps(text.replace("\x00", REPLACEMENT).translate(_SURROGATES), ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", body)


def yaml_list(items: Sequence[str]) -> str:
    """``items`` as a flow sequence of quoted strings: ``["a", "b"]``."""
    return "[" + ", ".join(yaml_string(item) for item in items) + "]"


def front_matter(fields: Sequence[tuple[str, str]]) -> str:
    """The ``---`` block of ``fields`` (key, YAML value already written), then a blank line."""
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in fields) + "---\n\n"


__all__ = ["TAG", "front_matter", "yaml_list", "yaml_string"]
