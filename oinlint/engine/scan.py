"""Reading files into facts: read, prefilter, then parse each distinct wanted file once.

Reading and the prefilter run in-process; parsing moves to a process pool only when there is
enough distinct code (a pre-commit hook with a handful of staged files would lose more to
starting workers than it gains). Every step is pure: candidates in, :class:`Scanned` out.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace

from oinlint import frontends
from oinlint.engine.collector import collector_on
from oinlint.engine.discovery import Candidate
from oinlint.engine.prefilter import Prefilter
from oinlint.engine.sources import Source, read_source
from oinlint.engine.stamps import Stamp
from oinlint.facts import FileFacts, rebase
from oinlint.frontends.budget import degraded_notice
from oinlint.frontends.languages import detect_language
from oinlint.frontends.pathclass import path_class

__all__ = ["Scanned", "scan_all"]

# Below this many bytes of distinct files to parse, a pool costs more than it saves (the
# Python front end: ~1 ms per KB; tree-sitter and the text front end less; a worker costs
# ~0.5 s to start and import the front ends).
POOL_MIN_BYTES = 256 * 1024
# Python files at least this large get the docstring-free second look before the analysis.
SECOND_LOOK_BYTES = 8192


@dataclass(frozen=True, slots=True)
class Scanned:
    """What became of one file. ``facts`` is None when the file was skipped or had no keyword."""

    candidate: Candidate
    readable: bool
    facts: FileFacts | None = None
    text: str | None = None
    warning: str | None = None
    quiet: bool = False  # an image, archive, … met while walking: expected, not worth a line
    digest: str = ""
    stamp: Stamp | None = None  # None when unreadable: never cached


def _probe(candidate: Candidate, max_size: int) -> tuple[Scanned, Source]:
    """Read one file; a Scanned without facts (nor, yet, a content hash), and the source."""
    source = read_source(candidate, max_size)
    quiet = source.quiet and not candidate.explicit
    if source.text is None:
        return Scanned(candidate, False, warning=source.warning, quiet=quiet,
                       stamp=source.stamp), source
    return Scanned(candidate, True, warning=source.warning, stamp=source.stamp), source


def _hashed(scanned: Scanned, source: Source) -> Scanned:
    """Only files that will be parsed need their content hash (the same-content key)."""
    return replace(scanned, digest=hashlib.sha256(source.data).hexdigest())


def _wanted(scanned: Scanned, source: Source, prefilter: Prefilter) -> str | None:
    """The file's language when it has a keyword and must be parsed, else None.

    A large Python module gets a second look without its docstrings
    (:mod:`oinlint.frontends.python.docstrings`): the analysis (the tree built from CPython's
    parse, then the passes) costs several times the bare parse. That module is imported here,
    on first need: a run without Python files never loads the Python front end.
    """
    searchable = source.searchable  # UTF-16 and UTF-32 text as UTF-8
    if not scanned.readable or not prefilter.wants(searchable):
        return None
    language = detect_language(scanned.candidate.display, searchable[:256])
    if language == "python" and len(source.data) >= SECOND_LOOK_BYTES and source.text:
        from oinlint.frontends.python.docstrings import without_docstrings

        code = without_docstrings(source.text)
        if (code is not None and not prefilter.has_keyword(code)
                and not prefilter.has_token(searchable)):
            return None
    return language


def _parsed(scanned: Scanned, source: Source, language: str) -> Scanned:
    assert source.text is not None
    facts = frontends.parse(scanned.candidate.display, source.text, language)
    return _with_facts(scanned, source, facts)


def _with_facts(scanned: Scanned, source: Source, facts: FileFacts) -> Scanned:
    """The outcome of a file read from ``source`` whose facts are ``facts`` (parsed or cached)."""
    notice = degraded_notice(facts)  # read by the text front end: said, never silent
    warning = "; ".join(w for w in (scanned.warning, notice) if w) or None
    return replace(scanned, facts=facts, text=source.text, warning=warning,
                   digest=scanned.digest or hashlib.sha256(source.data).hexdigest())


def _copy_of(original: Scanned, duplicate: Scanned) -> Scanned:
    """A byte-identical file's outcome, moved to the duplicate's path: parsed once, not twice."""
    assert original.facts is not None
    return replace(duplicate, facts=rebase(original.facts, duplicate.candidate.display),
                   text=original.text)


def _same_content_key(scanned: Scanned, language: str) -> tuple[str, str, str]:
    """Files with the same bytes, language and path class get the same facts."""
    return scanned.digest, language, path_class(scanned.candidate.display, language)


_worker_max_size = 0


def _init_worker(max_size: int) -> None:
    global _worker_max_size
    _worker_max_size = max_size
    gc.enable()  # a forked worker inherits the engine's paused collector; it runs front ends


def _parse_in_worker(job: tuple[Candidate, str]) -> Scanned:
    candidate, language = job
    scanned, source = _probe(candidate, _worker_max_size)
    if source.text is None:  # changed or vanished since it was read in the parent
        return scanned
    return _parsed(scanned, source, language)


# Facts already known for a file's content (the facts cache's), given its hash and language.
KnownFacts = Callable[[Scanned, str], FileFacts | None]


def scan_all(
    candidates: Sequence[Candidate], max_size: int, prefilter: Prefilter, jobs: int,
    known: KnownFacts | None = None,
) -> Iterator[Scanned]:
    """Scan every candidate; parse in a process pool when there is enough to parse.

    Reading, hashing and the prefilter are cheap and run in-process for every file; what
    decides the pool is the size of the distinct files left to parse (a pre-commit run, or a
    large tree with a few relevant files, would lose more to starting workers than it gains).
    Byte-identical source files (vendored copies, generated clients, a monorepo's copied
    services) are parsed once and their facts moved to each path; ``known`` gives the facts
    of content seen in an earlier run (a copied or renamed file), which is then not parsed.
    """
    pending: list[tuple[Scanned, Source, str]] = []
    firsts: dict[tuple[str, str, str], int] = {}
    copies: list[tuple[Scanned, int]] = []
    for candidate in candidates:
        scanned, source = _probe(candidate, max_size)
        language = _wanted(scanned, source, prefilter)
        if language is None:
            yield scanned
            continue
        scanned = _hashed(scanned, source)
        key = _same_content_key(scanned, language)
        if key in firsts:
            copies.append((scanned, firsts[key]))
            continue
        cached = known(scanned, language) if known is not None else None
        if cached is not None:
            yield _with_facts(scanned, source, cached)
            continue
        firsts[key] = len(pending)
        pending.append((scanned, source, language))
    cost = sum(len(source.data) * (1 if language == "python" else 0.1)
               for _, source, language in pending)
    if jobs > 1 and len(pending) > 1 and cost >= POOL_MIN_BYTES:
        work = [(scanned.candidate, language) for scanned, _, language in pending]
        pending.clear()  # the workers read the files again; free the parent's copies
        chunk = max(1, len(work) // (jobs * 8))
        with ProcessPoolExecutor(max_workers=min(jobs, len(work)), initializer=_init_worker,
                                 initargs=(max_size,)) as pool:
            parsed = list(pool.map(_parse_in_worker, work, chunksize=chunk))
    else:
        with collector_on():  # front ends: third-party parsers, whose garbage may be cyclic
            parsed = [_parsed(scanned, source, language)
                      for scanned, source, language in pending]
    yield from parsed
    for duplicate, index in copies:
        original = parsed[index]
        yield _copy_of(original, duplicate) if original.facts is not None else replace(
            duplicate, readable=original.readable, warning=original.warning)
