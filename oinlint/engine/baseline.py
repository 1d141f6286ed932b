"""Baselines: adopt oinlint on an existing integration and fail only on new findings.

Entries are keyed by the finding fingerprint (rule + path + normalised offending text +
enclosing name; no line numbers), with a count, so that moving code does not break the
baseline and a second copy of a baselined problem is still reported. Entries that no longer
match anything are reported as stale so that the baseline shrinks as problems are fixed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from oinlint.findings import Finding, Waiver

__all__ = ["BaselineEntry", "BaselineError", "apply_baseline", "load_baseline", "render_baseline"]

FORMAT_VERSION = 1


class BaselineError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    fingerprint: str
    code: str
    path: str
    count: int
    reason: str = ""


def _entry_order(item: tuple[tuple[str, str, str], int]) -> tuple[str, str, str]:
    (fp, code, path), _ = item
    return (path, code, fp)


def render_baseline(findings: Iterable[Finding], previous: Sequence[BaselineEntry] = ()) -> str:
    """The baseline file for these findings (stable order, no timestamps: diffs stay small)."""
    reasons = {e.fingerprint: e.reason for e in previous if e.reason}
    counts: Counter[tuple[str, str, str]] = Counter(
        (f.fingerprint, f.code, f.span.path) for f in findings if f.waiver is None
        or f.waiver.kind == "baseline"
    )
    entries = [
        {"fingerprint": fp, "code": code, "path": path, "count": n,
         **({"reason": reasons[fp]} if fp in reasons else {})}
        for (fp, code, path), n in sorted(counts.items(), key=_entry_order)
    ]
    document = {"tool": "oinlint", "version": FORMAT_VERSION, "findings": entries}
    return json.dumps(document, indent=2, sort_keys=False) + "\n"


def load_baseline(path: Path) -> list[BaselineEntry]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a readable oinlint baseline ({exc})") from None
    if not isinstance(document, dict) or document.get("tool") != "oinlint":
        raise BaselineError(f"{path}: not an oinlint baseline (no \"tool\": \"oinlint\")")
    if document.get("version") != FORMAT_VERSION:
        raise BaselineError(f"{path}: baseline format {document.get('version')!r} is not supported")
    try:
        return [
            BaselineEntry(str(e["fingerprint"]), str(e["code"]), str(e["path"]),
                          _count(e.get("count", 1)), str(e.get("reason", "")))
            for e in document["findings"]
        ]
    except (KeyError, TypeError, ValueError) as exc:
        raise BaselineError(f"{path}: malformed baseline entry ({exc})") from None


def _count(value: object) -> int:
    """An entry's count: a whole number from 1 (``1e400`` parses as infinity, ``true`` as 1:
    neither is a count)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"'count' must be a whole number from 1, not {value!r}")
    return value


def apply_baseline(
    findings: Sequence[Finding], entries: Sequence[BaselineEntry]
) -> tuple[list[Finding], list[BaselineEntry]]:
    """Waive up to ``count`` findings per entry; return the findings and the stale entries."""
    budget = {e.fingerprint: e.count for e in entries}
    reasons = {e.fingerprint: e.reason for e in entries}
    out: list[Finding] = []
    for finding in findings:
        left = budget.get(finding.fingerprint, 0)
        if finding.waiver is None and left > 0:
            budget[finding.fingerprint] = left - 1
            reason = reasons[finding.fingerprint] or "in baseline"
            finding = replace(finding, waiver=Waiver("baseline", reason))
        out.append(finding)
    stale = [replace(e, count=budget[e.fingerprint]) for e in entries if budget[e.fingerprint] > 0]
    return out, stale
