"""Record every user-visible output of oinlint over the corpora, to prove a refactor changes none.

A behaviour-preserving change (a restructuring, a rename, a speed-up that must not change a
result) is checked by running this before and after into two folders and comparing them::

    python scripts/golden_outputs.py /tmp/golden-before      # on the old commit
    python scripts/golden_outputs.py /tmp/golden-after       # on the new one
    diff -r /tmp/golden-before /tmp/golden-after             # must print nothing

What it records, for each target (both examples, every corpus folder and sub-folder, and the
benchmark corpus when ``benchmarks/run.py`` has built it):

- every ``check`` format (text, concise, json, sarif, junit, github, gitlab), the text and json
  ones with ``--show-scopes --show-unresolved``, and the exit code of each;
- the facts every front end produced for every file, read back from the facts cache
  (normalised: absolute paths and stat data dropped), so a front-end change shows up even where
  no finding moves;
- for the examples: ``report`` in HTML and Markdown (``--reproducible``), ``init`` and
  ``verify --emulator`` (port, client id and times normalised);
- ``rules``, ``rules`` as JSON and ``explain`` of every rule.

Runs ``python -m oinlint`` in subprocesses with a fixed environment (no colour, no cache reuse,
one job), so the recorded bytes do not depend on the terminal or the machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from oinlint.engine.cachecodec import decode_facts

ROOT = Path(__file__).resolve().parent.parent
BENCH_CORPUS = Path(os.environ.get("OINLINT_BENCH_CORPUS", "/tmp/oinlint-bench-corpus")) / "1x"
FORMATS = ("text", "concise", "json", "sarif", "junit", "github", "gitlab")
EXAMPLES = ("vulnerable-integration", "clean-integration")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "OINLINT_")) and k not in ("SOURCE_DATE_EPOCH", "CI")}
    env.update({"NO_COLOR": "1", "PYTHONIOENCODING": "utf-8", "COLUMNS": "100",
                "PYTHONHASHSEED": "0"})
    return env


def _run(args: list[str], cwd: Path, timeout: float = 900) -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, "-m", "oinlint", *args], cwd=cwd, env=_env(),
                          capture_output=True, text=True, encoding="utf-8", errors="replace",
                          check=False, timeout=timeout)
    return done.returncode, done.stdout, done.stderr


def targets(with_bench: bool) -> Iterator[tuple[str, Path, bool]]:
    """(name, directory, is_large) for every folder whose outputs are recorded."""
    for example in EXAMPLES:
        yield f"examples-{example}", ROOT / "examples" / example, False
    corpus = ROOT / "tests" / "corpus"
    for top in sorted(p for p in corpus.iterdir() if p.is_dir()):
        yield f"corpus-{top.name}", top, False
        for sub in sorted(p for p in top.iterdir() if p.is_dir()):
            yield f"corpus-{top.name}-{sub.name}", sub, False
    if with_bench and BENCH_CORPUS.is_dir():
        yield "bench-1x", BENCH_CORPUS, True


def _readable(value: Any) -> Any:
    """Facts as ``{"__t": type, field: value}`` objects: the same text whatever compact form
    the cache keeps them in (:mod:`oinlint.engine.cachecodec`)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"__t": type(value).__name__,
                **{f.name: _readable(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, tuple | list):
        return [_readable(item) for item in value]
    return value


def _facts_from_cache(cache_dir: Path) -> str:
    """The facts of every file, keyed by displayed path, from the cache the run wrote."""
    out: dict[str, Any] = {}
    for index in sorted(cache_dir.glob("facts-*.json")):
        entries = json.loads(index.read_text(encoding="utf-8"))["files"]
        for entry in entries.values():  # [mtime, size, digest, warning, display, facts, …]
            digest, warning, display, data = entry[2:6]
            facts = None if data is None else _readable(decode_facts(data, display))
            out[display] = {"digest": digest, "warning": warning, "facts": facts}
    return json.dumps(dict(sorted(out.items())), indent=1, sort_keys=True) + "\n"


def record_target(name: str, directory: Path, large: bool, out: Path) -> list[str]:
    """Write the outputs of one target; return the names written."""
    written: list[str] = []
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    common = ["--isolated", "--no-color", *(() if large else ("--jobs", "1"))]
    formats = FORMATS if not large else ("json", "sarif")
    with tempfile.TemporaryDirectory() as cache:
        for index, fmt in enumerate(formats):
            extra = ["--show-scopes", "--show-unresolved"] if fmt in ("text", "json") else []
            # The first run fills a cache so that the facts can be recorded; the others do not
            # read it, so every format is a cold run.
            cache_args = ["--cache-dir", cache] if index == 0 else ["--no-cache"]
            code, stdout, stderr = _run(["check", ".", "--format", fmt, *common, *cache_args,
                                         *extra], directory)
            (folder / f"check.{fmt}").write_text(
                _normalise_durations(f"exit {code}\n{stdout}\n--- stderr\n{stderr}"),
                encoding="utf-8")
            written.append(f"check.{fmt}")
        (folder / "facts.json").write_text(_facts_from_cache(Path(cache)), encoding="utf-8")
        written.append("facts.json")
    if name.startswith("examples-"):
        for fmt in ("html", "markdown"):
            code, stdout, stderr = _run(["report", "--format", fmt, "--reproducible",
                                         "--no-cache", "--isolated", "--quiet"], directory)
            (folder / f"report.{fmt}").write_text(f"exit {code}\n{stdout}\n--- stderr\n{stderr}",
                                                  encoding="utf-8")
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / "project"
            shutil.copytree(directory, copy, ignore=shutil.ignore_patterns("oin-submission.yaml"))
            code, stdout, stderr = _run(["init", "--isolated", "-o", "-"], copy)
            (folder / "init").write_text(f"exit {code}\n{stdout}\n--- stderr\n{stderr}",
                                         encoding="utf-8")
        code, stdout, stderr = _run(["verify", "--emulator", "--submission", "oin-submission.yaml",
                                     "--format", "json"], directory)
        (folder / "verify.json").write_text(f"exit {code}\n{_normalise_verify(stdout)}\n"
                                            f"--- stderr\n{_normalise_text(stderr)}",
                                            encoding="utf-8")
        code, stdout, stderr = _run(["verify", "--emulator", "--submission", "oin-submission.yaml"],
                                    directory)
        (folder / "verify.text").write_text(f"exit {code}\n{_normalise_text(stdout)}\n"
                                            f"--- stderr\n{_normalise_text(stderr)}",
                                            encoding="utf-8")
        written += ["report.html", "report.markdown", "init", "verify.json", "verify.text"]
    return written


_DURATIONS = [
    (re.compile(r'"(duration_seconds|elapsed_ms)": [0-9.e-]+'), r'"\1": T'),
    (re.compile(r'\btime="[0-9.]+"'), 'time="T"'),
    (re.compile(r"\btime(\s+)[0-9.]+ s\b"), r"time\1T s"),
]


def _normalise_durations(text: str) -> str:
    """Wall-clock durations are the one part of a check's output that differs run to run."""
    for pattern, replacement in _DURATIONS:
        text = pattern.sub(replacement, text)
    return text


_VOLATILE = [
    (re.compile(r"127\.0\.0\.1:\d+"), "127.0.0.1:PORT"),
    (re.compile(r"0oa[A-Za-z0-9]{17}"), "0oaCLIENTID"),
    (re.compile(r"\d+(\.\d+)? ?(ms|s)\b"), "T"),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?"), "TIME"),
]


def _normalise_text(text: str) -> str:
    for pattern, replacement in _VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def _normalise_verify(stdout: str) -> str:
    try:
        data = json.loads(stdout)
    except ValueError:
        return _normalise_text(stdout)
    return _normalise_durations(_normalise_text(json.dumps(data, indent=1, sort_keys=True)))


def record_catalogue(out: Path) -> None:
    folder = out / "catalogue"
    folder.mkdir(parents=True, exist_ok=True)
    _, listing, _ = _run(["rules"], ROOT)
    (folder / "rules.text").write_text(listing, encoding="utf-8")
    code, as_json, _ = _run(["rules", "--format", "json"], ROOT)
    (folder / "rules.json").write_text(f"exit {code}\n{as_json}", encoding="utf-8")
    codes = sorted({p.name.split("-")[0] for p in (ROOT / "rules").glob("OIN*.yaml")})
    for code_ in codes:
        _, text, err = _run(["explain", code_], ROOT)
        (folder / f"explain.{code_}").write_text(text + err, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (emptied first)")
    parser.add_argument("--no-bench", action="store_true", help="skip the benchmark corpus")
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    record_catalogue(args.out)
    jobs = list(targets(not args.no_bench))
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = list(pool.map(lambda t: (t[0], record_target(*t, args.out)), jobs))
    for name, files in done:
        print(f"{name}: {len(files)} outputs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
