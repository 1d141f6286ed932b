"""Reading a file safely: size limit, binary detection, encodings, unreadable paths.

Bad input never stops a run: each problem becomes one line of text in ``Source.warning`` and
the file is either skipped (``text`` is None) or read as well as it can be.
"""

from __future__ import annotations

import codecs
import errno
import re
import stat
from dataclasses import dataclass

from oinlint.engine.discovery import Candidate

__all__ = ["Source", "read_source"]

_CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Source:
    data: bytes
    text: str | None
    warning: str | None = None
    mtime_ns: int = 0  # from the stat that read_source makes anyway
    size: int = 0


def _declared_encoding(data: bytes) -> str | None:
    """A PEP 263 coding cookie on one of the first two lines."""
    head = b"\n".join(data.split(b"\n", 2)[:2])
    match = _CODING.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def read_source(candidate: Candidate, max_size: int) -> Source:
    try:
        info = candidate.path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Source(b"", None, "symbolic link loop; skipped")
        return Source(b"", None, f"cannot read ({exc.strerror or exc}); skipped")
    if not stat.S_ISREG(info.st_mode):
        return Source(b"", None, "not a regular file; skipped")
    if info.st_size > max_size:
        return Source(b"", None, f"larger than {max_size} bytes (max-file-size); skipped")
    try:
        data = candidate.path.read_bytes()
    except OSError as exc:
        return Source(b"", None, f"cannot read ({exc.strerror or exc}); skipped")
    mtime_ns, size = info.st_mtime_ns, info.st_size
    if b"\x00" in data[:8192]:
        return Source(data, None, "binary file; skipped", mtime_ns, size)
    try:
        return Source(data, data.decode("utf-8-sig"), None, mtime_ns, size)
    except UnicodeDecodeError as exc:
        declared = _declared_encoding(data)
        if declared:
            try:
                return Source(data, data.decode(declared), None, mtime_ns, size)
            except (UnicodeDecodeError, LookupError):
                pass
        text = data.decode("utf-8", errors="replace")
        return Source(
            data, text, f"not valid UTF-8 (byte {exc.start}); read with replacement characters",
            mtime_ns, size,
        )
