"""The wheel must carry the rule catalogue and work outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        check=True, capture_output=True,
    )
    return next(out.glob("oinlint-*.whl"))


@pytest.mark.slow
def test_wheel_ships_rules_and_entry_point(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n for n in names if n.startswith("oinlint/_catalogue/") and n.endswith(".yaml")}
    assert {f"oinlint/_catalogue/{p.name}" for p in (ROOT / "rules").glob("OIN*.yaml")} == shipped
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "oinlint = oinlint.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "oinlint/py.typed" in names


@pytest.mark.slow
def test_installed_wheel_runs_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    work = tmp_path / "project"
    work.mkdir()
    token = "00" + "FAKEoinlintPACKAGINGtest_0123456789-abcX"
    (work / "settings.py").write_text(f'OKTA_TOKEN = "{token}"\n')
    env = {**os.environ, "PYTHONPATH": str(target)}
    probe = subprocess.run(
        [sys.executable, "-c",
         "import oinlint, oinlint.rules.catalogue as c\n"
         "print(oinlint.__file__); print(c.catalogue_dir())"],
        cwd=work, env=env, capture_output=True, text=True, check=True,
    )
    module_file, catalogue = probe.stdout.split()
    assert module_file.startswith(str(target))
    assert catalogue == str(target / "oinlint" / "_catalogue")
    run = subprocess.run([sys.executable, "-m", "oinlint", "check", "--format", "concise", "."],
                         cwd=work, env=env, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    assert "settings.py:1:15: OIN103" in run.stdout
