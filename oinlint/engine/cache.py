"""The facts cache (``.oinlint_cache/``): re-runs skip reading and parsing unchanged files.

An index keyed by absolute path records each file's modification time, size, content hash and
facts (or that it had no keyword). A file whose ``stat`` still matches is not opened again, one
whose bytes still hash the same is not parsed again; project rules then re-run cheaply over the
cached facts. The index file's name carries a salt made of
the oinlint version, a digest of oinlint's own code and rule catalogue, and the settings that
change what a front end produces, so a foreign or stale cache is simply not found.

Facts are stored as JSON with a whitelist of fact types, never pickled: a cache directory
committed to a repository must not be able to run code. A corrupt cache is ignored.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from oinlint import facts
from oinlint._version import __version__
from oinlint.engine.discovery import Candidate
from oinlint.engine.scan import Scanned
from oinlint.rules.catalogue import catalogue_dir

__all__ = ["FactsCache", "decode_facts", "encode_facts"]

# Version 2: entries keyed by absolute path, with the path they were displayed as.
_FORMAT = 2

_FACT_TYPES: dict[str, type[Any]] = {
    name: getattr(facts, name)
    for name in facts.__all__
    if dataclasses.is_dataclass(getattr(facts, name))
}


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {"__t": type(value).__name__}
        for f in dataclasses.fields(value):
            out[f.name] = _encode(getattr(value, f.name))
        return out
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        kind = _FACT_TYPES[value["__t"]]  # KeyError for anything not whitelisted
        return kind(**{k: _decode(v) for k, v in value.items() if k != "__t"})
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"unexpected {type(value).__name__} in cached facts")


def encode_facts(file_facts: facts.FileFacts) -> Any:
    return _encode(file_facts)


def decode_facts(data: Any) -> facts.FileFacts:
    decoded = _decode(data)
    if not isinstance(decoded, facts.FileFacts):
        raise TypeError("cached entry is not FileFacts")
    return decoded


@functools.cache
def code_digest() -> str:
    """A digest of oinlint's own source and rule catalogue: a new build means a new cache."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    for path in sorted([*package.rglob("*.py"), *catalogue_dir().glob("*.yaml")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class FactsCache:
    """Per-project facts cache. Never fatal: any problem means "not cached"."""

    def __init__(self, directory: Path, settings_key: str) -> None:
        self.directory = directory
        salt = hashlib.sha256(f"{code_digest()}\0{settings_key}".encode()).hexdigest()[:20]
        self.index_path = directory / f"facts-{salt}.json"
        self._entries: dict[str, list[Any]] = {}
        self._dirty = False
        self.hits = 0
        try:
            loaded = json.loads(self.index_path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict) and loaded.get("version") == _FORMAT:
                entries = loaded.get("files")
                if isinstance(entries, dict):
                    self._entries = entries
        except (OSError, ValueError, UnicodeDecodeError):
            self._entries = {}

    def lookup(self, candidate: Candidate) -> Scanned | None:
        """The cached outcome for an unchanged file, else None.

        Entries are keyed by absolute path, so a run from another directory finds them (the
        facts are moved to the path as displayed now). A file whose ``stat`` changed but whose
        bytes did not (a checkout, a ``touch``) is recognised by its content hash.
        """
        entry = self._entries.get(str(candidate.path))
        if entry is None:
            return None
        try:
            info = os.stat(candidate.path)
            mtime_ns, size, digest, warning, display, data = entry
            if info.st_size != size:
                return None
            if info.st_mtime_ns != mtime_ns:
                # Files that were never parsed have no hash: reading them twice gains nothing.
                if not digest or hashlib.sha256(candidate.path.read_bytes()).hexdigest() != digest:
                    return None
                mtime_ns = info.st_mtime_ns
                entry[0] = mtime_ns
                self._dirty = True
            file_facts = decode_facts(data) if data is not None else None
        except (OSError, ValueError, TypeError, KeyError):
            return None
        if file_facts is not None and display != candidate.display:
            file_facts = facts.rebase(file_facts, candidate.display)
        self.hits += 1
        return Scanned(candidate, True, file_facts, None, warning, digest=digest,
                       mtime_ns=mtime_ns, size=size)

    def store(self, scanned: Scanned) -> None:
        if not scanned.readable or not scanned.mtime_ns:
            return
        data = encode_facts(scanned.facts) if scanned.facts is not None else None
        self._entries[str(scanned.candidate.path)] = [
            scanned.mtime_ns, scanned.size, scanned.digest, scanned.warning,
            scanned.candidate.display, data]
        self._dirty = True

    def save(self) -> None:
        if not self._dirty:
            return
        try:
            # Only a folder oinlint makes is its own: `--cache-dir .` must not make git
            # ignore the whole project.
            created = not self.directory.exists()
            self.directory.mkdir(parents=True, exist_ok=True)
            if created:
                marker = self.directory / ".gitignore"
                marker.write_text("# Created by oinlint.\n*\n", encoding="utf-8")
            document = json.dumps({"version": _FORMAT, "files": self._entries},
                                  separators=(",", ":"))
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(document)
            os.replace(temporary, self.index_path)
        except OSError:
            pass  # a read-only checkout still gets its findings
