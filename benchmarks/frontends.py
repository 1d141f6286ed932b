#!/usr/bin/env python3
"""Per-file cost of each source front end on real source trees fetched at benchmark time.

    python benchmarks/frontends.py [--max-files 400] [--runs 3]

Downloads (into ``benchmarks/.downloads/``, git-ignored) pinned packages from the registries the
project can reach: npm (``npm pack``), Debian (``apt-get download``) and PyPI (``pip download``
of a wheel), unpacks them and runs
``oinlint.frontends.parse`` on every source file of each language, in-process, so the numbers
are the front end's own cost (parse + walk + facts), without discovery or the prefilter. The
same files also go through the regex-level text front end for comparison. Writes
``benchmarks/FRONTENDS.md`` (rows of languages not measured in this run are kept).
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DOWNLOADS = HERE / ".downloads" / "frontends"
sys.path.insert(0, str(ROOT))

# language -> (suffixes, [(registry, package, version)])
SOURCES: dict[str, tuple[tuple[str, ...], list[tuple[str, str, str]]]] = {
    "javascript": ((".js", ".mjs", ".cjs"), [("npm", "@okta/okta-sdk-nodejs", "7.1.1"),
                                            ("npm", "axios", "1.7.9")]),
    "typescript": ((".ts",), [("npm", "@okta/okta-sdk-nodejs", "7.1.1"),
                              ("npm", "rxjs", "7.8.1")]),
    "go": ((".go",), [("deb", "golang-github-aws-aws-sdk-go-dev", ""),
                      ("deb", "golang-golang-x-oauth2-dev", "")]),
    "java": ((".java",), [("jdk-src", "openjdk-17-source", "")]),
    "csharp": ((".cs",), [("npm", "edge-js", "26.1.0")]),
    "ruby": ((".rb",), [("deb", "ruby-rack", ""), ("deb", "ruby-faraday", "")]),
    "php": ((".php",), [("deb", "php-symfony-http-client", ""),
                        ("deb", "php-guzzlehttp-guzzle", "")]),
    # dracut's modules are ~200 real POSIX/Bash scripts; the wheels carry deployment scripts.
    "shell": ((".sh", ".bash"), [("deb", "dracut-core", ""),
                                 ("pypi", "jupyter-deploy-tf-aws-ec2-base", "0.6.3")]),
    # Two wheels that ship real Terraform modules (AWS EC2 / EKS deployments), and HCL's own
    # test fixtures.
    "hcl": ((".tf", ".tfvars", ".hcl"), [("pypi", "jupyter-deploy-tf-aws-eks-oidc", "0.4.1"),
                                         ("pypi", "jupyter-deploy-tf-aws-ec2-base", "0.6.3"),
                                         ("deb", "golang-github-hashicorp-hcl-v2-dev", "")]),
}
# openjdk's src.zip is large; these packages are a realistic sample of it.
JDK_PREFIXES = ("java.base/java/net/", "java.base/java/util/", "java.net.http/")


def _run(cmd: list[str], cwd: Path) -> None:
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def fetch(registry: str, package: str, version: str) -> Path:
    """Download and unpack one package; returns the directory holding its files."""
    name = package.replace("@", "").replace("/", "-")
    target = DOWNLOADS / name
    if target.exists():
        return target
    work = DOWNLOADS / f"{name}.partial"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    if registry == "npm":
        _run(["npm", "pack", f"{package}@{version}", "--silent"], work)
        (archive,) = work.glob("*.tgz")
        with tarfile.open(archive) as tar:
            tar.extractall(work / "src", filter="data")
    elif registry == "pypi":
        _run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
              "--python-version", "3.12", f"{package}=={version}", "-d", "."], work)
        (wheel,) = work.glob("*.whl")
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(work / "src")
    else:
        _run(["apt-get", "download", package], work)
        (deb,) = work.glob("*.deb")
        _run(["dpkg-deb", "-x", deb.name, "src"], work)
        if registry == "jdk-src":
            (src_zip,) = (work / "src").rglob("src.zip")
            with zipfile.ZipFile(src_zip) as archive:
                members = [m for m in archive.namelist() if m.startswith(JDK_PREFIXES)
                           and m.endswith(".java")]
                archive.extractall(work / "jdk", members)
            shutil.rmtree(work / "src")
            (work / "jdk").rename(work / "src")
    work.rename(target)
    return target


def files_for(language: str, max_files: int) -> tuple[list[Path], list[str]]:
    suffixes, packages = SOURCES[language]
    files: list[Path] = []
    names: list[str] = []
    for registry, package, version in packages:
        root = fetch(registry, package, version)
        # Go fuzz corpora are named like sources (``*.hcl``) but hold fuzzer seeds.
        found = sorted(p for p in root.rglob("*") if p.is_file() and p.name.endswith(suffixes)
                       and "/testdata/fuzz/" not in p.as_posix())
        names.append(f"{registry}:{package}{'@' + version if version else ''} ({len(found)})")
        files.extend(found)
    return files[:max_files], names


def measure(language: str, files: list[Path], runs: int) -> dict[str, float]:
    from oinlint.frontends import parse
    from oinlint.frontends import text as text_frontend

    texts = [(str(p), p.read_text(encoding="utf-8", errors="replace")) for p in files]
    parse(*texts[0], language)  # load the grammar once (reported separately)
    per_file: list[float] = []
    text_total = 0.0
    total = 0.0
    problems = 0
    facts = 0
    for _ in range(runs):
        run_total = 0.0
        for path, text in texts:
            start = time.perf_counter()
            result = parse(path, text, language)
            elapsed = time.perf_counter() - start
            per_file.append(elapsed)
            run_total += elapsed
            problems += len(result.problems)
            facts += len(result.facts)
        total += run_total
        start = time.perf_counter()
        for path, text in texts:
            text_frontend.parse(path, text, language)
        text_total += time.perf_counter() - start
    size = sum(len(t.encode("utf-8")) for _, t in texts)
    per_file.sort()
    return {
        "files": len(texts),
        "mb": size / 1e6,
        "median_ms": statistics.median(per_file) * 1000,
        "p95_ms": per_file[int(len(per_file) * 0.95) - 1] * 1000,
        "mean_ms": total / runs / len(texts) * 1000,
        "mb_per_s": size / (total / runs) / 1e6,
        "text_mean_ms": text_total / runs / len(texts) * 1000,
        "problems": problems / runs,
        "facts": facts / runs,
    }


def _previous_rows(measured: set[str]) -> dict[str, str]:
    """Table rows of the languages this run did not measure, from the current FRONTENDS.md."""
    path = HERE / "FRONTENDS.md"
    if not path.exists():
        return {}
    rows: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if line.startswith("| ") and cells and cells[0] in SOURCES and cells[0] not in measured:
            rows[cells[0]] = line
    return rows


def grammar_load_ms(language: str) -> float:
    from oinlint.frontends.languages import SPEC_OF
    from oinlint.frontends.treesitter import grammars

    source = SPEC_OF[language].grammar
    assert source is not None, f"{language} has no tree-sitter grammar"
    grammars.reset_cache()
    start = time.perf_counter()
    grammars.grammar(source)
    return (time.perf_counter() - start) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-files", type=int, default=400)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--languages", default=",".join(SOURCES))
    args = parser.parse_args(argv)
    rows = []
    for language in args.languages.split(","):
        files, names = files_for(language, args.max_files)
        load = grammar_load_ms(language)
        result = measure(language, files, args.runs)
        rows.append((language, names, load, result))
        print(f"{language}: {result['files']} files, {result['mean_ms']:.2f} ms/file",
              flush=True)
    lines = [
        "# Front-end cost per file on real source trees",
        "",
        f"`python benchmarks/frontends.py --max-files {args.max_files} --runs {args.runs}`, "
        f"{dt.date.today().isoformat()}, Python {platform.python_version()}, "
        f"{platform.machine()}, {platform.system()}. In-process `oinlint.frontends.parse` per "
        "file (parse + one walk + facts), best of nothing: every run counted. The text front "
        "end (regex level, what these languages used before the tree-sitter front ends) runs "
        "on the same files for comparison. Grammar load = first use in the process (once).",
        "",
        "| language | source (files) | files | MB | mean ms/file | median | p95 | MB/s | "
        "text front end ms/file | grammar load ms | OIN000 problems |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    table = _previous_rows({language for language, *_ in rows})
    for language, names, load, r in rows:
        table[language] = (
            f"| {language} | {'; '.join(names)} | {r['files']:.0f} | {r['mb']:.2f} | "
            f"{r['mean_ms']:.2f} | {r['median_ms']:.2f} | {r['p95_ms']:.2f} | "
            f"{r['mb_per_s']:.2f} | {r['text_mean_ms']:.2f} | {load:.1f} | "
            f"{r['problems']:.0f} |")
    lines.extend(table[language] for language in SOURCES if language in table)
    lines.append("")
    (HERE / "FRONTENDS.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
