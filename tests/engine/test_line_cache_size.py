"""Issue 13: the line cache reads a file that was not scanned (a project rule's or a waiver's
target) only up to ``max-file-size``, as the scan does, never a file of any size."""

from __future__ import annotations

import os
from pathlib import Path

from oinlint.engine.lines import DEFAULT_MAX_SIZE, LineCache


def test_the_line_cache_does_not_read_a_file_over_the_size_limit(tmp_path: Path) -> None:
    (tmp_path / "small.txt").write_text("one\ntwo\n", encoding="utf-8")
    (tmp_path / "large.txt").write_text("x\n" * 600, encoding="utf-8")  # 1,200 bytes
    lines = LineCache(tmp_path, max_size=1_000)
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        assert lines("small.txt") == ["one", "two"]
        assert lines("large.txt") == []
        lines.allow("named.txt", tmp_path / "large.txt")  # named by the user: still capped
        assert lines("named.txt") == []
    finally:
        os.chdir(cwd)


def test_the_line_cache_limit_defaults_to_the_default_max_file_size(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"a\n" * (DEFAULT_MAX_SIZE // 2 + 1))
    (tmp_path / "fits.txt").write_bytes(b"a\n" * (DEFAULT_MAX_SIZE // 2))
    lines = LineCache(tmp_path)
    lines.allow("big.txt", tmp_path / "big.txt")
    lines.allow("fits.txt", tmp_path / "fits.txt")
    assert lines("big.txt") == []
    assert len(lines("fits.txt")) == DEFAULT_MAX_SIZE // 2
