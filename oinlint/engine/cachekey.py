"""The facts cache's per-machine secret: what makes a cache impossible to craft offline.

A random key lives in the user's cache directory (``$XDG_CACHE_HOME/oinlint/key``, else
``~/.cache/oinlint/key``), created once with mode 0600. The cache's index name and its
HMAC are derived from it, so a ``.oinlint_cache`` committed to a repository, copied from
another machine or written by anyone who cannot read the key simply does not verify. Without a
usable key (no home, a read-only home, a key another user could read) the cache is off: a
slower run, never a trusted one.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

__all__ = ["key_path", "machine_key"]

_KEY_HEX = 64  # 32 random bytes, written as hex


def key_path() -> Path | None:
    """Where the key lives, or None when there is no home to keep it in."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative value is ignored
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):
            return None
    return Path(base) / "oinlint" / "key"


def _read(path: Path) -> bytes | None:
    """The key, if ``path`` is a private regular file of ours that holds one."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(handle, "rb") as source:
        info = os.fstat(source.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None
        if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o077):
            return None  # readable by others: anyone who can read it could forge a cache
        text = source.read(_KEY_HEX + 1)
    try:
        key = bytes.fromhex(text.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return None
    return key if len(text) == _KEY_HEX else None


def _create(path: Path) -> None:
    """Write a new key; never replaces one (another run may have just made it)."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        handle = os.open(path, flags, 0o600)
    except OSError:
        return
    with os.fdopen(handle, "wb") as out:
        out.write(secrets.token_hex(_KEY_HEX // 2).encode("ascii"))


def machine_key() -> bytes | None:
    """This user's cache key, made on first use; None when it cannot be kept safely."""
    path = key_path()
    if path is None:
        return None
    key = _read(path)
    if key is None and not os.path.lexists(path):
        _create(path)
        key = _read(path)
    return key
