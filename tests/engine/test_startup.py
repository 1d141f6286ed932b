"""Start-up stays cheap: `oinlint --version` and the parser load no engine, rule or schema."""

from __future__ import annotations

import subprocess
import sys

from oinlint.cli import _arguments
from oinlint.submission.model import DEFAULT_SUBMISSION


def _loaded_by(code: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", f"{code}\nimport sys\nprint(*sys.modules)"],
                          capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_the_version_and_the_parser_load_no_engine_nor_submission_schema() -> None:
    loaded = _loaded_by("import oinlint.cli\noinlint.cli.build_parser()")
    heavy = {"oinlint.engine", "oinlint.checks", "oinlint.submission", "jsonschema", "libcst",
             "oinlint.frontends", "yaml"}
    assert not loaded & heavy, sorted(loaded & heavy)


def test_the_public_api_is_still_there_on_first_use() -> None:
    loaded = _loaded_by("import oinlint\nprint(oinlint.check, oinlint.RunResult, "
                        "oinlint.Finding, oinlint.Severity)")
    assert "oinlint.engine" in loaded


def test_the_parser_names_the_submission_file_the_loader_looks_for() -> None:
    assert _arguments.DEFAULT_SUBMISSION == DEFAULT_SUBMISSION
