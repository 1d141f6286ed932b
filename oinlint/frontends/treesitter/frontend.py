"""The tree-sitter front end of one language: load its grammar, parse once, walk once, facts.

A language module describes itself with a :class:`TreeSitterLanguage` (its grammar, its
:class:`~oinlint.frontends.treesitter.analyzer.Analyzer` and its lifecycle and transport
tables), which is the front end the language's row of :mod:`oinlint.frontends.languages` names.
After the one walk come the shared passes: the candidates the walk recorded are resolved
(:mod:`.candidates`), then the token lifecycle (:mod:`.lifecycle`) and transport
(:mod:`.transport`) passes run when the language has their tables. A grammar that cannot be
loaded gives one :class:`~oinlint.facts.ParseProblem` for the file and the text front end's
regex-level facts instead; a file that does not parse still gives the facts of the parts that
do (languages whose text front end is complete, shell and HCL, get its facts instead).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import tree_sitter as ts

from oinlint.facts import FileFacts, ParseProblem, Span
from oinlint.frontends.budget import tree_over_budget
from oinlint.frontends.text import parse as parse_text
from oinlint.frontends.treesitter.analyzer import Analyzer
from oinlint.frontends.treesitter.candidates import resolve
from oinlint.frontends.treesitter.grammars import (
    Grammar,
    GrammarSource,
    GrammarUnavailable,
    grammar,
)
from oinlint.frontends.treesitter.hygiene import response_handling
from oinlint.frontends.treesitter.lifecycle.syntax import LifecycleSyntax
from oinlint.frontends.treesitter.lifecycle.tracer import Lifecycle
from oinlint.frontends.treesitter.transport import Transport, TransportSyntax

__all__ = ["TreeSitterLanguage", "fallback", "text_instead"]


@dataclass(frozen=True, slots=True)
class TreeSitterLanguage:
    """How the tree-sitter front end reads one language; called like any front end.

    ``lifecycle`` / ``transport``: how the language's tree shows a token's lifecycle and
    transport settings (None: its OIN3xx facts stay "unknown", no OIN402–OIN405 facts).
    ``text_on_syntax_errors``: the language's text front end is a complete front end of its own,
    so a file that mostly does not parse gets its facts rather than those of the parts that do.
    ``parse_with``: a file format that is only partly code in the grammar's language (a
    Dockerfile's ``RUN`` instructions) parses the file itself with the loaded grammar.
    """

    grammar: GrammarSource
    analyzer: type[Analyzer]
    lifecycle: LifecycleSyntax | None = None
    transport: TransportSyntax | None = None
    text_on_syntax_errors: bool = False
    parse_with: Callable[[str, str, Grammar], FileFacts] | None = None
    # files that call each other's functions without importing them (a Go package's, a Java
    # project's classes): fills the analyzer's ``handoff_calls`` before the lifecycle pass
    package_calls: Callable[[Analyzer, ts.Node], None] | None = None

    def __call__(self, path: str, text: str, language: str) -> FileFacts:
        """Facts for one source file; never raises for bad input."""
        try:
            loaded = grammar(self.grammar)
        except GrammarUnavailable as exc:
            return fallback(path, text, language, str(exc))
        if self.parse_with is not None:
            return self.parse_with(path, text, loaded)
        data = text.encode("utf-8", "surrogatepass")
        tree = loaded.parse(data)
        root = tree.root_node
        over = tree_over_budget(root, self.analyzer.LANGUAGE_NAME or language)
        if over is not None:  # the query and the walk would be quadratic or too large
            return fallback(path, text, language, over)
        analyzer = self.analyzer(path, text, language, data)
        try:
            self.analyse(analyzer, root, loaded)
        except RecursionError:
            return fallback(path, text, language, "file is nested too deeply to analyse")
        analyzer.token_facts()
        analyzer.syntax_problem(root)
        if analyzer.problems and self.text_on_syntax_errors:
            return text_instead(path, text, language, analyzer.problems[0])
        return analyzer.result()

    def analyse(self, analyzer: Analyzer, root: ts.Node, loaded: Grammar) -> None:
        """The one walk, then what it recorded resolved, then the lifecycle and transport
        passes."""
        analyzer.walk(root, loaded)
        analyzer.finish()
        resolve(analyzer)
        if self.lifecycle is not None:
            if self.package_calls is not None:
                self.package_calls(analyzer, root)
            Lifecycle(analyzer, self.lifecycle, root).run()
        if self.transport is not None:
            Transport(analyzer, self.transport, root).run()
            response_handling(analyzer, root, self.transport.functions, self.transport.calls)


def fallback(path: str, text: str, language: str, message: str,
             span: Span | None = None) -> FileFacts:
    """The text front end's facts plus one line saying why the real front end did not run."""
    facts = parse_text(path, text, language)
    problem = ParseProblem(span or Span(path, 1, 1, 1, 2), message)
    return replace(facts, problems=(problem, *facts.problems))


def text_instead(path: str, text: str, language: str, problem: ParseProblem) -> FileFacts:
    """A file that mostly does not parse: the text front end's facts and one problem line."""
    message = problem.message.replace("facts come from the rest",
                                      "facts come from the text front end")
    return fallback(path, text, language, message, problem.span)
