"""Every language oinlint reads, in one table: how a file is recognised as that language and
which front end reads it.

A row (:class:`LanguageSpec`) gives the language's name, its file suffixes, exact file names,
name prefixes and endings (``.env.local``, ``app.dockerfile``) and shebang interpreters, and
its front end: the Python front end, a tree-sitter language
(:class:`~oinlint.frontends.treesitter.frontend.TreeSitterLanguage`, whose grammar wheel loads
with the first file of the language) or, by default, the text front end. Adding a tree-sitter
language is one row here (and its branch in :func:`_tree_sitter`), one
``frontends/treesitter/languages/<lang>.py`` and its grammar wheel in ``pyproject.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Final

from oinlint.facts import FileFacts

if TYPE_CHECKING:
    from oinlint.frontends.treesitter.frontend import TreeSitterLanguage
    from oinlint.frontends.treesitter.grammars import GrammarSource

__all__ = ["LANGUAGES", "LANGUAGE_SPECS", "SPEC_OF", "Frontend", "LanguageSpec", "LazyTreeSitter",
           "detect_language", "frontend_of"]

# (path, text, language) -> facts; never raises for bad input
Frontend = Callable[[str, str, str], FileFacts]


def _python(path: str, text: str, language: str) -> FileFacts:
    """The Python front end (CPython's ``ast``). Imported with the first Python file, like every
    front end: a run without Python files does not load its twenty modules."""
    from oinlint.frontends import python

    return python.parse(path, text, language)


def parse_text(path: str, text: str, language: str) -> FileFacts:
    """The text front end (every language without a parser of its own), imported with the first
    file it reads: ~30 ms of start-up that a run over Python files alone does not pay."""
    from oinlint.frontends import text as text_frontend

    return text_frontend.parse(path, text, language)


def _tree_sitter(name: str) -> TreeSitterLanguage:
    """The tree-sitter front end of ``name``. Each language's module is imported with the first
    file of that language: together they cost ~60 ms of start-up, which a pre-commit run over a
    few Python files does not need (the grammar wheels load later still, on first parse)."""
    if name in ("javascript", "typescript", "tsx"):
        from oinlint.frontends.treesitter.languages import javascript

        return {"javascript": javascript.JAVASCRIPT, "typescript": javascript.TYPESCRIPT,
                "tsx": javascript.TSX}[name]
    if name == "go":
        from oinlint.frontends.treesitter.languages import golang

        return golang.GO
    if name == "java":
        from oinlint.frontends.treesitter.languages import java

        return java.JAVA
    if name == "csharp":
        from oinlint.frontends.treesitter.languages import csharp

        return csharp.CSHARP
    if name == "ruby":
        from oinlint.frontends.treesitter.languages import ruby

        return ruby.RUBY
    if name == "php":
        from oinlint.frontends.treesitter.languages import php

        return php.PHP
    if name == "shell":
        from oinlint.frontends.treesitter.languages import bash

        return bash.SHELL
    if name == "hcl":
        from oinlint.frontends.treesitter.languages import hcl

        return hcl.HCL
    if name == "dockerfile":
        from oinlint.frontends.treesitter.languages import dockerfile

        return dockerfile.DOCKERFILE
    raise ValueError(f"no tree-sitter front end for {name!r}")


class LazyTreeSitter:
    """A tree-sitter language's front end, its module imported on first use (see above)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._language: TreeSitterLanguage | None = None

    @property
    def language(self) -> TreeSitterLanguage:
        if self._language is None:
            self._language = _tree_sitter(self.name)
        return self._language

    def __call__(self, path: str, text: str, language: str) -> FileFacts:
        return self.language(path, text, language)


@dataclass(frozen=True, slots=True)
class LanguageSpec:
    """One language: how its files are recognised (lower-case names) and its front end."""

    name: str
    suffixes: tuple[str, ...] = ()
    file_names: tuple[str, ...] = ()
    name_prefixes: tuple[str, ...] = ()
    name_endings: tuple[str, ...] = ()
    interpreters: tuple[str, ...] = ()
    frontend: Frontend = parse_text

    @property
    def grammar(self) -> GrammarSource | None:
        """The tree-sitter grammar its front end loads (None: not a tree-sitter language)."""
        return self.frontend.language.grammar if isinstance(self.frontend, LazyTreeSitter) else None


# Name prefixes and endings are tried in table order (``dockerfile.env`` is a dotenv file).
LANGUAGE_SPECS: Final[tuple[LanguageSpec, ...]] = (
    LanguageSpec("python", (".py", ".pyi"), interpreters=("python",), frontend=_python),
    LanguageSpec("javascript", (".js", ".mjs", ".cjs", ".jsx"), interpreters=("node", "bun"),
                 frontend=LazyTreeSitter("javascript")),
    LanguageSpec("typescript", (".ts", ".mts", ".cts"), interpreters=("deno",),
                 frontend=LazyTreeSitter("typescript")),
    LanguageSpec("tsx", (".tsx",), frontend=LazyTreeSitter("tsx")),
    LanguageSpec("go", (".go",), frontend=LazyTreeSitter("go")),
    LanguageSpec("java", (".java",), frontend=LazyTreeSitter("java")),
    LanguageSpec("kotlin", (".kt",)),
    LanguageSpec("scala", (".scala",)),
    LanguageSpec("rust", (".rs",)),
    LanguageSpec("elixir", (".ex", ".exs"), interpreters=("elixir",)),
    LanguageSpec("powershell", (".ps1", ".psm1"), interpreters=("pwsh", "powershell")),
    LanguageSpec("csharp", (".cs",), frontend=LazyTreeSitter("csharp")),
    LanguageSpec("ruby", (".rb",), ("gemfile", "rakefile"), interpreters=("ruby",),
                 frontend=LazyTreeSitter("ruby")),
    LanguageSpec("php", (".php",), interpreters=("php",), frontend=LazyTreeSitter("php")),
    # direnv's ``.envrc`` is a bash script (``export OKTA_API_TOKEN=…``)
    LanguageSpec("shell", (".sh", ".bash", ".zsh", ".ksh"), (".envrc",),
                 interpreters=("sh", "bash", "zsh", "dash", "ksh"),
                 frontend=LazyTreeSitter("shell")),
    LanguageSpec("hcl", (".tf", ".tfvars", ".hcl"), frontend=LazyTreeSitter("hcl")),
    LanguageSpec("dotenv", (), (".env",), (".env.",), (".env",)),
    LanguageSpec("dockerfile", (), ("dockerfile", "containerfile"), ("dockerfile.",),
                 (".dockerfile",), frontend=LazyTreeSitter("dockerfile")),
    LanguageSpec("yaml", (".yaml", ".yml")),
    LanguageSpec("json", (".json",)),
    LanguageSpec("toml", (".toml",)),
    LanguageSpec("properties", (".properties", ".ini", ".cfg", ".conf")),
    LanguageSpec("markdown", (".md", ".markdown", ".rst")),
    LanguageSpec("text", (".txt",), ("jenkinsfile", "makefile")),
)
SPEC_OF: Final = {spec.name: spec for spec in LANGUAGE_SPECS}
LANGUAGES: Final = tuple(sorted(SPEC_OF))

_BY_SUFFIX: Final = {suffix: spec.name for spec in LANGUAGE_SPECS for suffix in spec.suffixes}
_BY_NAME: Final = {name: spec.name for spec in LANGUAGE_SPECS for name in spec.file_names}
_BY_PATTERN: Final = tuple((spec.name_prefixes, spec.name_endings, spec.name)
                           for spec in LANGUAGE_SPECS if spec.name_prefixes or spec.name_endings)
_BY_INTERPRETER: Final = {name: spec.name for spec in LANGUAGE_SPECS
                          for name in spec.interpreters}
# suffixes of a configuration file's committed template (``config.json.example``, ``app.yml.dist``)
_FILLED_IN_COPY: Final = frozenset({".example", ".sample", ".dist"})
_SHEBANG: Final = re.compile(
    rb"^#![ \t]*(?:/usr/bin/env[ \t]+(?:-S[ \t]+)?)?(?:\S*/)?([A-Za-z0-9_.+-]+)")


def detect_language(path: str, head: bytes = b"") -> str:
    """The language of ``path``: by file name, then suffix, then shebang; "text" otherwise."""
    name = PurePosixPath(path).name.lower()
    if name in _BY_NAME:
        return _BY_NAME[name]
    for prefixes, endings, language in _BY_PATTERN:
        if name.startswith(prefixes) or name.endswith(endings):
            return language
    suffix = PurePosixPath(name).suffix
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if suffix in _FILLED_IN_COPY and name[: -len(suffix)]:
        # ``config.json.example``: the file to copy and fill in is read as what it becomes
        inner = detect_language(name[: -len(suffix)])
        if inner != "text":
            return inner
    match = _SHEBANG.match(head)
    if match:
        interpreter = match.group(1).decode("ascii", "replace")
        interpreter = re.sub(r"[0-9.]+$", "", interpreter)
        return _BY_INTERPRETER.get(interpreter, "text")
    return "text"


def frontend_of(language: str) -> Frontend:
    """The front end that reads ``language`` (the text front end for any other name)."""
    spec = SPEC_OF.get(language)
    return spec.frontend if spec is not None else parse_text
