#!/usr/bin/env python3
"""Speed and memory of oinlint against the tools a user would otherwise run, in one session.

    python benchmarks/run.py [--runs 3] [--scales 0.5,1,2] [--skip-install]

1. Builds a fixed corpus under ``benchmarks/corpus/`` (git-ignored): pinned sdists of large
   pure-Python projects from PyPI (≈ 1M lines) plus the example integrations copied many
   times; ½× and 2× corpora for the linearity check.
2. Installs the peers into ``benchmarks/.venv`` (bandit, semgrep, detect-secrets, ruff) and
   uses ``rg`` (Debian's ripgrep) for the physical floor.
3. Runs every command several times, alternating, and records wall time (median) and peak
   RSS of the process tree's largest process (``ru_maxrss`` of the children).
4. Writes ``benchmarks/RESULTS.md``: medians, ratios to oinlint, RSS, machine, versions, date.

Absolute times vary between machines; the ratios, measured in the same run, are the result.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Outside any git work tree: oinlint lists directories inside one with `git ls-files`.
CORPUS = Path(os.environ.get("OINLINT_BENCH_CORPUS", "/tmp/oinlint-bench-corpus"))
VENV = HERE / ".venv"
PROJECTS = {  # pinned sdists: large, pure Python, stable
    "Django": "5.1.4",
    "sympy": "1.13.3",
}
EXAMPLE_COPIES = 200
KEYWORDS = ["okta", "ssws", "/api/v1/", "/oauth2/", "client_credentials", "00[A-Za-z0-9_-]{40}"]
SEMGREP_RULES = """
rules:
  - id: ssws-authorization-header
    languages: [python]
    severity: ERROR
    message: SSWS API token in an Authorization header
    pattern-either:
      - pattern: '{..., "Authorization": "=~/^SSWS/", ...}'
      - pattern: '{..., "Authorization": f"=~/^SSWS/", ...}'
      - pattern: '{..., "Authorization": "SSWS " + $X, ...}'
      - pattern: '$H["Authorization"] = "SSWS " + $X'
  - id: hardcoded-okta-api-token
    languages: [generic]
    severity: ERROR
    message: Okta API token
    pattern-regex: '\\b00[A-Za-z0-9_-]{40}\\b'
