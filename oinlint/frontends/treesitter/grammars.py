"""Tree-sitter grammars from the individual grammar wheels, loaded lazily and once per process.

Each language needs one grammar wheel (``tree-sitter-javascript``, ``tree-sitter-go``, ...), a
plain dependency of oinlint: nothing is downloaded at run time. A language module names its
grammar with a :class:`GrammarSource` whose ``load`` function imports the wheel, so a grammar is
imported the first time a file of its language is parsed (a run without such files never pays
for it); the :class:`Grammar` (or the reason it could not be loaded) is then cached for the life
of the process, per grammar ``key``, so a broken wheel costs one import attempt and gives every
file of that language the same one-line explanation.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import tree_sitter as ts

__all__ = ["Grammar", "GrammarSource", "GrammarUnavailable", "grammar", "loads", "reset_cache"]


@dataclass(frozen=True, slots=True)
class GrammarSource:
    """Where a grammar comes from: ``key`` names it (languages sharing a grammar share one parser:
    shell scripts and Dockerfile ``RUN`` instructions both use ``bash``), ``package`` is the wheel
    to reinstall when it does not load, ``load`` returns its language pointer (importing the
    wheel: call it only to parse a file of the language)."""

    key: str
    package: str
    load: Callable[[], object]


class GrammarUnavailable(Exception):
    """The grammar wheel for a language is missing or does not load."""


@dataclass(frozen=True, slots=True)
class Grammar:
    """A loaded grammar and the parser built for it (oinlint parses one file at a time)."""

    key: str
    language: ts.Language
    parser: ts.Parser
    lock: threading.Lock

    def parse(self, data: bytes) -> ts.Tree:
        with self.lock:
            return self.parser.parse(data)


def _pointer(source: GrammarSource) -> object:
    """The grammar's language pointer (tests replace this to simulate a broken wheel)."""
    return source.load()


_CACHE: dict[str, Grammar | str] = {}
_LOCK = threading.Lock()
# How many times each grammar was actually imported (tests: once per process).
loads: dict[str, int] = {}


def grammar(source: GrammarSource) -> Grammar:
    """The loaded grammar; raises :class:`GrammarUnavailable` with a clear reason."""
    cached = _CACHE.get(source.key)
    if cached is None:
        with _LOCK:
            cached = _CACHE.get(source.key)
            if cached is None:
                cached = _load(source)
                _CACHE[source.key] = cached
    if isinstance(cached, str):
        raise GrammarUnavailable(cached)
    return cached


def _load(source: GrammarSource) -> Grammar | str:
    loads[source.key] = loads.get(source.key, 0) + 1
    try:
        language = ts.Language(_pointer(source))
        return Grammar(source.key, language, ts.Parser(language), threading.Lock())
    except Exception as exc:  # ImportError, an ABI mismatch (ValueError), a broken wheel
        detail = f"{type(exc).__name__}: {exc}".strip()
        if len(detail) > 120:
            detail = detail[:117] + "..."
        return f"the {source.package} grammar could not be loaded ({detail}); reinstall oinlint"


def reset_cache() -> None:
    """Forget loaded grammars (tests only)."""
    with _LOCK:
        _CACHE.clear()
        loads.clear()
