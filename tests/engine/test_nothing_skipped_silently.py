"""Text in UTF-16 or UTF-32 is read; whatever is skipped is said, with why.

PowerShell writes ``.env`` files in UTF-16 with a byte order mark: their NUL bytes used to make
them "binary" and skipped without a word, and so were submodules and unreadable folders.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from fakes import api_token, clean_env
from trees import write_tree

from oinlint.config import Settings
from oinlint.engine import check
from oinlint.engine.discovery import SUBMODULE, discover
from oinlint.engine.sources import NUL_IN_TEXT


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_a_dotenv_file_in_utf16_or_utf32_with_a_bom_is_read(
    tmp_path: Path, encoding: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = api_token()
    bom = {"utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}.get(encoding, b"")
    (tmp_path / ".env").write_bytes(bom + f"OKTA_API_TOKEN={token}\r\n".encode(encoding))
    monkeypatch.chdir(tmp_path)
    result = check(["."], Settings(root=tmp_path))
    assert result.warnings == []
    found = [(f.code, f.span.path, f.span.line, f.span.column) for f in result.findings
             if f.code == "OIN103"]
    assert found == [("OIN103", ".env", 1, 16)]


def test_a_utf16_file_that_is_not_valid_utf16_is_read_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "okta.env").write_bytes(b"\xff\xfe" + "OKTA=1\n".encode("utf-16-le") + b"\x00\xd8")
    monkeypatch.chdir(tmp_path)
    result = check(["."], Settings(root=tmp_path))
    assert result.warnings == [
        "okta.env: not valid UTF-16 (byte 16); read with replacement characters"]
    assert result.scanned == ["okta.env"]


def test_a_file_with_a_nul_byte_met_while_walking_is_skipped_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = api_token()
    (tmp_path / "okta.env").write_bytes(f"OKTA_API_TOKEN={token}\n\x00\n".encode())
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "shapes.dbf").write_bytes(b"\x03\x7d\x01\x01\x00\x00")
    (tmp_path / "config.json").write_bytes(b"\x1f\x8b\x08\x00\x00\x00")  # gzip, misnamed
    monkeypatch.chdir(tmp_path)
    result = check(["."], Settings(root=tmp_path))
    assert result.warnings == [f"okta.env: {NUL_IN_TEXT}"]  # images and data: expected
    assert sorted(result.skipped) == [("config.json", "binary file; skipped"),
                                      ("logo.png", "binary file; skipped"),
                                      ("okta.env", NUL_IN_TEXT),
                                      ("shapes.dbf", "binary file; skipped")]


def test_a_submodule_or_nested_repository_is_named_in_a_warning(tmp_path: Path) -> None:
    env = clean_env()
    project = write_tree(tmp_path, {"app.py": "x = 1\n", "sub/okta.env": "A=1\n",
                                    "nested/okta.env": "B=1\n"})
    for repository in (project / "sub", project / "nested", project):
        subprocess.run(["git", "init", "-q", str(repository)], check=True, env=env)
    git = ["git", "-C", str(project / "sub"), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "add", "okta.env"], check=True, env=env)
    subprocess.run([*git, "commit", "-qm", "x"], check=True, env=env)
    subprocess.run(["git", "-C", str(project), "add", "sub", "app.py"], check=True, env=env,
                   capture_output=True)  # "sub" becomes a gitlink, as a submodule is
    found, warnings = discover(["."], project, [], cwd=project)
    assert [c.display for c in found] == ["app.py"]
    assert sorted(warnings) == [f"nested: {SUBMODULE}", f"sub: {SUBMODULE}"]


def test_an_unreadable_folder_met_while_walking_is_named_in_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = write_tree(tmp_path, {"app.py": "x = 1\n", "private/okta.env": "A=1\n"})
    private = str(project / "private")
    if os.geteuid() == 0:  # root reads a folder whatever its mode: refuse it the way the OS would
        real_scandir = os.scandir

        def refusing(path: str) -> object:
            if str(path) == private:
                raise PermissionError(13, "Permission denied", path)
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", refusing)
    else:
        os.chmod(private, 0)
    try:
        found, warnings = discover(["."], project, [], cwd=project, respect_gitignore=False)
    finally:
        os.chmod(private, 0o755)
    assert [c.display for c in found] == ["app.py"]
    assert warnings == ["private: cannot read this folder (Permission denied); skipped"]
