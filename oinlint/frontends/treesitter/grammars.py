"""Tree-sitter grammars from the individual grammar wheels, loaded lazily and once per process.

Each language needs one grammar wheel (``tree-sitter-javascript``, ``tree-sitter-go``, ...), a
plain dependency of oinlint: nothing is downloaded at run time. A grammar is imported the first
time a file of its language is parsed; the :class:`Grammar` (or the reason it could not be
loaded) is then cached for the life of the process, so a broken wheel costs one import attempt
and gives every file of that language the same one-line explanation.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import tree_sitter as ts

__all__ = ["GRAMMAR_OF", "Grammar", "GrammarUnavailable", "grammar", "loads"]

# language -> (grammar key, module, function returning the language pointer)
GRAMMAR_OF: Final[dict[str, tuple[str, str, str]]] = {
    "javascript": ("javascript", "tree_sitter_javascript", "language"),
    "typescript": ("typescript", "tree_sitter_typescript", "language_typescript"),
    "tsx": ("tsx", "tree_sitter_typescript", "language_tsx"),
    "go": ("go", "tree_sitter_go", "language"),
    "java": ("java", "tree_sitter_java", "language"),
    "csharp": ("csharp", "tree_sitter_c_sharp", "language"),
    "ruby": ("ruby", "tree_sitter_ruby", "language"),
    "php": ("php", "tree_sitter_php", "language_php"),
    # Shell scripts and Dockerfile ``RUN`` instructions share the Bash grammar.
    "shell": ("bash", "tree_sitter_bash", "language"),
    "dockerfile": ("bash", "tree_sitter_bash", "language"),
    "hcl": ("hcl", "tree_sitter_hcl", "language"),
}


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


def _import_pointer(module: str, function: str) -> object:
    """The grammar's language pointer (tests replace this to simulate a broken wheel)."""
    loaded = importlib.import_module(module)
    factory: Callable[[], object] = getattr(loaded, function)
    return factory()


_CACHE: dict[str, Grammar | str] = {}
_LOCK = threading.Lock()
# How many times each grammar was actually imported (tests: once per process).
loads: dict[str, int] = {}


def grammar(language: str) -> Grammar:
    """The grammar for ``language``; raises :class:`GrammarUnavailable` with a clear reason."""
    key, module, function = GRAMMAR_OF[language]
    cached = _CACHE.get(key)
    if cached is None:
        with _LOCK:
            cached = _CACHE.get(key)
            if cached is None:
                cached = _load(key, module, function)
                _CACHE[key] = cached
    if isinstance(cached, str):
        raise GrammarUnavailable(cached)
    return cached


def _load(key: str, module: str, function: str) -> Grammar | str:
    loads[key] = loads.get(key, 0) + 1
    package = module.replace("_", "-")
    try:
        language = ts.Language(_import_pointer(module, function))
        return Grammar(key, language, ts.Parser(language), threading.Lock())
    except Exception as exc:  # ImportError, an ABI mismatch (ValueError), a broken wheel
        detail = f"{type(exc).__name__}: {exc}".strip()
        if len(detail) > 120:
            detail = detail[:117] + "..."
        return f"the {package} grammar could not be loaded ({detail}); reinstall oinlint"


def reset_cache() -> None:
    """Forget loaded grammars (tests only)."""
    with _LOCK:
        _CACHE.clear()
        loads.clear()
