"""The audit report's settings table names ``test-paths`` in one row and lists only the user's
own per-file-ignores, instead of 21 default test-path entries the user never wrote."""

from __future__ import annotations

from pathlib import Path

from oinlint.config import load_settings
from oinlint.engine import check
from oinlint.report.audit import render_audit
from oinlint.rules.catalogue import load_catalogue

CODE = 'import os\nTOKEN = os.environ["OKTA_CLIENT_SECRET"]\n'


def _markdown(root: Path) -> str:
    (root / "app.py").write_text(CODE, encoding="utf-8")
    settings = load_settings(load_catalogue(), cwd=root, config=None)
    catalogue = load_catalogue()
    page = render_audit("markdown", check([str(root)], settings), catalogue, reproducible=True)
    return page.replace("\\", "")  # Markdown escapes: compare the text as it reads


def test_default_test_paths_are_one_row_and_not_per_file_ignores(tmp_path: Path) -> None:
    page = _markdown(tmp_path)
    assert "| test-paths | the defaults (tests, fixtures, mocks, docs)" in page
    assert "per-file-ignores" not in page


def test_the_users_own_per_file_ignores_are_listed_alone(tmp_path: Path) -> None:
    (tmp_path / "oinlint.toml").write_text(
        'test-paths = ["qa/**"]\nper-file-ignores = { "scripts/**" = ["OIN104"] }\n',
        encoding="utf-8")
    page = _markdown(tmp_path)
    assert "| test-paths | qa/** |" in page
    row = next(line for line in page.splitlines() if line.startswith("| per-file-ignores"))
    assert "scripts/**: OIN104" in row
    assert "qa/" not in row
