"""How many of oinlint's findings on whole multi-purpose code bases are about Okta (issue 15).

The code bases are released packages where Okta is one connector among many, listed in
``tests/corpus/multipurpose/manifest.yaml``. Each is fetched with its registry's ordinary client
(``pip download`` for PyPI sdists, ``npm pack`` for npm) when missing and unpacked under the
manifest's ``root`` (``--root`` or ``$OINLINT_MULTIPURPOSE`` override it), never inside the
repository. oinlint then checks each package root as a user would (``oinlint check --isolated
--format json`` run in that root, and without ``--isolated`` when the package carries oinlint
configuration) and the findings are printed per package and code.

With the hand review in ``tests/corpus/multipurpose/REVIEW.md`` (rows ``| package | path:line |
code | verdict | reason |``), each finding is matched to its verdict and the Okta share is printed:
``okta`` findings over all findings; findings with no verdict are listed as unreviewed.

    python scripts/score_multipurpose.py [--root DIR] [--json out.json] [--offline]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "multipurpose"
REVIEW_ROW = re.compile(r"^\|\s*(?P<package>[^|]+?)\s*\|\s*`?(?P<path>[^|`]+?):(?P<line>\d+)`?\s*\|"
                        r"\s*(?P<code>OIN\d{3})\s*\|\s*(?P<verdict>[^|]+?)\s*\|")
VERDICTS = ("okta", "not-okta", "test-or-docs")


@dataclass(frozen=True)
class Package:
    """One released package of the manifest."""

    name: str
    version: str
    registry: str

    @property
    def folder(self) -> str:
        """The unpacked folder's name: the registry's archive name without its suffix."""
        base = self.name.lstrip("@").replace("/", "-")
        if self.registry == "pypi":
            base = base.replace("-", "_")
        return f"{base}-{self.version}"


def load_manifest() -> tuple[Path, list[Package]]:
    """The manifest's root folder and its packages."""
    data = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))
    packages = [Package(str(p["name"]), str(p["version"]), str(p["registry"]))
                for p in data["packages"]]
    return Path(str(data["root"])), packages


def fetch(package: Package, root: Path) -> Path:
    """Download and unpack ``package`` under ``root`` unless it is already there."""
    target = root / package.folder
    if target.is_dir():
        return target
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        if package.registry == "pypi":
            command = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                       "-d", tmp, f"{package.name}=={package.version}"]
        elif package.registry == "npm":
            command = ["npm", "pack", "--pack-destination", tmp,
                       f"{package.name}@{package.version}"]
        else:
            raise SystemExit(f"score_multipurpose: unknown registry {package.registry!r}")
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        archives = [p for p in Path(tmp).iterdir() if p.name.endswith((".tar.gz", ".tgz"))]
        if len(archives) != 1:
            raise SystemExit(f"score_multipurpose: expected one archive for {package.name}")
        target.mkdir()
        with tarfile.open(archives[0]) as archive:
            for member in archive.getmembers():
                parts = Path(member.name).parts[1:]
                if not parts or ".." in parts or not (member.isfile() or member.isdir()):
                    continue
                member.name = str(Path(*parts))
                archive.extract(member, target, filter="data")
    return target


def has_configuration(folder: Path) -> bool:
    """Whether the package carries oinlint configuration a user's run would read."""
    if (folder / "oinlint.toml").is_file() or (folder / ".oinlint.toml").is_file():
        return True
    pyproject = folder / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8", errors="replace") if pyproject.is_file() else ""
    return "[tool.oinlint" in text


def run_oinlint(folder: Path, isolated: bool) -> list[dict[str, object]]:
    """oinlint's JSON findings for the package root, run in that root as a user would."""
    command = [sys.executable, "-m", "oinlint", "check", "--format", "json", "--exit-zero",
               "--no-cache", "."]
    if isolated:
        command.insert(command.index("check") + 1, "--isolated")
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        problem = done.stderr.strip()[:300]
        raise SystemExit(f"score_multipurpose: oinlint failed on {folder.name}: {problem}")
    findings: list[dict[str, object]] = json.loads(done.stdout)["findings"]
    return findings


def load_review() -> dict[tuple[str, str, int, str], str]:
    """The verdict of each reviewed finding, keyed by package, path, line and code."""
    review = CORPUS / "REVIEW.md"
    verdicts: dict[tuple[str, str, int, str], str] = {}
    if not review.is_file():
        return verdicts
    for line in review.read_text(encoding="utf-8").splitlines():
        match = REVIEW_ROW.match(line)
        if match and match["verdict"] in VERDICTS:
            key = (match["package"], match["path"], int(match["line"]), match["code"])
            verdicts[key] = match["verdict"]
    return verdicts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, help="where the packages are unpacked")
    parser.add_argument("--json", type=Path, help="write every finding with its verdict here")
    parser.add_argument("--offline", action="store_true",
                        help="never download: skip missing packages")
    args = parser.parse_args(argv)
    manifest_root, packages = load_manifest()
    root = args.root or Path(os.environ.get("OINLINT_MULTIPURPOSE", manifest_root))
    verdicts = load_review()
    record: list[dict[str, object]] = []
    shares: Counter[str] = Counter()
    unreviewed: list[str] = []
    for package in packages:
        if args.offline and not (root / package.folder).is_dir():
            print(f"{package.name}: missing (offline)")
            continue
        folder = fetch(package, root)
        runs = [True, False] if has_configuration(folder) else [True]
        for isolated in runs:
            findings = run_oinlint(folder, isolated)
            label = "" if isolated else " (with its configuration)"
            per_code = Counter(str(f["code"]) for f in findings)
            summary = ", ".join(f"{code} {n}" for code, n in sorted(per_code.items())) or "none"
            print(f"{package.name} {package.version}{label}: {len(findings)} findings: {summary}")
            if not isolated:
                continue
            for finding in findings:
                key = (package.name, str(finding["path"]), int(str(finding["line"])),
                       str(finding["code"]))
                verdict = verdicts.get(key, "unreviewed")
                shares[verdict] += 1
                if verdict == "unreviewed":
                    unreviewed.append(f"  {package.name} | {key[1]}:{key[2]} | {key[3]} | "
                                      f"{finding['message']}")
                record.append({"package": package.name, "verdict": verdict, **finding})
    total = sum(shares.values())
    print(f"total: {total} findings: " + ", ".join(f"{v} {n}" for v, n in sorted(shares.items())))
    if total:
        print(f"okta share: {shares['okta'] / total:.2f} ({shares['okta']} of {total})")
    if unreviewed:
        print("unreviewed:")
        print("\n".join(unreviewed))
    if args.json:
        args.json.write_text(json.dumps(record, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
