"""Which files a run reads: git-aware discovery, excludes and ``--force-exclude``.

Inside a git work tree a directory is listed with ``git ls-files`` (tracked plus untracked but
not ignored), so ``.gitignore`` is honoured exactly as git reads it; elsewhere the tree is
walked. Paths named on the command line are taken as they are unless ``force_exclude`` is set,
which is how pre-commit runs us: it passes every staged path, excludes included.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Candidate", "ExcludeMatcher", "below", "discover", "relative_posix"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A file to read: its absolute path and the path shown to the user.

    The path is a string, not a ``Path``: a ``Path`` made per file was a fifth of discovering
    Django's 6,800 files, and every use of it is an ``os`` call or a string comparison."""

    path: str
    display: str
    explicit: bool


def _glob_to_regex(pattern: str) -> str:
    pattern = pattern.strip().removeprefix("./")
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.strip("/")
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = pattern.find("]", i)
            if end == -1:
                out.append(re.escape(char))
            else:
                out.append(pattern[i : end + 1].replace("!", "^", 1))
                i = end + 1
                continue
        else:
            out.append(re.escape(char))
        i += 1
    body = "".join(out)
    prefix = "^" if anchored else "^(?:.*/)?"
    return f"{prefix}{body}(?:/.*)?$"


def _literal_name(pattern: str) -> str | None:
    """The name of a pattern that is one plain name (``node_modules``, ``.git``, ``build/``),
    else None: such a pattern matches exactly the paths that have it as a component."""
    text = pattern.strip().removeprefix("./")
    if "/" in text.rstrip("/"):
        return None  # anchored at the root
    name = text.strip("/")
    return None if any(char in name for char in "*?[") else name


class ExcludeMatcher:
    """Gitignore-flavoured globs compiled into one regex: a name without ``/`` matches at any
    depth, a path with ``/`` is anchored at the project root, ``**`` spans directories.

    Plain names (every default exclude) are looked up among the path's components instead:
    the regex tried each of them at each ``/`` of each path, ≈ 15 µs a path."""

    def __init__(self, patterns: Iterable[str]) -> None:
        names: set[str] = set()
        parts: list[str] = []
        for pattern in patterns:
            if not pattern.strip():
                continue
            name = _literal_name(pattern)
            if name is not None:
                names.add(name)
            else:
                parts.append(_glob_to_regex(pattern))
        self._names = frozenset(names)
        self._regex = re.compile("|".join(f"(?:{p})" for p in parts)) if parts else None

    def matches(self, relative: str) -> bool:
        if self._names and not self._names.isdisjoint(relative.split("/")):
            return True
        return bool(self._regex and self._regex.match(relative))


def relative_posix(path: Path | str, root: Path | str) -> str | None:
    """``path`` below ``root`` as a POSIX path, or None when it is not below it.

    Plain string work on absolute, normalised paths: ``Path.relative_to`` re-parses both paths
    on every call, which was a tenth of a 13,000-file run.
    """
    text, base = str(path), str(root)
    if text == base:
        return "."
    prefix = base if base.endswith(os.sep) else base + os.sep
    if not text.startswith(prefix):
        return None
    rest = text[len(prefix):]
    return rest.replace(os.sep, "/") if os.sep != "/" else rest


def below(root: Path | str) -> Callable[[str], str | None]:
    """:func:`relative_posix` against one folder, its prefix made once (per-file calls)."""
    base = str(root)
    prefix = base if base.endswith(os.sep) else base + os.sep
    cut = len(prefix)
    convert = os.sep != "/"

    def relative(path: str) -> str | None:
        if path.startswith(prefix):
            rest = path[cut:]
            return rest.replace(os.sep, "/") if convert else rest
        return "." if path == base else None

    return relative


# Configuration that makes git run a program (or write to the repository) while it lists
# files: a scanned tree's own ``.git/config`` is untrusted input, so each is turned off.
_GIT_SAFE_CONFIG = (
    "core.fsmonitor=false", "core.useBuiltinFSMonitor=false", "core.hooksPath=/dev/null",
    "core.untrackedCache=false", "core.pager=cat", "core.sshCommand=", "diff.external=",
    "credential.helper=", "protocol.allow=never",
)
_GIT_UNREADABLE = re.compile(r"could not open directory '(.*)': (.*)$")