"""


def sh(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kwargs)  # type: ignore[call-overload,no-any-return]


def build_corpus() -> dict[str, Path]:
    downloads = HERE / ".downloads"
    downloads.mkdir(exist_ok=True)
    base = CORPUS / "1x"
    if not base.exists():
        base.mkdir(parents=True)
        for name, version in PROJECTS.items():
            sh([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                f"{name}=={version}", "-d", str(downloads)])
            archive = next(downloads.glob(f"{name.lower()}-{version}.tar.gz"), None) or next(
                downloads.glob(f"{name}-{version}.tar.gz"))
            with tarfile.open(archive) as tar:
                tar.extractall(base / name, filter="data")
        for i in range(EXAMPLE_COPIES):
            for example in ("vulnerable-integration", "clean-integration"):
                source = ROOT / "examples" / example
                if source.exists():
                    shutil.copytree(source, base / "integrations" / f"{example}-{i:03d}")
    files = sorted(p for p in base.rglob("*") if p.is_file())
    half = CORPUS / "0.5x"
    if not half.exists():
        for path in files[::2]:
            target = half / path.relative_to(base)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    double = CORPUS / "2x"
    if not double.exists():
        for copy in ("a", "b"):
            shutil.copytree(base, double / copy)
    return {"0.5x": half, "1x": base, "2x": double}


def count_lines(root: Path, suffix: str = ".py") -> tuple[int, int]:
    files = lines = 0
    for path in root.rglob(f"*{suffix}"):
        files += 1
        with path.open("rb") as handle:
            lines += sum(1 for _ in handle)
    return files, lines


def install_peers(skip: bool) -> None:
    if skip and VENV.exists():
        return
    if not VENV.exists():
        sh([sys.executable, "-m", "venv", str(VENV)])
    pip = str(VENV / "bin" / "pip")
    sh([pip, "install", "-q", "bandit", "semgrep", "detect-secrets", "ruff", "pyinstrument"])
    sh([pip, "install", "-q", "-e", str(ROOT)])
    if not shutil.which("rg"):
        subprocess.run(["apt-get", "install", "-y", "-q", "ripgrep"], check=False,
                       capture_output=True)


def measure(cmd: list[str], cwd: Path) -> tuple[float, int, int]:
    """Wall seconds, peak RSS (KiB) of the largest child, exit code — in a fresh wrapper."""
    wrapper = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter()\n"
        "rc = subprocess.run(json.loads(sys.argv[1]), stdout=subprocess.DEVNULL,"
        " stderr=subprocess.DEVNULL).returncode\n"
        "wall = time.perf_counter() - t\n"
        "print(json.dumps([wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc]))\n"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, json.dumps(cmd)], cwd=cwd,
                         capture_output=True, text=True, check=True).stdout
    wall, rss, rc = json.loads(out)
    return float(wall), int(rss), int(rc)


def tool(name: str) -> str:
    return str(VENV / "bin" / name)


def commands(corpus: Path, cache: Path) -> dict[str, list[str]]:
    rules = HERE / ".semgrep-rules.yaml"
    rules.write_text(SEMGREP_RULES)
    pattern = "|".join(KEYWORDS)
    return {
        "oinlint cold": [tool("oinlint"), "check", "--isolated", "--exit-zero", "--no-cache",
                         "--format", "concise", str(corpus)],
        "oinlint warm": [tool("oinlint"), "check", "--isolated", "--exit-zero", "--cache-dir",
                         str(cache), "--format", "concise", str(corpus)],
        "bandit -r": [tool("bandit"), "-r", "-q", "-f", "json", str(corpus)],
        "semgrep": [tool("semgrep"), "scan", "--metrics=off", "--disable-version-check",
                    "--quiet", "--config", str(rules), str(corpus)],
        # detect-secrets only scans below the working directory: run it from the corpus.
        "detect-secrets scan": [tool("detect-secrets"), "scan", "--all-files", "."],
        "ruff check --select S": [tool("ruff"), "check", "--no-cache", "--select", "S",
                                  "--exit-zero", "--quiet", str(corpus)],
        "rg -l (floor)": ["rg", "-l", "-i", "-e", pattern, str(corpus)],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-install", action="store_true")
    parser.add_argument("--only", default="", help="comma separated command names")
    args = parser.parse_args()
    install_peers(args.skip_install)
    corpora = build_corpus()
    cache = HERE / ".oinlint-cache"
    rows: dict[str, dict[str, list[tuple[float, int, int]]]] = {}
    for scale, corpus in corpora.items():
        cmds = commands(corpus, cache / scale)
        if scale != "1x":
            cmds = {k: v for k, v in cmds.items() if k.startswith("oinlint cold")}
        if args.only:
            cmds = {k: v for k, v in cmds.items() if k in args.only.split(",")}
        shutil.rmtree(cache / scale, ignore_errors=True)
        # Fill the cache once, from the same directory as the measured runs: the cache is
        # keyed by the paths as displayed, which are relative to the working directory.
        measure(cmds.get("oinlint warm", ["true"]), corpus)
        for _ in range(args.runs):
            for name, cmd in cmds.items():  # alternate tools within each round
                rows.setdefault(scale, {}).setdefault(name, []).append(measure(cmd, corpus))
    write_results(rows, corpora)
    return 0


def write_results(rows: dict[str, dict[str, list[tuple[float, int, int]]]],
                  corpora: dict[str, Path]) -> None:
    files, lines = count_lines(corpora["1x"])
    base = rows["1x"]
    cold = statistics.median(w for w, _, _ in base["oinlint cold"])
    out = [
        "# Benchmark results",
        "",
        f"Date: {dt.date.today()} · machine: {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()} · corpus 1×: {files} Python files, {lines} lines "
        f"({', '.join(f'{k} {v}' for k, v in PROJECTS.items())}, {EXAMPLE_COPIES}× examples)",
        "",
        "| command | median s | ratio to oinlint cold | peak RSS MiB | exit codes |",
        "|---|---|---|---|---|",
    ]
    for name, samples in base.items():
        median = statistics.median(w for w, _, _ in samples)
        rss = max(r for _, r, _ in samples) / 1024
        codes = sorted({rc for _, _, rc in samples})
        out.append(f"| {name} | {median:.2f} | {median / cold:.2f} | {rss:.0f} | {codes} |")
    out += ["", "Linearity (oinlint cold):", "", "| corpus | median s |", "|---|---|"]
    for scale in ("0.5x", "1x", "2x"):  # each scale once
        samples = rows.get(scale, {}).get("oinlint cold")
        if samples:
            out.append(f"| {scale} | {statistics.median(w for w, _, _ in samples):.2f} |")
    (HERE / "RESULTS.md").write_text("\n".join(out) + "\n")
    print("\n".join(out))


if __name__ == "__main__":
    raise SystemExit(main())
