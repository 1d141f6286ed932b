"""Front ends: one per family of languages, each turning a file's text into :class:`FileFacts`.

A front end knows a language, never a rule. ``parse`` is the single entry point: it picks the
front end for the language and guarantees that a front end's own failure becomes a
:class:`~oinlint.facts.ParseProblem` instead of an exception.
"""

from __future__ import annotations

from collections.abc import Callable

from oinlint.facts import FileFacts, ParseProblem, Span

__all__ = ["FRONTENDS", "parse"]

Frontend = Callable[[str, str, str], FileFacts]


def _python(path: str, text: str, language: str) -> FileFacts:
    from oinlint.frontends import python

    return python.parse(path, text, language)


def _text(path: str, text: str, language: str) -> FileFacts:
    from oinlint.frontends import text as text_frontend

    return text_frontend.parse(path, text, language)


def _treesitter(path: str, text: str, language: str) -> FileFacts:
    from oinlint.frontends import treesitter

    return treesitter.parse(path, text, language)


FRONTENDS: dict[str, Frontend] = {"python": _python}
# Source languages with a tree-sitter front end (grammars load lazily, once per process).
FRONTENDS.update(dict.fromkeys(
    ("javascript", "typescript", "tsx", "go", "java", "csharp", "ruby", "php", "shell",
     "dockerfile", "hcl"), _treesitter))


def parse(path: str, text: str, language: str) -> FileFacts:
    """Facts for one file. Never raises for bad input: problems come back as ParseProblems."""
    frontend = FRONTENDS.get(language, _text)
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
