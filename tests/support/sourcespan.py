"""Shared by the front-end tests: parse a snippet and find the exact span of a piece of it."""

from __future__ import annotations

import textwrap

from oinlint import frontends
from oinlint.facts import FileFacts, Span

PATH = "t.py"


def span_in(path: str, source: str, needle: str, occurrence: int = 1) -> Span:
    """The exact span of the ``occurrence``-th ``needle`` in the dedented source."""
    text = textwrap.dedent(source)
    offset = -1
    for _ in range(occurrence):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    end = offset + len(needle)
    end_line = text.count("\n", 0, end) + 1
    end_column = end - (text.rfind("\n", 0, end) + 1) + 1
    return Span(path, line, column, end_line, end_column)


def parse(source: str) -> FileFacts:
    """Facts of a dedented Python snippet, as the engine's dispatcher produces them."""
    return frontends.parse(PATH, textwrap.dedent(source), "python")


def span_of(source: str, needle: str, occurrence: int = 1) -> Span:
    return span_in(PATH, source, needle, occurrence)
