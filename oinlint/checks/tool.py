"""OIN0xx: the tool's own rules, about what oinlint could not do or was told wrongly.

OIN000 reports the :class:`~oinlint.facts.ParseProblem` facts a front end left for a file it
could not read. OIN001 reports the malformed, unknown and unused suppressions that the
engine's suppression step finds: that step must run after every other rule (a suppression is
unused only once all findings are known), so it hands this rule its problems.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from oinlint.checks.interface import Hit, Problem, file_rule, suppression_rule
from oinlint.facts import FileFacts


@file_rule("OIN000", scope="tool")
def parse_error(facts: FileFacts) -> Iterator[Hit]:
    for problem in facts.problems:
        yield Hit(problem.span, args={"problem": problem.message})


@suppression_rule("OIN001")
def unused_suppression(problems: Iterable[Problem]) -> Iterator[Hit]:
    for problem in problems:  # the help names the suppression's own codes, not an example
        yield Hit(problem.span, args={"problem": problem.message}, fix=problem.fix)
