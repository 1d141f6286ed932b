"""Tree-sitter front ends: JavaScript/TypeScript/TSX, Go, Java, C#, Ruby, PHP, shell scripts
(Bash, also for Dockerfile ``RUN`` instructions) and HCL/Terraform.

``parse`` is the entry point :mod:`oinlint.frontends` dispatches to. It loads the language's
grammar once per process (:mod:`.grammars`), parses the file once, lets the language's
:class:`~oinlint.frontends.treesitter.core.Analyzer` walk the tree once and returns the same
neutral facts the Python front end produces. A grammar that cannot be loaded gives one
:class:`~oinlint.facts.ParseProblem` for the file and the text front end's regex-level facts
instead; a file that does not parse still gives the facts of the parts that do (shell,
Dockerfile and HCL files, whose text front end is complete, get its facts instead).
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
    "shell": ("bash", "BashAnalyzer"),
    "hcl": ("hcl", "HclAnalyzer"),
}
# Languages whose text front end is a complete front end of its own: a file that mostly does
# not parse gets the text front end's facts rather than those of the parts that do.
_TEXT_ON_SYNTAX_ERRORS: Final = frozenset({"shell", "dockerfile", "hcl"})
LANGUAGES: Final = (*_ANALYZERS, "dockerfile")


def _analyzer(language: str) -> type[Analyzer]:
    module_name, class_name = _ANALYZERS[language]
    module = importlib.import_module(f"oinlint.frontends.treesitter.languages.{module_name}")
    cls: type[Analyzer] = getattr(module, class_name)
    return cls


def _fallback(path: str, text: str, language: str, message: str,
              span: Span | None = None) -> FileFacts:
    """The text front end's facts plus one line saying why the real front end did not run."""
    from oinlint.frontends import text as text_frontend

    facts = text_frontend.parse(path, text, language)
    problem = ParseProblem(span or Span(path, 1, 1, 1, 2), message)
    return replace(facts, problems=(problem, *facts.problems))


def parse(path: str, text: str, language: str) -> FileFacts:
    """Facts for one source file; never raises for bad input."""
    try:
        loaded = grammar(language)
    except GrammarUnavailable as exc:
        return _fallback(path, text, language, str(exc))
    if language == "dockerfile":
        from oinlint.frontends.treesitter.languages.dockerfile import parse as parse_dockerfile

        return parse_dockerfile(path, text, loaded)
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
    if analyzer.problems and language in _TEXT_ON_SYNTAX_ERRORS:
        return text_instead(path, text, language, analyzer.problems[0])
    return analyzer.result()


def text_instead(path: str, text: str, language: str, problem: ParseProblem) -> FileFacts:
    """A file that mostly does not parse: the text front end's facts and one problem line."""
    message = problem.message.replace("facts come from the rest",
                                      "facts come from the text front end")
    return _fallback(path, text, language, message, problem.span)
