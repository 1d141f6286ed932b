"""Small projects for the cross-file rule tests: parse files by their suffix and run project
rules over them (the lifecycle tests of every language share these)."""

from __future__ import annotations

from pathlib import PurePosixPath

from oinlint.checks.interface import PROJECT_RULES
from oinlint.facts import FileFacts, TokenHandoff
from oinlint.frontends import parse
from oinlint.frontends.languages import detect_language
from oinlint.project import ProjectFacts

_LANGUAGES = {".py": "python", ".ts": "typescript", ".js": "javascript", ".mjs": "javascript",
              ".go": "go", ".java": "java", ".rb": "ruby", ".php": "php", ".cs": "csharp"}


def language(path: str) -> str:
    """The language of a test file, by its suffix; configuration files (``.env``, CI YAML)
    as the engine detects them."""
    suffix = PurePosixPath(path).suffix
    return _LANGUAGES[suffix] if suffix in _LANGUAGES else detect_language(path)


def parsed(files: dict[str, str]) -> tuple[FileFacts, ...]:
    return tuple(parse(path, text, language(path)) for path, text in files.items())


def hits(files: dict[str, str], code: str) -> list[tuple[str, int]]:
    """(path, line) of each finding of the project rule ``code``."""
    project = ProjectFacts(parsed(files))
    return sorted((hit.span.path, hit.span.line) for hit in PROJECT_RULES[code](project))


def all_hits(files: dict[str, str], prefix: str = "OIN3") -> list[tuple[str, str, int]]:
    """(code, path, line) of every file and project rule finding whose code starts so."""
    from oinlint.checks.interface import FILE_RULES

    facts = parsed(files)
    project = ProjectFacts(facts)
    found = [(code, hit.span.path, hit.span.line) for code, rule in PROJECT_RULES.items()
             if code.startswith(prefix) for hit in rule(project)]
    found += [(code, hit.span.path, hit.span.line) for code, rule in FILE_RULES.items()
              if code.startswith(prefix) for f in project.resolved_files for hit in rule(f)]
    return sorted(found)


def where(files: dict[str, str]) -> list[tuple[str, int, str]]:
    """OIN301's findings with where the message says the token is kept."""
    project = ProjectFacts(parsed(files))
    return sorted((hit.span.path, hit.span.line, hit.args["where"])
                  for hit in PROJECT_RULES["OIN301"](project))


def handoffs(path: str, text: str) -> list[tuple[str, str, str | None, int]]:
    """(callee, caching, held_by, line) of each ``TokenHandoff`` of one file."""
    return [(h.callee, h.caching, h.held_by, h.span.line)
            for h in parse(path, text, language(path)).of(TokenHandoff)]
