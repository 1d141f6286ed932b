"""How much of one file a front end may take on: the budget decided before the expensive step.

A file within ``max-file-size`` can still cost minutes and gigabytes: the Python front end's
budget was set for libcst (~30–65 µs and 2–3 KiB per token; 800 KB of ``x = 1`` lines: 41 s and
1.8 GB) and is kept for the ``ast`` front end, so a file is read by the same front end as
before (its facts are the same) and the tree built from it stays bounded, and tree-sitter's query
cursor keeps node depths in 16 bits, so a tree deeper than 65,535 levels (an 80,000-term string
concatenation, 100,000 nested arrays) turns its walk quadratic (208 s) and loses nodes. A file
over its budget is read by the text front end instead, with a :class:`ParseProblem` saying why
(OIN000, and a warning line naming the file): its credentials are still found, never silence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from oinlint.facts import FileFacts

if TYPE_CHECKING:  # the Python front end imports this module; tree-sitter is not its to load
    import tree_sitter as ts

__all__ = ["MAX_PYTHON_TOKENS", "MAX_TREE_DEPTH", "MAX_TREE_NODES", "OVER_BUDGET",
           "degraded_notice", "python_over_budget", "tree_depth_over", "tree_over_budget"]

# Set for libcst's worst case (a call with 100k arguments: ~65 µs and ~2.8 KiB per token, so
# 150k tokens stayed under ~10 s and ~450 MiB); about 550 KB of ordinary Python. Kept with the
# ``ast`` front end (a tenth of that cost) so that no file changes front end.
MAX_PYTHON_TOKENS: Final = 150_000
# Far below tree-sitter's 16-bit query depth; no hand-written code nests a thousandth of this.
MAX_TREE_DEPTH: Final = 20_000
# A 1 MiB file of one-line calls has ~1.7M nodes (C#); memory grows ~300 bytes a node.
MAX_TREE_NODES: Final = 2_000_000
# Every budget problem's message starts with this, so the engine can tell it from a syntax error.
OVER_BUDGET: Final = "over the analysis budget"

# A conservative count of Python tokens: words, single punctuation characters and line ends.
_TOKEN: Final = re.compile(r"\w+|[^\w\s]|\n")


def _message(language: str, why: str) -> str:
    return f"{OVER_BUDGET} of the {language} front end ({why}); read by the text front end"


def python_over_budget(text: str, language: str = "Python") -> str | None:
    """Why the Python front end must not parse ``text`` (too many tokens), or None when it may."""
    if len(text) < MAX_PYTHON_TOKENS:  # fewer characters than the budget: fewer tokens too
        return None
    tokens = sum(1 for _ in _TOKEN.finditer(text))
    if tokens <= MAX_PYTHON_TOKENS:
        return None
    return _message(language, f"{tokens:,} tokens, more than {MAX_PYTHON_TOKENS:,}")


def tree_depth_over(root: ts.Node, limit: int) -> bool:
    """Whether the tree under ``root`` is more than ``limit`` levels deep (one cursor walk,
    stopped at the first node past the limit)."""
    cursor = root.walk()
    depth = 0
    while True:
        if cursor.goto_first_child():
            depth += 1
            if depth > limit:
                return True
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return False
            depth -= 1


def tree_over_budget(root: ts.Node, language: str) -> str | None:
    """Why a parsed tree must not be walked (too many nodes, too deep), or None when it may.
    A tree with fewer nodes than the depth limit cannot be deeper: no walk then."""
    nodes = root.descendant_count
    if nodes > MAX_TREE_NODES:
        return _message(language, f"{nodes:,} syntax nodes, more than {MAX_TREE_NODES:,}")
    if nodes > MAX_TREE_DEPTH and tree_depth_over(root, MAX_TREE_DEPTH):
        return _message(language, f"nested more than {MAX_TREE_DEPTH:,} levels deep")
    return None


def degraded_notice(facts: FileFacts) -> str | None:
    """The warning line for a file its front end left to the text front end, or None."""
    for problem in facts.problems:
        if problem.message.startswith(OVER_BUDGET):
            return problem.message
    return None
