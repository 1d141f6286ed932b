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
from dataclasses import dataclass

from oinlint import frontends
from oinlint.facts import FileFacts
from oinlint.files import Candidate
from oinlint.languages import detect_language
from oinlint.prefilter import Prefilter
from oinlint.sources import read_source

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


def scan_file(candidate: Candidate, max_size: int, prefilter: Prefilter) -> Scanned:
    source = read_source(candidate, max_size)
    try:
        info = os.stat(candidate.path)
        mtime_ns, size = info.st_mtime_ns, info.st_size
    except OSError:
        mtime_ns = size = 0
    quiet = bool(source.text is None and source.data and not candidate.explicit)
    if source.text is None:
        return Scanned(candidate, False, warning=source.warning, quiet=quiet,
                       mtime_ns=mtime_ns, size=size)
    digest = hashlib.sha256(source.data).hexdigest()
    if not prefilter.wants(source.data):
        return Scanned(candidate, True, warning=source.warning, digest=digest,
                       mtime_ns=mtime_ns, size=size)
    language = detect_language(candidate.display, source.data[:256])
    facts = frontends.parse(candidate.display, source.text, language)
    return Scanned(candidate, True, facts, source.text, source.warning, digest=digest,
                   mtime_ns=mtime_ns, size=size)


_worker_prefilter: Prefilter | None = None
_worker_max_size = 0


def _init_worker(keywords: tuple[str, ...], max_size: int) -> None:
    global _worker_prefilter, _worker_max_size
    _worker_prefilter = Prefilter(keywords)
    _worker_max_size = max_size


def _scan_in_worker(candidate: Candidate) -> Scanned:
    assert _worker_prefilter is not None
    return scan_file(candidate, _worker_max_size, _worker_prefilter)


def scan_all(
    candidates: Sequence[Candidate], max_size: int, prefilter: Prefilter, jobs: int
) -> Iterator[Scanned]:
    """Scan every candidate, in a process pool when there are enough of them."""
    if jobs <= 1 or len(candidates) < POOL_THRESHOLD:
        for candidate in candidates:
            yield scan_file(candidate, max_size, prefilter)
        return
    chunk = max(8, len(candidates) // (jobs * 8))
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(prefilter.keywords, max_size)
    ) as pool:
        yield from pool.map(_scan_in_worker, candidates, chunksize=chunk)
