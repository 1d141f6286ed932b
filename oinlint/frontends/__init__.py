"""Front ends: one per family of languages, each turning a file's text into :class:`FileFacts`.

A front end knows a language, never a rule. ``parse`` is the single entry point: it picks the
language's front end from the table in :mod:`oinlint.frontends.languages` and guarantees that a
front end's own failure becomes a :class:`~oinlint.facts.ParseProblem` instead of an exception.
"""

from __future__ import annotations

from oinlint.facts import FileFacts, ParseProblem, Span
from oinlint.frontends.languages import frontend_of

__all__ = ["parse"]


def parse(path: str, text: str, language: str) -> FileFacts:
    """Facts for one file. Never raises for bad input: problems come back as ParseProblems."""
    frontend = frontend_of(language)
    try:
        return frontend(path, text, language)
    except RecursionError:
        message = "file is nested too deeply to analyse"
    except Exception as exc:  # a front-end bug must not stop the run
        message = f"internal error in the {language} front end: {type(exc).__name__}: {exc}"
    return FileFacts(
        path=path,
        language=language,
        problems=(ParseProblem(Span(path, 1, 1, 1, 1), message),),
    )
