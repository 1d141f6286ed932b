"""The SSWS → OAuth client-credentials migration of Python code (unsafe: behaviour changes).

From the run's OIN101 (``Authorization: SSWS …``) findings in Python files: each file is
rewritten by :mod:`~oinlint.fixes.ssws_python`, and the
generated module (:mod:`~oinlint.fixes.oauth_module`) is written once per project, next to the
fixed code (the directory they share) or where ``fix.oauth-module`` says, asking for exactly
the scopes the run's one scope analysis says the calls need. A project whose calls need no
known scope gets no fix (the token request could not name its scopes). The rewrite of a file
is one set of line edits that every finding it answers carries (identical edits do not clash).

okta-sdk-python's ``token`` (OIN102) gets no fix: the SDK's only OAuth mode is ``PrivateKey``,
which an OIN API service integration cannot use (its customers' orgs issue a client secret;
OIN306), and its ``Bearer`` mode keeps one access token for the client's life (OIN301).
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from oinlint.findings import Finding
from oinlint.fixes.model import Edit, Fix
from oinlint.fixes.oauth_module import HTTPX_AUTH, MODULE_NAME, REQUESTS_AUTH, render_module
from oinlint.fixes.ssws_python import rewrite_ssws
from oinlint.scope_analysis import Analysis, minimal_scopes

__all__ = ["CODES", "line_edits", "ssws_fixes"]

CODES = frozenset({"OIN101"})
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def line_edits(before: str, after: str) -> tuple[Edit, ...]:
    """The line edits that turn ``before`` into ``after`` (the lines between stay as read)."""
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return tuple(Edit(i1 + 1, i2 + 1, tuple(new[j1:j2]))
                 for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def _on_disk(shown: str, root: Path) -> Path | None:
    for candidate in (Path(shown), root / shown):
        if candidate.is_file():
            return candidate.resolve()
    return None


def _module_path(files: Sequence[Path], configured: Path | None) -> Path:
    if configured is not None:
        return configured.resolve()
    common = Path(os.path.commonpath([str(f.parent) for f in files]))
    return common / f"{MODULE_NAME}.py"


def _import_name(module: Path, importer: Path) -> str:
    """How ``importer`` imports the module: by its package path when it sits in a package
    (directories with ``__init__.py``), else by its bare name (a script's directory)."""
    if module.parent == importer.parent and not (module.parent / "__init__.py").exists():
        return module.stem
    parts = [module.stem]
    folder = module.parent
    while (folder / "__init__.py").exists():
        parts.insert(0, folder.name)
        folder = folder.parent
    return ".".join(parts)


class _NamesElsewhere:
    """Names the project's other Python files mention: what a rewrite must not remove. Read
    on the first question only (most rewrites remove nothing another file could name)."""

    def __init__(self, paths: Sequence[Path], fixed: Sequence[Path]) -> None:
        self._paths = [p for p in paths if p.suffix == ".py" and p not in set(fixed)]
        self._words: set[str] | None = None

    def __contains__(self, name: object) -> bool:
        if self._words is None:
            self._words = set()
            for path in self._paths:
                try:
                    text = path.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
                self._words.update(_WORD.findall(text))
        return name in self._words

    def __iter__(self) -> Iterator[str]:
        return iter(())  # a membership test only

    def __len__(self) -> int:
        return len(self._paths)


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def ssws_fixes(findings: Sequence[Finding], analysis: Analysis, root: Path,
               project_files: Sequence[str], configured: Path | None = None) -> Iterator[Fix]:
    """The unsafe fixes that move OIN101/OIN102 findings in Python files to OAuth."""
    by_file: dict[Path, list[Finding]] = {}
    shown: dict[Path, str] = {}
    for finding in findings:
        if finding.code not in CODES or not finding.span.path.endswith(".py"):
            continue
        path = _on_disk(finding.span.path, root)
        if path is not None:
            by_file.setdefault(path, []).append(finding)
            shown[path] = finding.span.path
    scopes = sorted(minimal_scopes(analysis))
    if not by_file or not scopes:
        return
    files = sorted(by_file)
    module = _module_path(files, configured)
    existing = _read(module) if module.exists() else None
    if module in by_file or (module.exists() and existing is None):
        return
    disk = [p for p in (_on_disk(f, root) for f in project_files) if p is not None]
    shared = _NamesElsewhere(disk, files)
    classes: set[str] = set()
    fixes: list[Fix] = []
    for path in files:
        text = _read(path)
        if text is None:
            continue
        mine = by_file[path]
        headers = [(f.span.line, f.span.column) for f in mine if f.code == "OIN101"]
        rewrite = rewrite_ssws(text, headers, module_name=_import_name(module, path),
                               scopes=scopes, shared=shared)
        if rewrite is None:
            continue
        edits = line_edits(text, rewrite.text)
        needs = rewrite.classes
        title = _title(module, needs)
        classes |= needs
        for finding in mine:
            if (finding.span.line, finding.span.column) in rewrite.answered:
                fixes.append(Fix(finding.code, path, shown[path], finding.span.line,
                                 finding.span.column, edits, False, title))
    if not fixes:
        return
    if existing is not None and any(f"class {c}(" not in existing for c in classes):
        return  # a module of that name that lacks the class: leave the code as it is
    yield from fixes
    if existing is None and classes:
        text = render_module(scopes, requests_auth=REQUESTS_AUTH in classes,
                             httpx_auth=HTTPX_AUTH in classes)
        first = fixes[0]
        yield Fix(first.code, module, first.shown, first.line, first.column,
                  (Edit(1, 1, tuple(text.splitlines(keepends=True))),), False,
                  f"write {module.name}: OAuth client credentials ({' '.join(scopes)})",
                  creates=True)


def _title(module: Path, classes: frozenset[str]) -> str:
    used = ", ".join(sorted(classes))
    return (f"replace the SSWS API token with OAuth client credentials ({module.stem}.{used}; "
            "set OKTA_CLIENT_ID and OKTA_CLIENT_SECRET)")
