"""Compare the facts of two Python front ends, file by file: the proof that a port changed none.

The libcst front end (:mod:`oinlint.frontends.python`) and the ``ast`` one
(:mod:`oinlint.frontends.pyast`) both parse every ``.py`` file under the folders given; their
``FileFacts`` (every fact with its spans, every comment, every parse problem) must be equal::

    python scripts/compare_python_frontends.py tests /work/realworld/files --show 5

prints the first ``--show`` differing files with what differs, then a summary: files
compared, identical, differing, and the differing facts by type (``-`` only the reference has
it, ``+`` only the front end checked). Exit status 1 when any file differs. ``--only``
restricts the comparison to some fact types (``--only AuthHeader,comments``).

Facts can also be recorded as JSON and checked later, by another Python (3.11 records, 3.13
checks) or after another change to the front end::

    python scripts/compare_python_frontends.py --record /tmp/facts.json tests
    python scripts/compare_python_frontends.py --check /tmp/facts.json tests

``--frontend`` picks the front end that records, or that is checked (``ast`` by default).
The text is read as the engine reads it (UTF-8, invalid bytes replaced).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from oinlint.engine.cachecodec import decode_facts, encode_facts
from oinlint.facts import FileFacts, ParseProblem, Span
from oinlint.frontends import pyast

Parse = Callable[[str, str, str], FileFacts]
FRONTENDS: dict[str, Parse] = {"ast": pyast.parse}
try:  # libcst is not installed for every Python that checks recorded facts
    from oinlint.frontends import python as libcst_frontend
except ImportError:  # pragma: no cover - depends on the environment
    pass
else:
    FRONTENDS["libcst"] = libcst_frontend.parse


def python_files(roots: list[str]) -> Iterator[Path]:
    """Every ``.py`` file under the roots (a root may be a file), in a stable order."""
    for root in roots:
        path = Path(root)
        if path.is_file():
            yield path
            continue
        yield from sorted(p for p in path.rglob("*.py") if p.is_file())


def _items(facts: FileFacts, only: set[str] | None) -> list[tuple[str, object]]:
    """(kind, item) for every fact, comment and problem of a file."""
    items: list[tuple[str, object]] = [(type(f).__name__, f) for f in facts.facts]
    items += [("comments", c) for c in facts.comments]
    items += [("problems", p) for p in facts.problems]
    if only is not None:
        items = [(k, v) for k, v in items if k in only]
    return items


def differences(old: FileFacts, new: FileFacts, only: set[str] | None
                ) -> list[tuple[str, str, object]]:
    """('-' or '+', kind, item) for what one front end found and the other did not (as
    multisets), plus ('~', 'order', ...) when the same items come in another order."""
    before, after = _items(old, only), _items(new, only)
    if before == after:
        return []
    found: list[tuple[str, str, object]] = []
    for sign, mine, theirs in (("-", before, after), ("+", after, before)):
        left = Counter(repr(pair) for pair in mine)
        left.subtract(Counter(repr(pair) for pair in theirs))
        for kind, item in mine:
            key = repr((kind, item))
            if left[key] > 0:
                left[key] -= 1
                found.append((sign, kind, item))
    if not found:
        found.append(("~", "order", "same facts in another order"))
    return found


def _safe(parse: Parse, path: str, text: str) -> FileFacts:
    """The front end's facts; a crash is a difference to report, not the end of the run."""
    try:
        return parse(path, text, "python")
    except Exception as exc:
        return FileFacts(path, "python", problems=(
            ParseProblem(Span(path, 1, 1, 1, 1), f"CRASH {type(exc).__name__}: {exc}"),))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="+", help="folders (or files) holding .py files")
    parser.add_argument("--limit", type=int, default=0, help="compare at most N files")
    parser.add_argument("--show", type=int, default=10, help="print the first K differing files")
    parser.add_argument("--only", default="", help="comma-separated fact types to compare")
    parser.add_argument("--quiet", action="store_true", help="no per-item lines, names only")
    parser.add_argument("--frontend", choices=sorted(FRONTENDS), default="ast",
                        help="the front end that records or is checked")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--record", metavar="FILE", help="write the facts of every file as JSON")
    mode.add_argument("--check", metavar="FILE", help="compare with facts recorded earlier")
    args = parser.parse_args(argv)
    only = {k.strip() for k in args.only.split(",") if k.strip()} or None
    frontend = FRONTENDS[args.frontend]
    recorded: dict[str, object] = {}
    if args.check:
        recorded = json.loads(Path(args.check).read_text(encoding="utf-8"))
    compared = differing = 0
    by_kind: Counter[str] = Counter()
    timings = [0.0, 0.0]
    for path in python_files(args.dirs):
        if args.limit and compared >= args.limit:
            break
        text = path.read_bytes().decode("utf-8", errors="replace")
        name = str(path)
        started = time.perf_counter()
        if args.record:
            recorded[name] = encode_facts(_safe(frontend, name, text))
            timings[1] += time.perf_counter() - started
            compared += 1
            continue
        if args.check:
            if name not in recorded:
                print(f"{name}: not recorded")
                differing += 1
                continue
            old = decode_facts(recorded[name], name)
        else:
            old = _safe(FRONTENDS["libcst"], name, text)
        middle = time.perf_counter()
        new = _safe(frontend, name, text)
        timings[0] += middle - started
        timings[1] += time.perf_counter() - middle
        compared += 1
        found = differences(old, new, only)
        if not found:
            continue
        differing += 1
        kinds = sorted({f"{sign}{kind}" for sign, kind, _ in found})
        by_kind.update(kinds)
        if differing <= args.show:
            print(f"{name}: {', '.join(kinds)}")
            if not args.quiet:
                for sign, _kind, item in found[:12]:
                    print(f"  {sign} {item!r}"[:400])
    if args.record:
        Path(args.record).write_text(json.dumps(recorded, separators=(",", ":")),
                                     encoding="utf-8")
        print(f"{compared} files recorded by the {args.frontend} front end in {args.record}"
              f" ({timings[1]:.1f} s)")
        return 0
    reference = "recorded" if args.check else "libcst"
    print(f"\n{compared} files compared: {compared - differing} identical, {differing} differing"
          f" ({reference} {timings[0]:.1f} s, {args.frontend} {timings[1]:.1f} s)"
          f" on Python {sys.version.split()[0]}")
    for kind, count in by_kind.most_common():
        print(f"  {kind}: {count} files")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
