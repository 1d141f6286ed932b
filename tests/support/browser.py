"""Headless Chromium for the report tests and ``scripts/screenshot_report.py``.

``find_chromium`` looks for Debian's ``chromium`` (``.ci/run`` installs it); it never installs
anything. Without it the tests skip with the reason, except under CI, where they fail.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--mute-audio")


def _which() -> str | None:
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def find_chromium() -> tuple[str | None, str]:
    """The browser's path, or None and why not. Tests never install system packages:
    ``.ci/run`` installs chromium on CI, and under CI (``CI`` set) a missing browser is an
    error the caller must raise, not a reason to skip."""
    found = _which()
    if found:
        return found, ""
    return None, ("chromium not found: install Debian's `chromium` package (`.ci/run` does) "
                  "to run the browser tests")


def required() -> bool:
    """Whether a missing browser must fail the run (CI) rather than skip (a laptop)."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def _run(browser: str, args: list[str], url: str, timeout: float = 120) -> str:
    with tempfile.TemporaryDirectory(prefix="oinlint-chromium-") as profile:
        done = subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", *args, url],
                              capture_output=True, text=True, timeout=timeout, check=False,
                              env={**os.environ, "HOME": profile})
    if done.returncode != 0:
        raise RuntimeError(f"chromium failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def dump_dom(browser: str, page: Path) -> str:
    """The DOM after the page loaded (and after any script had its chance to run)."""
    return _run(browser, ["--dump-dom", "--virtual-time-budget=2000"], page.resolve().as_uri())


def screenshot(browser: str, page: Path, png: Path, size: str = "1280,2400") -> None:
    _run(browser, [f"--screenshot={png.resolve()}", f"--window-size={size}",
                   "--hide-scrollbars"], page.resolve().as_uri())


def png_pixels(png: Path) -> tuple[int, int, bytes]:
    """Width, height and the raw (filtered) scanlines of a PNG: enough to tell a blank page
    from a rendered one without an imaging library."""
    data = png.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    width = height = 0
    idat = b""
    offset = 8
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8: offset + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    return width, height, zlib.decompress(idat)
