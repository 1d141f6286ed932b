"""The facts cache (``.oinlint_cache/``): re-runs skip reading and parsing unchanged files.

An index keyed by absolute path records each file's stamp (:mod:`.stamps`), content hash and
facts (or that it had no keyword). Project rules then re-run cheaply over the cached facts.

The cache is untrusted input: it sits in the project, where a repository can commit one. So it
is never trusted for more than it can prove:

- the index's name and its HMAC come from a per-machine secret (:mod:`.cachekey`) as well as
  oinlint's version, code, rule catalogue and the settings that change facts: a committed,
  copied or hand-made index is not found, or does not verify, and is never parsed;
- a cache directory tracked by git is not read nor written, with a one-line note;
- an entry is used without reading the file only when the file's stamp (``mtime``, ``ctime``,
  inode, size) is the entry's and was settled when taken (git's racy-git rule: a file changed
  within seconds of being read is not taken on its stamp); otherwise an entry with facts is
  used only when the file's current bytes (read like the scanner reads them: a regular file,
  at most ``max-file-size``) hash to the entry's digest, and an entry without facts not at all;
- a file not in the index (a copy, a rename) gets the facts of an entry whose content hash,
  language and path class are its own, decoded against that entry's path and then moved to the
  file's own path (copies and renames are not parsed again);
- facts are compact JSON, decoded field by field against their annotations, every span in
  the file the entry is for (:mod:`.cachecodec`); anything else is a miss, never an exception.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import stat
import subprocess
import tempfile
from pathlib import Path
from typing import Any, NamedTuple

from oinlint._version import __version__
from oinlint.engine.cachecodec import CorruptEntry, decode_facts, encode_facts
from oinlint.engine.cachekey import machine_key
from oinlint.engine.discovery import Candidate
from oinlint.engine.scan import Scanned
from oinlint.engine.sources import read_source
from oinlint.engine.stamps import Stamp
from oinlint.facts import FileFacts, SecretLiteral, rebase
from oinlint.frontends.pathclass import path_class
from oinlint.rules.catalogue import catalogue_dir

__all__ = ["FactsCache", "decode_facts", "encode_facts", "seal", "unseal"]

# Version 4: the index is ``{"version":4,"mac":HEX,"files":{...}}`` with the HMAC over the
# bytes of ``files``; an entry is [mtime_ns, size, sha256, warning, display path, facts,
# ctime_ns, inode, settled, readable, quiet] (the stamp's fields around the v3 ones).
_FORMAT = 4
_HEAD = b'{"version":%d,"mac":"' % _FORMAT
_MAC_HEX = 64
_FILES = b'","files":'
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


@functools.cache
def code_digest() -> str:
    """A digest of oinlint's own source and rule catalogue: a new build means a new cache.

    Names, sizes and modification times, not contents: an install or an edit changes them,
    and reading every module on each run cost ~30 ms of a warm run (the cache's trust comes
    from the machine key and the content hashes, not from this digest).
    """
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted([*package.rglob("*.py"), *catalogue_dir().glob("*.yaml")]):
        info = path.stat()
        digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def tracked_by_git(directory: Path) -> bool:
    """Whether git tracks ``directory`` or anything in it (a committed cache)."""
    if not os.path.lexists(directory):
        return False
    absolute = directory.absolute()
    if not any(os.path.lexists(folder / ".git") for folder in absolute.parents):
        return False  # not in a work tree: no need to start git (~10 ms)
    try:
        listed = subprocess.run(
            ["git", "--literal-pathspecs", "-C", str(directory.parent), "ls-files", "-z", "--",
             directory.name],
            capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return False  # no git: the HMAC still keeps a foreign index out
    return listed.returncode == 0 and bool(listed.stdout)


def _shown(directory: Path) -> str:
    try:
        return directory.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (OSError, ValueError):
        return str(directory)


def _read_private(path: Path) -> bytes | None:
    """A regular file's bytes, not through a symbolic link; None otherwise."""
    try:
        handle = os.open(path, os.O_RDONLY | _NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(handle, "rb") as source:
        if not stat.S_ISREG(os.fstat(source.fileno()).st_mode):
            return None
        return source.read()


def _mac(key: bytes, salt: bytes, body: bytes) -> bytes:
    return hmac.new(key, salt + b"\0" + body, hashlib.sha256).hexdigest().encode()


def seal(key: bytes, salt: bytes, body: bytes) -> bytes:
    """The index document: ``body`` (the JSON of the entries) with its HMAC.

    ``salt`` (the index's name) is in the HMAC too, so an index written for other settings
    cannot be renamed into this one's place.
    """
    return b"".join((_HEAD, _mac(key, salt, body), _FILES, body, b"}"))


def unseal(key: bytes, salt: bytes, document: bytes) -> bytes | None:
    """The body of a document :func:`seal` made with this key and salt, else None."""
    start = len(_HEAD) + _MAC_HEX + len(_FILES)
    if (not document.startswith(_HEAD) or document[start - len(_FILES):start] != _FILES
            or not document.endswith(b"}")):
        return None
    body = document[start:-1]
    if not hmac.compare_digest(document[len(_HEAD):len(_HEAD) + _MAC_HEX], _mac(key, salt, body)):
        return None
    return body


class _Entry(NamedTuple):
    """An index entry, with the types :meth:`FactsCache.store` writes."""

    stamp: Stamp
    digest: str
    warning: str | None
    display: str
    data: Any  # the encoded facts, None when the file had no keyword or was not text
    readable: bool  # False: read as binary (a NUL byte), skipped
    quiet: bool  # binary by nature (an image, an archive): skipped without a warning if walked


def _entry(value: Any) -> _Entry | None:
    """An index entry as :meth:`FactsCache.store` writes it, else None."""
    if type(value) is not list or len(value) != 11:
        return None
    (mtime_ns, size, digest, warning, display, data, ctime_ns, ino, settled, readable,
     quiet) = value
    if (type(mtime_ns) is not int or type(size) is not int or type(digest) is not str
            or not (warning is None or type(warning) is str) or type(display) is not str
            or type(ctime_ns) is not int or type(ino) is not int or type(settled) is not bool
            or type(readable) is not bool or type(quiet) is not bool):
        return None
    if data is not None and (len(digest) != 64 or not readable):
        return None  # facts are only ever used against a content hash, and only of text
    return _Entry(Stamp(mtime_ns, ctime_ns, ino, size, settled), digest, warning, display, data,
                  readable, quiet)


def _stored(stamp: Stamp, digest: str, warning: str | None, display: str, data: Any,
            readable: bool = True, quiet: bool = False) -> list[Any]:
    return [stamp.mtime_ns, stamp.size, digest, warning, display, data, stamp.ctime_ns,
            stamp.ino, stamp.settled, readable, quiet]


class FactsCache:
    """Per-project facts cache. Never fatal: any problem means "not cached"."""

    def __init__(self, directory: Path, settings_key: str, max_size: int,
                 notes: list[str] | None = None) -> None:
        self.directory = directory
        self.max_size = max_size
        self._entries: dict[str, Any] = {}
        self._with_facts: dict[str, str] | None = None  # content hash → a path with its facts
        self._decoded: dict[str, FileFacts] = {}
        self._dirty = False
        self.hits = 0
        self._key = machine_key()
        if self._key is not None and tracked_by_git(directory):
            self._key = None
            if notes is not None:
                shown = _shown(directory)
                notes.append(f"{shown}: a facts cache committed to git is not used "
                             f"(untrack it: git rm -r --cached {shown})")
        salt = hmac.new(self._key or b"", f"{code_digest()}\0{settings_key}".encode(),
                        hashlib.sha256).hexdigest()[:20]
        self.index_path = directory / f"facts-{salt}.json"
        self._salt = salt.encode()
        if self._key is not None:
            self._entries = self._load()

    def _load(self) -> dict[str, Any]:
        """The verified index, else empty: the bytes are checked before JSON sees them."""
        assert self._key is not None
        raw = _read_private(self.index_path)
        body = unseal(self._key, self._salt, raw) if raw is not None else None
        if body is None:
            return {}
        try:
            loaded = json.loads(body)
        except (ValueError, RecursionError):
            return {}
        return loaded if isinstance(loaded, dict) else {}

    def lookup(self, candidate: Candidate, shown: bool = True) -> Scanned | None:
        """The cached outcome for an unchanged file, else None.

        Entries are keyed by absolute path, so a run from another directory finds them (the
        facts are moved to the path as displayed now). A file with facts is read and hashed,
        so a checkout or ``touch`` that keeps its bytes is still not parsed again (and its
        stamp is renewed), except a file whose settled stamp still matches and whose text the
        run does not need: one not ``shown`` (a file that only backs the project rules) and
        without a secret literal (whose lines the run must know to redact it everywhere).
        """
        key = candidate.path
        entry = _entry(self._entries.get(key))
        if entry is None:
            return None
        try:
            info = os.stat(candidate.path)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode) or info.st_size != entry.stamp.size:
            return None
        unchanged = entry.stamp.matches(info)
        if entry.data is None:  # no keyword, or binary: only a settled stamp says "still so"
            if not unchanged:
                return None
            self.hits += 1
            return Scanned(candidate, entry.readable, None, None, entry.warning,
                           quiet=entry.quiet and not candidate.explicit, digest=entry.digest,
                           stamp=entry.stamp)
        try:
            file_facts = decode_facts(entry.data, entry.display)
        except CorruptEntry:
            return None
        text, stamp = None, entry.stamp
        if not unchanged or shown or any(isinstance(f, SecretLiteral) for f in file_facts.facts):
            source = read_source(candidate, self.max_size)
            if (source.text is None or source.stamp is None
                    or hashlib.sha256(source.data).hexdigest() != entry.digest):
                return None
            text, stamp = source.text, source.stamp
        if entry.display != candidate.display:
            file_facts = rebase(file_facts, candidate.display)
        if stamp != entry.stamp:
            self._entries[key] = _stored(stamp, entry.digest, entry.warning, entry.display,
                                         entry.data)
            self._dirty = True
        self.hits += 1
        # The entry's warning: the read's and the front end's notice (the bytes are the same).
        return Scanned(candidate, True, file_facts, text, entry.warning, digest=entry.digest,
                       stamp=stamp)

    def facts_for_content(self, scanned: Scanned, language: str) -> FileFacts | None:
        """Facts cached for another path with this file's current bytes (``scanned.digest``,
        hashed from what was just read), language and path class, moved to its own path."""
        if self._with_facts is None:
            self._with_facts = {}
            for path, value in self._entries.items():
                entry = _entry(value)
                if entry is not None and entry.data is not None:
                    self._with_facts.setdefault(entry.digest, path)
        if not scanned.digest or scanned.digest not in self._with_facts:
            return None
        decoded = self._decoded.get(scanned.digest)
        if decoded is None:
            entry = _entry(self._entries.get(self._with_facts[scanned.digest]))
            if entry is None or entry.data is None or entry.digest != scanned.digest:
                return None
            try:
                decoded = decode_facts(entry.data, entry.display)
            except CorruptEntry:
                return None
            self._decoded[scanned.digest] = decoded
        display = scanned.candidate.display
        if (decoded.language != language
                or path_class(decoded.path, language) != path_class(display, language)):
            return None
        self.hits += 1
        return rebase(decoded, display)

    def store(self, scanned: Scanned) -> None:
        """Keep one outcome: facts, no keyword, or binary (read, a NUL byte). A file named on
        the command line is not kept when binary: its ``quiet`` says how it was named, not
        what it is."""
        if self._key is None or scanned.stamp is None:
            return
        if not scanned.readable and (scanned.candidate.explicit or scanned.facts is not None):
            return
        if scanned.facts is not None and not scanned.digest:
            return
        try:
            data = encode_facts(scanned.facts) if scanned.facts is not None else None
        except ValueError:  # a span in another file: not for the cache (the run still has it)
            return
        self._entries[scanned.candidate.path] = _stored(
            scanned.stamp, scanned.digest, scanned.warning, scanned.candidate.display, data,
            scanned.readable, scanned.quiet)
        self._dirty = True

    def save(self) -> None:
        if not self._dirty or self._key is None:
            return
        body = json.dumps(self._entries, separators=(",", ":")).encode()
        document = seal(self._key, self._salt, body)
        try:
            # Only a folder oinlint makes is its own: `--cache-dir .` must not make git
            # ignore the whole project.
            created = not self.directory.exists()
            self.directory.mkdir(parents=True, exist_ok=True)
            marker = self.directory / ".gitignore"
            if created and not os.path.lexists(marker):  # O_EXCL: never through a symlink
                handle = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write("# Created by oinlint.\n*\n")
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(document)
            os.replace(temporary, self.index_path)
        except OSError:
            pass  # a read-only checkout still gets its findings
