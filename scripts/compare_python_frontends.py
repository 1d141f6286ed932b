"""Facts golden for the Python front end: record every file's facts, check a change keeps them.

The Python front end's facts (every fact with its spans, every comment, every parse problem)
are what every rule reads. A change to the front end that must not change them (a speed-up, a
port to another parser, another Python) is proved by recording them before and checking after::

    python scripts/compare_python_frontends.py --record /tmp/facts-before tests
    # ... the change ...
    python scripts/compare_python_frontends.py --check /tmp/facts-before tests

``--record DIR`` stores the facts of each ``.py`` file under the folders given as one JSON file
in ``DIR`` (``DIR/<absolute path>.json``: each fact, comment and problem as its type and its
``repr``, which names every field: no codec to keep in step); ``--check DIR`` parses
them again and prints the first ``--show`` differing files with what differs (``-`` only the
recording has it, ``+`` only the front end now), then a summary: files compared, identical,
differing, and the differing facts by type. Exit status 1 when a file differs or was not
recorded. ``--only`` restricts the check to some fact types (``--only AuthHeader,comments``).
The text is read as the engine reads it (UTF-8, a byte order mark dropped, invalid bytes
replaced). The libcst front end was retired with this tool: its facts, recorded on Python
3.11, checked identical on the ``ast`` one on 3.11, 3.12 and 3.13 over tests/, the real-world
files, the Okta-heavy benchmark corpus, Django and sympy.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from oinlint.facts import FileFacts, ParseProblem, Span
from oinlint.frontends import python as python_frontend


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


def recorded_items(facts: FileFacts) -> list[tuple[str, str]]:
    """(kind, repr) of every fact, comment and problem: what a recording keeps."""
    return [(kind, repr(item)) for kind, item in _items(facts, None)]


def differences(before: list[tuple[str, str]], after: list[tuple[str, str]],
                only: set[str] | None) -> list[tuple[str, str, str]]:
    """('-' or '+', kind, item) for what one side found and the other did not (as multisets),
    or ('~', 'order', ...) when the same items come in another order."""
    if only is not None:
        before = [(k, v) for k, v in before if k in only]
        after = [(k, v) for k, v in after if k in only]
    if before == after:
        return []
    found: list[tuple[str, str, str]] = []
    for sign, mine, theirs in (("-", before, after), ("+", after, before)):
        left = Counter(mine)
        left.subtract(Counter(theirs))
        for pair in mine:
            if left[pair] > 0:
                left[pair] -= 1
                found.append((sign, *pair))
    if not found:
        found.append(("~", "order", "same facts in another order"))
    return found


def parse(path: str, text: str) -> FileFacts:
    """The front end's facts; a crash is a difference to report, not the end of the run."""
    try:
        return python_frontend.parse(path, text, "python")
    except Exception as exc:
        return FileFacts(path, "python", problems=(
            ParseProblem(Span(path, 1, 1, 1, 1), f"CRASH {type(exc).__name__}: {exc}"),))


def record_path(folder: Path, source: Path) -> Path:
    """Where the facts of ``source`` are kept in a recording."""
    return folder / (str(source.resolve()).lstrip("/") + ".json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="+", help="folders (or files) holding .py files")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--record", metavar="DIR", help="write each file's facts as JSON in DIR")
    mode.add_argument("--check", metavar="DIR", help="compare with the facts recorded in DIR")
    parser.add_argument("--limit", type=int, default=0, help="at most N files")
    parser.add_argument("--show", type=int, default=10, help="print the first K differing files")
    parser.add_argument("--only", default="", help="comma-separated fact types to compare")
    parser.add_argument("--quiet", action="store_true", help="no per-item lines, names only")
    args = parser.parse_args(argv)
    only = {k.strip() for k in args.only.split(",") if k.strip()} or None
    folder = Path(args.record or args.check)
    compared = differing = 0
    by_kind: Counter[str] = Counter()
    spent = 0.0
    for path in python_files(args.dirs):
        if args.limit and compared >= args.limit:
            break
        text = path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
        name = str(path)
        started = time.perf_counter()
        facts = parse(name, text)
        spent += time.perf_counter() - started
        compared += 1
        stored = record_path(folder, path)
        if args.record:
            stored.parent.mkdir(parents=True, exist_ok=True)
            stored.write_text(json.dumps(recorded_items(facts), indent=0), encoding="utf-8")
            continue
        if not stored.is_file():
            differing += 1
            by_kind["not recorded"] += 1
            if differing <= args.show:
                print(f"{name}: not recorded")
            continue
        try:
            recorded = [(str(k), str(v)) for k, v in json.loads(stored.read_text("utf-8"))]
        except (ValueError, TypeError) as exc:
            print(f"{stored}: not a recording of this tool ({exc})", file=sys.stderr)
            return 2
        found = differences(recorded, recorded_items(facts), only)
        if not found:
            continue
        differing += 1
        kinds = sorted({f"{sign}{kind}" for sign, kind, _ in found})
        by_kind.update(kinds)
        if differing <= args.show:
            print(f"{name}: {', '.join(kinds)}")
            if not args.quiet:
                for sign, _kind, item in found[:12]:
                    print(f"  {sign} {item}"[:400])
    version = sys.version.split()[0]
    if args.record:
        print(f"{compared} files recorded in {folder} ({spent:.1f} s, Python {version})")
        return 0
    print(f"\n{compared} files checked: {compared - differing} identical, {differing} differing"
          f" ({spent:.1f} s, Python {version})")
    for kind, count in by_kind.most_common():
        print(f"  {kind}: {count} files")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