def _git_environment() -> dict[str, str]:
    """The environment for git: no ``GIT_*`` variable of ours (a hook's ``GIT_DIR``, a
    ``GIT_CONFIG_PARAMETERS`` or ``GIT_EXTERNAL_DIFF``), no system config, no pager, no prompt."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat",
                "PAGER": "cat", "GIT_OPTIONAL_LOCKS": "0"})
    return env


def _git_files(directory: Path) -> tuple[list[str], list[tuple[str, str]]] | None:
    """Files git sees under ``directory`` (tracked and untracked-not-ignored) and the folders it
    could not open (path, reason), or None outside a work tree. git runs with every
    config-driven program off (``core.fsmonitor``, hooks, pager, external diff)."""
    command = ["git", "--no-pager", "--no-optional-locks"]
    for setting in _GIT_SAFE_CONFIG:
        command += ["-c", setting]
    command += ["-C", str(directory), "ls-files", "-z", "--cached", "--others",
                "--exclude-standard", "--deduplicate"]
    try:
        result = subprocess.run(command, capture_output=True, check=False, timeout=120,
                                stdin=subprocess.DEVNULL, env=_git_environment())
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    names = result.stdout.decode("utf-8", "surrogateescape").split("\0")
    unreadable = []
    for line in result.stderr.decode("utf-8", "surrogateescape").splitlines():
        match = _GIT_UNREADABLE.search(line)
        if match:
            unreadable.append((str(directory / match.group(1).rstrip("/")),
                               f"cannot read this folder ({match.group(2)}); skipped"))
    base = str(directory)
    return [os.path.join(base, name.rstrip("/")) for name in names if name], unreadable


def _inside(real: str, bounds: Sequence[str]) -> bool:
    return any(relative_posix(real, base) is not None for base in bounds)


def _outside(path: str, bounds: Sequence[str]) -> bool:
    """Whether a symbolic link met while walking leads out of the project (or named folder)."""
    return not _inside(os.path.realpath(path), bounds)


def _leads_to_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a loop of symbolic links
        return False


OUTSIDE = "symbolic link to a path outside the project root; skipped"


def _walk(
    directory: str, excluded: Callable[[str], bool], bounds: Sequence[str],
    skip: Callable[[str, str], None],
) -> Iterable[str]:
    """Files below ``directory`` as path strings, each folder's files first, in name order.

    An excluded directory is never entered (``node_modules``, ``.venv``: a pattern that matches a
    directory matches all below it); a symbolic link to a folder is not followed (what it points
    to inside the tree is walked anyway); a symbolic link that leads out of ``bounds`` and a
    folder that cannot be read are skipped and passed to ``skip(path, why)``.
    """
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        skip(directory, f"cannot read this folder ({exc.strerror or exc}); skipped")
        return
    folders: list[str] = []
    for entry in entries:
        if entry.is_symlink():
            if excluded(entry.path):
                continue
            if _outside(entry.path, bounds):
                skip(entry.path, OUTSIDE)
            elif not _leads_to_folder(entry):
                yield entry.path  # read_source says why when it cannot be read (a loop)
        elif entry.is_dir():
            if not excluded(entry.path):
                folders.append(entry.path)
        else:
            yield entry.path
    for folder in folders:
        yield from _walk(folder, excluded, bounds, skip)


SUBMODULE = ("a git submodule or nested repository: its files are not checked "
             "(name it on the command line to check it)")


def discover(
    paths: Sequence[str],
    root: Path,
    exclude: Iterable[str],
    *,
    force_exclude: bool = False,
    respect_gitignore: bool = True,
    cwd: Path | None = None,
) -> tuple[list[Candidate], list[str]]:
    """Files to read for ``paths`` and one-line warnings for paths that could not be used.

    A path named in ``paths`` is the user's choice and is read wherever it leads; a symbolic
    link met while listing a folder is read only when it resolves inside the project ``root``
    or the named folder, and is otherwise skipped with a warning.
    """
    cwd = (cwd or Path.cwd()).resolve()
    root = root.resolve()
    matcher = ExcludeMatcher(exclude)
    seen: set[str] = set()
    found: list[Candidate] = []
    warnings: list[str] = []

    below_bases = [below(base) for base in ((root,) if root == cwd else (root, cwd))]
    below_cwd = below(cwd)

    def shown(path: str) -> str:
        """``path`` as displayed: below the working directory, else as it is."""
        relative = below_cwd(path)
        return relative if relative is not None else Path(path).as_posix()

    def excluded(path: Path | str) -> bool:
        text = str(path)
        for relative_to in below_bases:
            relative = relative_to(text)
            if matcher.matches(relative if relative is not None else Path(text).as_posix()):
                return True
        return False

    def skip(path: str, why: str) -> None:
        warnings.append(f"{shown(path)}: {why}")

    for raw in paths:
        given = Path(raw)
        absolute = given if given.is_absolute() else cwd / given
        absolute = Path(os.path.normpath(absolute))
        if absolute.is_dir():
            bounds = (str(root), os.path.realpath(absolute))
            listed = _git_files(absolute) if respect_gitignore else None
            if listed is not None and not listed[0]:  # named although git ignores it: walk it
                listed = None
            if listed is None:
                for name in _walk(str(absolute), excluded, bounds, skip):
                    if name in seen or excluded(name):
                        continue
                    seen.add(name)
                    found.append(Candidate(name, shown(name), explicit=False))
                continue
            files, unreadable = listed
            for folder, why in unreadable:
                skip(folder, why)
            for path in files:
                if path in seen or excluded(path):
                    continue
                try:
                    mode = os.lstat(path).st_mode
                except OSError:
                    continue  # deleted from the work tree but still in the index
                if stat.S_ISDIR(mode):
                    skip(path, SUBMODULE)
                    continue
                if stat.S_ISLNK(mode) and _outside(path, bounds):
                    skip(path, OUTSIDE)
                    continue
                seen.add(path)
                found.append(Candidate(path, shown(path), explicit=False))
        elif absolute.is_file() or absolute.is_symlink():
            if str(absolute) in seen or (force_exclude and excluded(absolute)):
                continue
            seen.add(str(absolute))
            found.append(Candidate(str(absolute), shown(str(absolute)), explicit=True))
        else:
            warnings.append(f"{raw}: no such file or directory")
    return found, warnings
