"""Tree-sitter front ends: JavaScript/TypeScript/TSX, Go, Java, C#, Ruby and PHP.

``parse`` is the entry point :mod:`oinlint.frontends` dispatches to. It loads the language's
grammar once per process (:mod:`.grammars`), parses the file once, lets the language's
:class:`~oinlint.frontends.treesitter.core.Analyzer` walk the tree once and returns the same
neutral facts the Python front end produces. A grammar that cannot be loaded gives one
:class:`~oinlint.facts.ParseProblem` for the file and the text front end's regex-level facts
instead; a file that does not parse still gives the facts of the parts that do.
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from typing import Final

from oinlint.facts import FileFacts, ParseProblem, Span
from oinlint.frontends.treesitter.core import Analyzer
from oinlint.frontends.treesitter.grammars import GrammarUnavailable, grammar

__all__ = ["LANGUAGES", "parse"]

# language -> (module, analyzer class)
_ANALYZERS: Final[dict[str, tuple[str, str]]] = {
    "javascript": ("javascript", "JavaScriptAnalyzer"),
    "typescript": ("javascript", "JavaScriptAnalyzer"),
    "tsx": ("javascript", "JavaScriptAnalyzer"),
    "go": ("golang", "GoAnalyzer"),
    "java": ("java", "JavaAnalyzer"),
    "csharp": ("csharp", "CSharpAnalyzer"),
    "ruby": ("ruby", "RubyAnalyzer"),
    "php": ("php", "PhpAnalyzer"),
}
LANGUAGES: Final = tuple(_ANALYZERS)


def _analyzer(language: str) -> type[Analyzer]:
    module_name, class_name = _ANALYZERS[language]
    module = importlib.import_module(f"oinlint.frontends.treesitter.{module_name}")
    cls: type[Analyzer] = getattr(module, class_name)
    return cls


def _fallback(path: str, text: str, language: str, message: str) -> FileFacts:
    """The text front end's facts plus one line saying why the real front end did not run."""
    from oinlint.frontends import text as text_frontend

    facts = text_frontend.parse(path, text, language)
    problem = ParseProblem(Span(path, 1, 1, 1, 2), message)
    return replace(facts, problems=(problem, *facts.problems))


def parse(path: str, text: str, language: str) -> FileFacts:
    """Facts for one source file; never raises for bad input."""
    try:
        loaded = grammar(language)
    except GrammarUnavailable as exc:
        return _fallback(path, text, language, str(exc))
    data = text.encode("utf-8", "surrogatepass")
    tree = loaded.parse(data)
    cls = _analyzer(language)
    analyzer = cls(path, text, language, data)
    root = tree.root_node
    try:
        analyzer.walk(root, cls.query(loaded.key, loaded.language))
        analyzer.finish()
    except RecursionError:
        return _fallback(path, text, language, "file is nested too deeply to analyse")
    analyzer.token_facts()
    analyzer.syntax_problem(root)
    return analyzer.result()
