"""Reading a file safely: size limit, binary detection, encodings, unreadable paths.

Bad input never stops a run: each problem becomes one line of text in ``Source.warning`` and
the file is either skipped (``text`` is None) or read as well as it can be. Text with a UTF-16
or UTF-32 byte order mark (how PowerShell writes ``.env`` files) is decoded, not taken for
binary; a file with a NUL byte is skipped, with a warning when its name says it is text.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from dataclasses import dataclass

from oinlint.engine.discovery import Candidate
from oinlint.engine.stamps import Stamp, now_ns, stamp_of
from oinlint.frontends.languages import detect_language

__all__ = ["Source", "read_source"]

_CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.MULTILINE)


# Longest first: the UTF-32 little-endian mark starts with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
# Formats that are binary by nature, whatever the file is called.
_BINARY_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b",
    b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe",
    b"MZ", b"%PDF", b"\x00asm", b"SQLite format 3\x00", b"BZh", b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c", b"Rar!", b"wOFF", b"wOF2", b"\x00\x01\x00\x00\x00", b"OTTO",
    b"RIFF", b"\x00\x00\x01\x00", b"II*\x00", b"MM\x00*",
)
# Names of text files that have no front end of their own but may hold a credential.
_TEXT_SUFFIXES = frozenset((".txt", ".ps1", ".psm1", ".psd1", ".bat", ".cmd", ".xml",
                            ".config", ".sql", ".csv", ".tsv"))
NUL_IN_TEXT = ("a NUL byte in the first 8 KB of a file named like text, and no UTF-16 or "
               "UTF-32 byte order mark: read as binary; skipped")


@dataclass(frozen=True, slots=True)
class Source:
    """A file's bytes and text. ``searchable`` is what the prefilter looks at: the bytes, or
    the text as UTF-8 when the file was UTF-16 or UTF-32. ``quiet`` marks a binary file whose
    name does not say text (an image, an archive, data): skipping it while walking is expected."""

    data: bytes
    text: str | None
    warning: str | None = None
    stamp: Stamp | None = None  # from the stat that read_source makes anyway
    utf8: bytes | None = None
    quiet: bool = False

    @property
    def searchable(self) -> bytes:
        return self.data if self.utf8 is None else self.utf8


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


def _named_like_text(data: bytes, name: str) -> bool:
    """Whether a file with a NUL byte is a surprise: its name says code, configuration or
    text (``.env``, ``.py``, ``.txt``) and its first bytes are no image, archive or program.
    Any other binary file met while walking is expected: skipped without a warning (the
    report's list of skipped files still names it)."""
    if data.startswith(_BINARY_MAGIC):
        return False
    dot = name.rfind(".")
    return (detect_language(name) != "text"
            or (dot != -1 and name[dot:].lower() in _TEXT_SUFFIXES))


def _with_bom(data: bytes, stamp: Stamp) -> Source | None:
    """Text marked UTF-16 or UTF-32 by its byte order mark, decoded; None without a mark."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            warning = None
            try:
                text = body.decode(codec)
            except UnicodeDecodeError as exc:
                text = body.decode(codec, errors="replace")
                warning = (f"not valid {label} (byte {exc.start + len(bom)}); "
                           "read with replacement characters")
            return Source(data, text, warning, stamp, utf8=text.encode("utf-8"))
    return None


def read_source(candidate: Candidate, max_size: int) -> Source:
    taken_ns = now_ns()
    try:
        info = os.stat(candidate.path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Source(b"", None, "symbolic link loop; skipped")
        return Source(b"", None, f"cannot read ({exc.strerror or exc}); skipped")
    if not stat.S_ISREG(info.st_mode):
        return Source(b"", None, "not a regular file; skipped")
    if info.st_size > max_size:
        return Source(b"", None, f"larger than {max_size} bytes (max-file-size); skipped")
    try:
        with open(candidate.path, "rb") as stream:
            data = stream.read()
    except OSError as exc:
        return Source(b"", None, f"cannot read ({exc.strerror or exc}); skipped")
    stamp = stamp_of(info, taken_ns)
    if b"\x00" in data[:8192]:
        marked = _with_bom(data, stamp)
        if marked is not None:
            return marked
        if _named_like_text(data, os.path.basename(candidate.path)):
            return Source(data, None, NUL_IN_TEXT, stamp)
        return Source(data, None, "binary file; skipped", stamp, quiet=True)
    try:
        return Source(data, data.decode("utf-8-sig"), None, stamp)
    except UnicodeDecodeError as exc:
        declared = _declared_encoding(data)
        if declared:
            try:
                return Source(data, data.decode(declared), None, stamp)
            except (UnicodeDecodeError, LookupError):
                pass
        text = data.decode("utf-8", errors="replace")
        return Source(
            data, text, f"not valid UTF-8 (byte {exc.start}); read with replacement characters",
            stamp,
        )
