"""The text front end: configuration files, scripts, prose and Kotlin, one module per family
of file shapes; also the regex-level fallback of the tree-sitter languages when a grammar cannot
be loaded. ``parse`` is the entry point :mod:`oinlint.frontends` (and that fallback) call.

``parse`` lexes the file once (comments and strings for its language), then hands the result
to the family scanner. Whatever the family, every API-token-shaped string in the file is a
fact (a token in a comment or a README has leaked all the same), and a structured file that
does not parse is still scanned line by line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

from oinlint.facts import FileFacts
from oinlint.frontends.text.common import Collector, scan_header_args, scan_header_lines
from oinlint.frontends.text.hcl import parse_hcl
from oinlint.frontends.text.jsonfile import parse_json
from oinlint.frontends.text.keyvalue import (
    parse_dockerfile,
    parse_dotenv,
    parse_properties,
    parse_shell,
    parse_toml,
)
from oinlint.frontends.text.lexer import lex
from oinlint.frontends.text.source import parse_source
from oinlint.frontends.text.yamlfile import parse_yaml

__all__ = ["CONFIG_LANGUAGES", "SOURCE_LANGUAGES", "parse", "text_flavour"]

Scanner = Callable[[Collector], None]

CONFIG_LANGUAGES: dict[str, Scanner] = {
    "dotenv": parse_dotenv,
    "yaml": parse_yaml,
    "json": parse_json,
    "toml": parse_toml,
    "properties": parse_properties,
    "hcl": parse_hcl,
    "shell": parse_shell,
    "dockerfile": parse_dockerfile,
}
# configuration that may carry the scopes an integration asks for (HCL has the provider's own)
_SCOPE_CONFIG = frozenset({"dotenv", "yaml", "json", "toml", "properties"})
SOURCE_LANGUAGES = frozenset(
    {"javascript", "typescript", "tsx", "go", "java", "kotlin", "csharp", "ruby", "php", "python",
     "scala", "rust", "elixir", "powershell"}
)


def text_flavour(path: str) -> str:
    """Plain text files that are really scripts: Makefiles (shell), Jenkinsfiles (Groovy),
    HTTP request files (``.http``, ``.rest``: a request line, then header lines)."""
    name = PurePosixPath(path.replace("\\", "/")).name.lower()
    if name in ("makefile", "gnumakefile") or name.endswith(".mk"):
        return "shell"
    if name == "jenkinsfile" or name.endswith((".jenkinsfile", ".groovy", ".gradle")):
        return "groovy"
    if name.endswith((".http", ".rest")):
        return "http"  # REST Client / JetBrains HTTP client request files
    return "text"


def parse(path: str, text: str, language: str) -> FileFacts:
    """Facts for a configuration, script, prose or (regex-level) source file."""
    flavour = text_flavour(path) if language == "text" else language
    lexed = lex(text, flavour)
    collector = Collector(path, lexed, language)
    collector.api_tokens()
    scanner = CONFIG_LANGUAGES.get(language)
    if scanner is not None:
        scanner(collector)
        if language in _SCOPE_CONFIG:
            collector.scope_strings()
    elif language in SOURCE_LANGUAGES:
        parse_source(collector)
    elif flavour in ("shell", "groovy"):
        scan_header_args(collector)  # recipes and sh steps: curl -H, not prose
    elif flavour == "http":
        scan_header_lines(collector)  # ``Authorization: SSWS {{token}}`` under a request line
    return collector.result()
