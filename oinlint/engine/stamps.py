"""A file's stamp: the ``stat`` fields that change whenever its bytes do, as git compares them.

The facts cache takes a file whose stamp is unchanged as unchanged, without reading it (a
commit-shaped run over a 3,000-file project read and hashed every file for nothing). That is
only sound when the stamp was *settled* when it was taken, the rule git calls "racy git":

- ``ctime`` is in the stamp: ``touch -d`` or ``os.utime`` can put ``mtime`` back after an
  edit that kept the size, but nothing but the clock sets ``ctime``;
- a file changed shortly before its stamp was taken may change again within the same
  timestamp tick (a coarse clock, or a filesystem that keeps seconds) and keep every field:
  such a stamp is not settled, and the file is read and hashed as if it had none;
- on Windows ``st_ctime`` is the creation time, which an edit does not change: no stamp is
  ever settled there (the cache reads and hashes, as before).
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass

__all__ = ["SETTLE_NS", "Stamp", "now_ns", "stamp_of"]

# How long after a file's last change its stamp counts as settled: above any filesystem's
# timestamp granularity (FAT keeps 2 s) and the lag of the kernel's coarse clock.
SETTLE_NS = 5_000_000_000
_CTIME_IS_CHANGE_TIME = sys.platform != "win32"


@dataclass(frozen=True, slots=True)
class Stamp:
    """``stat`` of a file taken before it was read; ``settled``: see the module's doc."""

    mtime_ns: int
    ctime_ns: int
    ino: int
    size: int
    settled: bool

    def matches(self, info: os.stat_result) -> bool:
        """Whether ``info`` proves the file unchanged since this stamp (settled stamps only)."""
        return (self.settled and info.st_mtime_ns == self.mtime_ns
                and info.st_ctime_ns == self.ctime_ns and info.st_ino == self.ino
                and info.st_size == self.size)


def now_ns() -> int:
    """The wall clock, as file timestamps are kept (taken before the ``stat`` it goes with)."""
    return time.time_ns()


def stamp_of(info: os.stat_result, taken_ns: int) -> Stamp:
    """The stamp of ``info``, a ``stat`` made at or after ``taken_ns``."""
    changed = max(info.st_mtime_ns, info.st_ctime_ns)
    settled = _CTIME_IS_CHANGE_TIME and taken_ns - changed > SETTLE_NS
    return Stamp(info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_size, settled)
