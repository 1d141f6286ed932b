"""Strings known in part: literal text and holes, the value model every front end shares.

A front end resolves an expression to a :class:`StrValue` (``"https://" + org + "/api/v1/users"``
becomes text, a hole, text); rules and facts see its ``template`` (``https://{}/api/v1/users``)
or its first word (the ``Authorization`` scheme). Python and the tree-sitter languages build
the same values, so they agree on what a URL or a header is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

__all__ = ["API_ROOT", "HOLE", "Hole", "Part", "StrValue"]


class Hole:
    """An unknown part of a string (a parameter, a call result, an environment lookup)."""

    _instance: Hole | None = None

    def __new__(cls) -> Hole:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "HOLE"


HOLE: Final = Hole()
# The path every Okta management API URL starts with (what an API-root setting holds)
API_ROOT: Final = "/api/v1"

Part = str | Hole


def _merge(parts: Sequence[Part]) -> tuple[Part, ...]:
    """Join adjacent text, collapse adjacent holes, drop empty text."""
    out: list[Part] = []
    for part in parts:
        if isinstance(part, str):
            if out and isinstance(out[-1], str) and out[-1].endswith(API_ROOT) and (
                    part == API_ROOT or part.startswith((API_ROOT + "/", API_ROOT + "?"))):
                part = part[len(API_ROOT):]  # an API-root setting and the path's own /api/v1
            if not part:
                continue
            if out and isinstance(out[-1], str):
                out[-1] = out[-1] + part
                continue
        elif out and out[-1] is HOLE:
            continue
        out.append(part)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class StrValue:
    """A string known in part: text and holes, plus how the outermost expression built it.

    ``via`` is one of literal, f-string, template, concat, format, percent, join, constant.
    """

    parts: tuple[Part, ...]
    via: str

    @staticmethod
    def of(parts: Sequence[Part], via: str) -> StrValue:
        return StrValue(_merge(parts), via)

    @staticmethod
    def api_root() -> StrValue:
        """The value of a setting named as Okta's API root: an org, then ``/api/v1``."""
        return StrValue((HOLE, API_ROOT), "literal")

    @staticmethod
    def hole() -> StrValue:
        """A value about which nothing is known."""
        return StrValue((HOLE,), "literal")

    def with_via(self, via: str) -> StrValue:
        """The same text, built another way (the outermost expression decides ``via``)."""
        return StrValue(self.parts, via)

    @property
    def literal(self) -> str | None:
        """The whole value when it has no holes."""
        if any(p is HOLE for p in self.parts):
            return None
        return "".join(p for p in self.parts if isinstance(p, str))

    @property
    def template(self) -> str:
        """The value with ``{}`` for each unknown part (the form ``ApiCall.path_template`` uses)."""
        return "".join(p if isinstance(p, str) else "{}" for p in self.parts)

    @property
    def prefix(self) -> str:
        """The literal text before the first hole."""
        first = self.parts[0] if self.parts else ""
        return first if isinstance(first, str) else ""

    @property
    def known(self) -> bool:
        """True when any text is known (a lone hole says nothing)."""
        return any(isinstance(p, str) for p in self.parts)

    def marked(self, marker: str = "\x00") -> str:
        """The value with ``marker`` for each hole: for regular expressions over templates."""
        return "".join(p if isinstance(p, str) else marker for p in self.parts)

    def first_word(self, complete_words: frozenset[str] = frozenset()) -> str | None:
        """The first whitespace-delimited word, when it is entirely known.

        A word cut off by a hole (``f"SS{x} ..."``) is unknown unless it is one of
        ``complete_words`` (e.g. the known authorization schemes, for ``f"SSWS{sep}{t}"``).
        """
        prefix = self.prefix.lstrip()
        if not prefix:
            return None
        words = prefix.split(None, 1)
        word = words[0]
        ends_in_text = len(words) > 1 or prefix[-1].isspace() or self.literal is not None
        if ends_in_text or word in complete_words:
            return word
        return None
