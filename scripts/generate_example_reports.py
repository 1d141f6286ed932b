"""Regenerate the example audit reports under ``docs/examples/`` (and check they are current).

For each of ``examples/vulnerable-integration`` and ``examples/clean-integration`` this writes
``docs/examples/<name>.html`` and ``<name>.md`` with ``oinlint report --reproducible`` run from
the example's directory (so paths are relative and no date or duration appears), fed with the
live-check result ``docs/examples/<name>.verify.json``.

That verify result comes from ``oinlint verify --emulator``; the emulator listens on a random
port and mints a random client id, so the script normalises those fields (and the times) when
it (re)creates the file with ``--refresh-verify`` (or when the file is missing). Everything
else is exactly what verify wrote.

    python scripts/generate_example_reports.py                   # rewrite the reports
    python scripts/generate_example_reports.py --check           # exit 1 if any is stale
    python scripts/generate_example_reports.py --refresh-verify  # also re-run verify
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "examples"
EXAMPLES = ("vulnerable-integration", "clean-integration")
FORMATS = {"html": "html", "markdown": "md"}
EMULATOR_HOST = "127.0.0.1"
EXAMPLE_CLIENT_ID = "0oaEXAMPLEemulator01"
EXAMPLE_TIME = "2026-01-01T00:00:00Z"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "OINLINT_")) and k != "SOURCE_DATE_EPOCH"}
    env.update({"NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"})
    return env


def _oinlint(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "oinlint", *args], cwd=cwd, env=_env(),
                          capture_output=True, text=True, encoding="utf-8", check=False,
                          timeout=300)


def normalise_verify(data: dict[str, Any]) -> dict[str, Any]:
    """Fixed values for what changes on every emulator run: port, client id, times."""
    org = data.get("org", {})
    org.update({"url": f"http://{EMULATOR_HOST}", "host": EMULATOR_HOST,
                "issuer": f"http://{EMULATOR_HOST}",
                "token_endpoint": f"http://{EMULATOR_HOST}/oauth2/v1/token"})
    data.get("client", {})["client_id"] = EXAMPLE_CLIENT_ID
    data["started_at"] = EXAMPLE_TIME
    data["duration_seconds"] = 0.0
    for request in data.get("requests", []):
        request["elapsed_ms"] = 0.0
    return data


def refresh_verify(name: str) -> Path:
    """Run ``oinlint verify --emulator`` for an example and store the normalised JSON."""
    example = ROOT / "examples" / name
    done = _oinlint(["verify", "--emulator", "--submission", "oin-submission.yaml",
                     "--format", "json"], example)
    if done.returncode not in (0, 1):
        raise SystemExit(f"verify for {name} failed ({done.returncode}): {done.stderr}")
    target = OUT / f"{name}.verify.json"
    data = normalise_verify(json.loads(done.stdout))
    target.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def render(name: str, fmt: str) -> str:
    """The report text for one example and format, as committed."""
    verify = OUT / f"{name}.verify.json"
    done = _oinlint(["report", "--format", fmt, "--reproducible", "--no-cache", "--quiet",
                     "--verify-result", str(verify), "."], ROOT / "examples" / name)
    if done.returncode != 0:
        raise SystemExit(f"report for {name} ({fmt}) failed: {done.stderr}")
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--refresh-verify", action="store_true",
                        help="re-run verify against the emulator first")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    stale: list[str] = []
    for name in EXAMPLES:
        if args.refresh_verify or not (OUT / f"{name}.verify.json").exists():
            if args.check:
                stale.append(f"{name}.verify.json (missing)")
                continue
            refresh_verify(name)
        for fmt, suffix in FORMATS.items():
            target = OUT / f"{name}.{suffix}"
            text = render(name, fmt)
            if args.check:
                current = target.read_text(encoding="utf-8") if target.exists() else None
                if current != text:
                    stale.append(target.relative_to(ROOT).as_posix())
            else:
                target.write_text(text, encoding="utf-8")
    if stale:
        print("stale example reports (run scripts/generate_example_reports.py):\n  "
              + "\n  ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
