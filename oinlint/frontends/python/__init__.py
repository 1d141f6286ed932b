"""The Python front end: one ``ast`` parse and one walk per file, producing neutral facts.

:func:`parse` is the entry point. CPython's parser reads the file once
(:mod:`~oinlint.frontends.python.syntax`); :mod:`~oinlint.frontends.python.build` and
:mod:`~oinlint.frontends.python.statements` turn its tree into the analysis tree
(:mod:`~oinlint.frontends.python.tree`), and a single walk
(:func:`~oinlint.frontends.python.walk.walk`) drives the primary visitor
(:mod:`~oinlint.frontends.python.visitor`: headers, SDK clients, secrets) with the collectors
riding along: API calls (:mod:`~oinlint.frontends.python.calls`) and token requests with their
lifecycle and the transport facts (:mod:`~oinlint.frontends.python.lifecycle`). Comments come
from the source text (:func:`~oinlint.frontends.python.strings.comments`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Final

from oinlint.facts import Comment, Fact, FileFacts, HttpApiUse, ParseProblem, Span
from oinlint.frontends.budget import python_over_budget
from oinlint.frontends.python.calls import CallCollector
from oinlint.frontends.python.legacysdk import LegacySdkClients
from oinlint.frontends.python.lifecycle import TokenCollector
from oinlint.frontends.python.lines import Lines
from oinlint.frontends.python.python2 import as_python3
from oinlint.frontends.python.state import Collector, WalkState
from oinlint.frontends.python.statements import build_module
from oinlint.frontends.python.strings import comments
from oinlint.frontends.python.syntax import (
    BOM,
    NESTED_TOO_DEEPLY,
    parse_module,
    syntax_error_of,
    syntax_problem,
    tokenize_comments,
)
from oinlint.frontends.python.visitor import PrimaryVisitor
from oinlint.frontends.python.walk import walk
from oinlint.frontends.shared.pagination import paging_callers
from oinlint.frontends.shared.tidy import context_at

__all__ = ["parse"]

# The fact families riding in the primary walk, in the order they see each node.
COLLECTORS: Final[tuple[Callable[[WalkState], Collector], ...]] = (
    CallCollector, TokenCollector, LegacySdkClients)


def parse(path: str, source: str, language: str) -> FileFacts:
    """Facts for one Python file; syntax errors become a ParseProblem, never an exception."""
    lines = Lines(source)
    visitor = PrimaryVisitor(path, source, lines)
    problem: ParseProblem | None = None
    over = python_over_budget(source)
    if over is not None:  # the budget set for libcst: each file keeps its front end
        return _text_instead(path, source, language, lines,
                             ParseProblem(Span(path, 1, 1, 1, 2), over), visitor)
    parsed, error, too_deep = parse_module(path, source)
    if parsed is None and error is not None and not too_deep:
        adapted = as_python3(source, error, lambda text: syntax_error_of(path, text))
        if adapted is not None:  # a Python 2 script, read as Python 3 would write it
            source, lines = adapted, Lines(adapted)
            visitor = PrimaryVisitor(path, source, lines)
            parsed, error, too_deep = parse_module(path, source)
    if too_deep:
        problem = (syntax_problem(path, lines, error) if error is not None
                   else ParseProblem(Span(path, 1, 1, 1, 2), NESTED_TOO_DEEPLY))
    elif parsed is None:
        problem = syntax_problem(path, lines, error)
    else:
        try:
            bom = source.startswith(BOM)
            module = build_module(source[1:] if bom else source, parsed, int(bom))
            visitor.comments = _comments(source, lines)
            riders = [make(visitor) for make in COLLECTORS]
            walk(module, visitor, *riders)
            visitor.finish()
            found = [collector.finish() for collector in riders]
            for collected in found:
                visitor.facts.extend(collected)
            _one_api_use_per_call(visitor.facts, found[0])
            # functions that page by calling one of this file that does (OIN502)
            visitor.facts.extend(paging_callers(
                path, source.encode("utf-8", "surrogatepass"),
                lambda _offset, line: context_at(visitor.ranges, line), visitor.facts))
        except RecursionError:
            problem = ParseProblem(Span(path, 1, 1, 1, 2), NESTED_TOO_DEEPLY)
        except (KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except Exception as exc:  # the tree builder's own failure: a problem, never a crash
            problem = ParseProblem(Span(path, 1, 1, 1, 2),
                                   f"could not parse: {type(exc).__name__}: {exc}"[:160])
    if problem is None:
        visitor.token_facts(source)
        return visitor.result(language)
    return _text_instead(path, source, language, lines, problem, visitor)


def _comments(source: str, lines: Lines) -> list[Comment]:
    """Every comment, with whether it stands on a line of its own."""
    found: list[Comment] = []
    for offset, text in comments(source):
        line, column = lines.position(offset)
        standalone = not lines.before(line, column).strip()
        found.append(Comment(line, column, text, standalone))
    return found


def _one_api_use_per_call(facts: list[Fact], from_calls: list[Fact]) -> None:
    """Keep one ``HttpApiUse`` per call. The call collector (helpers, ``base_url`` clients) and
    the transport layer (direct calls) both see a direct call: the transport layer's is kept.
    When the call collector found calls the transport layer did not, all uses are put in
    file order, since OIN501 points at a file's first call."""
    own = {id(fact) for fact in from_calls if isinstance(fact, HttpApiUse)}
    if not own:
        return
    direct = {fact.span for fact in facts if isinstance(fact, HttpApiUse) and id(fact) not in own}
    extra = [fact for fact in from_calls
             if isinstance(fact, HttpApiUse) and fact.span not in direct]
    if not extra:
        facts[:] = [fact for fact in facts if id(fact) not in own]
        return
    uses: dict[Span, HttpApiUse] = {}
    for fact in facts:
        if isinstance(fact, HttpApiUse) and id(fact) not in own:
            uses.setdefault(fact.span, fact)
    for use in extra:
        uses.setdefault(use.span, use)
    rest = [fact for fact in facts if not isinstance(fact, HttpApiUse)]
    facts[:] = rest + sorted(uses.values(), key=lambda use: use.span)


def _text_instead(path: str, source: str, language: str, lines: Lines, problem: ParseProblem,
                  visitor: PrimaryVisitor) -> FileFacts:
    """A file the parser gave up on: the text front end's facts (headers, secrets, tokens, as
    the tree-sitter front ends do on a grammar failure) and the parser's problem, so one line
    nested too deeply or one syntax error does not hide a hard-coded credential."""
    # Imported here: the text front end costs ~30 ms of start-up, paid only by a file that
    # does not parse.
    from oinlint.frontends.text import parse as parse_text

    comments = tokenize_comments(source, lines)
    try:
        facts = parse_text(path, source, language)
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException:  # the regex-level scan failing too: keep what needs no syntax tree
        visitor.facts.clear()
        visitor.secrets.clear()
        visitor.token_facts(source)
        visitor.comments = comments
        return visitor.result(language, (problem,))
    return replace(facts, comments=tuple(sorted(comments, key=lambda c: (c.line, c.column))),
                   problems=(problem, *facts.problems))
