"""Which language a file is in, from its name and, for scripts without an extension, its shebang."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

__all__ = ["LANGUAGES", "detect_language"]

_BY_SUFFIX = {
    ".py": "python",
    ".pyi": "python",
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "tsx",
    ".go": "go",
    ".java": "java",
    ".kt": "kotlin",
    ".cs": "csharp",
    ".rb": "ruby",
    ".php": "php",
    ".sh": "shell",
    ".bash": "shell",
    ".zsh": "shell",
    ".ksh": "shell",
    ".tf": "hcl",
    ".tfvars": "hcl",
    ".hcl": "hcl",
    ".env": "dotenv",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".toml": "toml",
    ".properties": "properties",
    ".ini": "properties",
    ".cfg": "properties",
    ".conf": "properties",
    ".md": "markdown",
    ".markdown": "markdown",
    ".rst": "markdown",
    ".txt": "text",
}
_BY_NAME = {
    "dockerfile": "dockerfile",
    "containerfile": "dockerfile",
    ".env": "dotenv",
    "gemfile": "ruby",
    "rakefile": "ruby",
    "jenkinsfile": "text",
    "makefile": "text",
}
_SHEBANG = re.compile(rb"^#![ \t]*(?:/usr/bin/env[ \t]+(?:-S[ \t]+)?)?(?:\S*/)?([A-Za-z0-9_.+-]+)")
_SHEBANG_LANG = {
    "python": "python",
    "node": "javascript",
    "deno": "typescript",
    "bun": "javascript",
    "sh": "shell",
    "bash": "shell",
    "zsh": "shell",
    "dash": "shell",
    "ksh": "shell",
    "ruby": "ruby",
    "php": "php",
}

LANGUAGES = tuple(sorted(set(_BY_SUFFIX.values()) | set(_BY_NAME.values()) | {"text"}))


def detect_language(path: str, head: bytes = b"") -> str:
    """The language of ``path``: by file name, then suffix, then shebang; "text" otherwise."""
    name = PurePosixPath(path).name.lower()
    if name in _BY_NAME:
        return _BY_NAME[name]
    if name.startswith(".env.") or name.endswith(".env"):
        return "dotenv"
    if name.startswith("dockerfile.") or name.endswith(".dockerfile"):
        return "dockerfile"
    suffix = PurePosixPath(name).suffix
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    match = _SHEBANG.match(head)
    if match:
        interpreter = match.group(1).decode("ascii", "replace")
        interpreter = re.sub(r"[0-9.]+$", "", interpreter)
        return _SHEBANG_LANG.get(interpreter, "text")
    return "text"
