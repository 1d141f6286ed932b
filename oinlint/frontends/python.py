"""Python front end (placeholder until the libcst front end lands)."""

from __future__ import annotations

from oinlint.facts import FileFacts
from oinlint.frontends import text


def parse(path: str, source: str, language: str) -> FileFacts:
    return text.parse(path, source, language)
