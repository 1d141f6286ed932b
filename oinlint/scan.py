"""Reading one file into facts: the unit of work that runs in-process or in a worker pool.

``scan_file`` is pure (a candidate in, a :class:`Scanned` out) so that the engine can run it
in a process pool for large trees and in-process for small runs (a pre-commit hook with a
handful of staged files would lose more to starting workers than it gains).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace

from oinlint import frontends
from oinlint.facts import FileFacts, rebase
from oinlint.files import Candidate
from oinlint.languages import detect_language
from oinlint.prefilter import Prefilter
from oinlint.sources import Source, read_source

__all__ = ["Scanned", "scan_all", "scan_file"]

# Below this many files a pool costs more (worker start-up, imports) than it saves.
POOL_THRESHOLD = 200


@dataclass(frozen=True, slots=True)
class Scanned:
    """What became of one file. ``facts`` is None when the file was skipped or had no keyword."""

    candidate: Candidate
    readable: bool
    facts: FileFacts | None = None
    text: str | None = None
    warning: str | None = None
    quiet: bool = False  # a binary file met while walking: expected, not worth a line
    digest: str = ""
    mtime_ns: int = 0
    size: int = 0


def _probe(candidate: Candidate, max_size: int, prefilter: Prefilter) -> tuple[Scanned, Source]:
    """Read, hash and prefilter one file; a Scanned without facts, and the source read."""
    source = read_source(candidate, max_size)
    try:
        info = os.stat(candidate.path)
        mtime_ns, size = info.st_mtime_ns, info.st_size
    except OSError:
        mtime_ns = size = 0
    quiet = bool(source.text is None and source.data and not candidate.explicit)
    if source.text is None:
        return Scanned(candidate, False, warning=source.warning, quiet=quiet,
                       mtime_ns=mtime_ns, size=size), source
    digest = hashlib.sha256(source.data).hexdigest()
    return Scanned(candidate, True, warning=source.warning, digest=digest,
                   mtime_ns=mtime_ns, size=size), source


def _wanted(scanned: Scanned, source: Source, prefilter: Prefilter) -> str | None:
    """The file's language when it has a keyword and must be parsed, else None."""
    if not scanned.readable or not prefilter.wants(source.data):
        return None
    return detect_language(scanned.candidate.display, source.data[:256])


def _parsed(scanned: Scanned, source: Source, language: str) -> Scanned:
    assert source.text is not None
    facts = frontends.parse(scanned.candidate.display, source.text, language)
    return replace(scanned, facts=facts, text=source.text)


def scan_file(candidate: Candidate, max_size: int, prefilter: Prefilter) -> Scanned:
    scanned, source = _probe(candidate, max_size, prefilter)
    language = _wanted(scanned, source, prefilter)
    return scanned if language is None else _parsed(scanned, source, language)


def _copy_of(original: Scanned, duplicate: Scanned) -> Scanned:
    """A byte-identical file's outcome, moved to the duplicate's path: parsed once, not twice."""
    assert original.facts is not None
    return replace(duplicate, facts=rebase(original.facts, duplicate.candidate.display),
                   text=original.text)


def _same_content_key(scanned: Scanned, language: str) -> tuple[str, str] | None:
    """Files whose front end reads nothing but their text share facts by content hash.

    Configuration files are classified by their path as well (``.github/workflows``,
    ``docker-compose.yml``), so only source languages qualify.
    """
    return (scanned.digest, language) if language in frontends.FRONTENDS else None


_worker_prefilter: Prefilter | None = None
_worker_max_size = 0


def _init_worker(keywords: tuple[str, ...], max_size: int) -> None:
    global _worker_prefilter, _worker_max_size
    _worker_prefilter = Prefilter(keywords)
    _worker_max_size = max_size


def _probe_in_worker(candidate: Candidate) -> tuple[Scanned, str | None]:
    assert _worker_prefilter is not None
    scanned, source = _probe(candidate, _worker_max_size, _worker_prefilter)
    return scanned, _wanted(scanned, source, _worker_prefilter)


def _parse_in_worker(job: tuple[Candidate, str]) -> Scanned:
    candidate, language = job
    assert _worker_prefilter is not None
    scanned, source = _probe(candidate, _worker_max_size, _worker_prefilter)
    if source.text is None:  # changed or vanished since the probe
        return scanned
    return _parsed(scanned, source, language)


def scan_all(
    candidates: Sequence[Candidate], max_size: int, prefilter: Prefilter, jobs: int
) -> Iterator[Scanned]:
    """Scan every candidate, in a process pool when there are enough of them.

    Byte-identical source files (vendored copies, generated clients, a monorepo's copied
    services) are parsed once and their facts moved to each path. With a pool, workers first
    read, hash and prefilter every file (cheap), then parse each distinct wanted file.
    """
    if jobs <= 1 or len(candidates) < POOL_THRESHOLD:
        seen: dict[tuple[str, str], Scanned] = {}
        for candidate in candidates:
            scanned, source = _probe(candidate, max_size, prefilter)
            language = _wanted(scanned, source, prefilter)
            if language is None:
                yield scanned
                continue
            key = _same_content_key(scanned, language)
            if key is not None and key in seen:
                yield _copy_of(seen[key], scanned)
                continue
            scanned = _parsed(scanned, source, language)
            if key is not None and scanned.facts is not None:
                seen[key] = scanned
            yield scanned
        return
    chunk = max(8, len(candidates) // (jobs * 8))
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(prefilter.keywords, max_size)
    ) as pool:
        probed = list(pool.map(_probe_in_worker, candidates, chunksize=chunk))
        firsts: dict[tuple[str, str], int] = {}
        jobs_for: list[tuple[Candidate, str]] = []
        copies: list[tuple[Scanned, int]] = []
        for scanned, language in probed:
            if language is None:
                yield scanned
                continue
            key = _same_content_key(scanned, language)
            if key is not None and key in firsts:
                copies.append((scanned, firsts[key]))
                continue
            if key is not None:
                firsts[key] = len(jobs_for)
            jobs_for.append((scanned.candidate, language))
        parse_chunk = max(1, len(jobs_for) // (jobs * 8))
        parsed = list(pool.map(_parse_in_worker, jobs_for, chunksize=parse_chunk))
    yield from parsed
    for duplicate, index in copies:
        original = parsed[index]
        yield _copy_of(original, duplicate) if original.facts is not None else replace(
            duplicate, readable=original.readable, warning=original.warning)
