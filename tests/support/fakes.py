"""Secrets made up at test time, so that no real-looking credential is ever committed.

Each call gives a fresh random value with the shape oinlint looks for and enough entropy to
pass its placeholder filters; a test that checks for leaks then searches for this exact value.
"""

from __future__ import annotations

import os
import secrets
import string
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from oinlint.credentials import is_placeholder, shannon_entropy

TOKEN_ALPHABET = string.ascii_letters + string.digits + "_-"
SECRET_ALPHABET = string.ascii_letters + string.digits + "_-"


def _random(alphabet: str, length: int) -> str:
    while True:
        value = "".join(secrets.choice(alphabet) for _ in range(length))
        if (len(set(value)) >= 20 and shannon_entropy(value) >= 4.0
                and not is_placeholder(value) and value[0].isalnum() and value[-1].isalnum()):
            return value


def api_token() -> str:
    """An Okta API token shape: ``00`` + 40 characters of ``[A-Za-z0-9_-]``."""
    return "00" + _random(TOKEN_ALPHABET, 40)


def client_secret() -> str:
    """An Okta client secret shape: 40 characters of ``[A-Za-z0-9_-]`` (never API-token-like)."""
    while True:
        value = _random(SECRET_ALPHABET, 40)
        if not value.startswith("00"):
            return value


def clean_env() -> dict[str, str]:
    """The environment without git's hook variables (``GIT_DIR`` & co. would point git at the
    wrong repository when the suite runs inside a git hook) and without oinlint's own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "OINLINT_"))}
    env.update({"NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"})
    return env


def run_oinlint(
    args: Sequence[str], cwd: Path, *, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``python -m oinlint ARGS`` in ``cwd``, as a user would run it (text mode, UTF-8)."""
    return subprocess.run(
        [sys.executable, "-m", "oinlint", *args],
        cwd=cwd, env=clean_env(), capture_output=True, text=True, encoding="utf-8",
        errors="replace", timeout=timeout, check=False,
    )
