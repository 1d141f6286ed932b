"""The run: files → prefilter → front end → facts → rules → findings → waivers.

This module owns the order of work and nothing else: reading is in ``sources``, parsing in
``frontends``, rule logic in ``checks``, waivers in ``suppressions`` and ``baseline``.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from oinlint import redact
from oinlint.baseline import BaselineEntry, apply_baseline
from oinlint.cache import FactsCache
from oinlint.checks import FILE_RULES, PROJECT_RULES, Hit, ProjectFacts, load_checks
from oinlint.config import Settings
from oinlint.facts import FileFacts, SecretLiteral, Span
from oinlint.files import Candidate, ExcludeMatcher, discover, relative_posix
from oinlint.findings import Finding, Related, fingerprint
from oinlint.prefilter import Prefilter
from oinlint.rules.catalogue import Catalogue, RuleSpec, load_catalogue
from oinlint.scan import Scanned, scan_all
from oinlint.suppressions import SuppressionProblem, apply_suppressions, parse_suppressions

if TYPE_CHECKING:
    from oinlint.submission import Submission

__all__ = ["RunResult", "check"]

CONTEXT_LINES = 2


@dataclass
class RunResult:
    """Everything a reporter needs about one run."""

    findings: list[Finding]
    settings: Settings
    enabled: frozenset[str]
    files: list[FileFacts] = field(default_factory=list)
    scanned: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stale_baseline: list[BaselineEntry] = field(default_factory=list)
    duration: float = 0.0
    submission: Submission | None = None  # oin-submission.yaml as loaded (None: no file)

    @property
    def active(self) -> list[Finding]:
        """Findings that count: not suppressed inline, not in the baseline."""
        return [f for f in self.findings if f.waiver is None]

    @property
    def failing(self) -> list[Finding]:
        return [f for f in self.active if f.severity >= self.settings.fail_on]

    @property
    def exit_code(self) -> int:
        return 1 if self.failing else 0


class _FileIgnores:
    """``per-file-ignores``: which codes are off for a path."""

    def __init__(self, table: dict[str, tuple[str, ...]], catalogue: Catalogue) -> None:
        self._rules = [
            (ExcludeMatcher([glob]), {c for sel in codes for c in catalogue.matching(sel)})
            for glob, codes in table.items()
        ]

    def ignored(self, relative: str) -> set[str]:
        off: set[str] = set()
        for matcher, codes in self._rules:
            if matcher.matches(relative):
                off |= codes
        return off


def _snippet(lines: Sequence[str], span: Span) -> tuple[tuple[str, ...], int]:
    first = max(1, span.line - CONTEXT_LINES)
    last = min(len(lines), span.end_line + CONTEXT_LINES)
    return tuple(redact.redact_source_line(line) for line in lines[first - 1 : last]), first


def _span_text(lines: Sequence[str], span: Span) -> str:
    if span.line < 1 or span.line > len(lines):
        return ""
    if span.line == span.end_line:
        return lines[span.line - 1][span.column - 1 : span.end_column - 1]
    head = lines[span.line - 1][span.column - 1 :]
    middle = lines[span.line : span.end_line - 1]
    tail = lines[span.end_line - 1][: span.end_column - 1] if span.end_line <= len(lines) else ""
    return "\n".join([head, *middle, tail])


class _Builder:
    """Turns hits into findings for one file (message, fingerprint, snippet)."""

    def __init__(self, catalogue: Catalogue, settings: Settings,
                 lines: Sequence[str] | Callable[[], Sequence[str]]) -> None:
        self.catalogue = catalogue
        self.settings = settings
        # A file's lines are read only when a finding needs a snippet (a warm run has most
        # files' facts from the cache and no text in memory).
        self._lines = lines

    @property
    def lines(self) -> Sequence[str]:
        if callable(self._lines):
            self._lines = self._lines()
        return self._lines

    def finding(self, spec: RuleSpec, hit: Hit) -> Finding:
        snippet, first = _snippet(self.lines, hit.span)
        return Finding(
            code=spec.code,
            name=spec.name,
            severity=self.settings.severity.get(spec.code, spec.severity),
            message=redact.redact(spec.format_message(hit.args)),
            span=hit.span,
            fingerprint=fingerprint(
                spec.code, hit.span.path, _span_text(self.lines, hit.span), hit.context
            ),
            context=hit.context,
            fix=hit.fix or spec.fix or None,
            snippet=snippet,
            snippet_line=first,
            related=tuple(Related(r.span, redact.redact(r.message)) for r in hit.related),
        )


def _remember_secrets(facts: FileFacts, lines: Sequence[str]) -> None:
    for secret in facts.of(SecretLiteral):
        raw = _span_text(lines, secret.span).strip().strip("\"'`")
        redact.remember_secret(raw)


def _file_findings(
    facts: FileFacts, builder: _Builder, catalogue: Catalogue, enabled: frozenset[str]
) -> list[Finding]:
    """Every enabled file rule (OIN000 for what the front end could not read among them)."""
    findings: list[Finding] = []
    for code in sorted(enabled):
        rule = FILE_RULES.get(code)
        if rule is not None:
            findings.extend(builder.finding(catalogue[code], hit) for hit in rule(facts))
    return findings


def check(
    paths: Sequence[str] = (".",),
    settings: Settings | None = None,
    *,
    force_exclude: bool = False,
    baseline: Sequence[BaselineEntry] | None = None,
    catalogue: Catalogue | None = None,
    submission: Submission | None = None,
    jobs: int = 1,
    cache_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RunResult:
    """Run every enabled rule over ``paths`` and return the findings (waived ones included).

    ``jobs`` > 1 scans large trees in a process pool; ``cache_dir`` keeps facts of unchanged
    files between runs (``.oinlint_cache``); both are off by default in the Python API.
    ``progress(done, total)`` is called as files are read (the CLI's progress bar).
    """
    started = time.perf_counter()
    catalogue = catalogue or load_catalogue()
    settings = settings or Settings()
    load_checks()
    enabled = settings.enabled_codes(catalogue)
    result = RunResult(findings=[], settings=settings, enabled=enabled)
    candidates, warnings = discover(
        paths,
        settings.root,
        (*settings.exclude, *settings.extend_exclude),
        force_exclude=force_exclude,
        respect_gitignore=settings.respect_gitignore,
    )
    result.warnings.extend(warnings)
    file_ignores = _FileIgnores(dict(settings.per_file_ignores), catalogue)
    prefilter = Prefilter.for_rules(catalogue, enabled)
    codes_by_path: dict[str, frozenset[str]] = {}
    lines_of = _LineCache(settings.root)
    cache = (FactsCache(cache_dir, f"{sorted(enabled)}\0{settings.max_file_size}")
             if cache_dir is not None else None)
    outcomes: list[Scanned] = []
    to_scan: list[Candidate] = []
    for candidate in candidates:
        relative = _relative_to_root(candidate.path, settings.root)
        codes = enabled - file_ignores.ignored(relative) if settings.per_file_ignores else enabled
        if not codes:
            result.skipped.append((candidate.display, "all rules ignored for this path"))
            continue
        codes_by_path[candidate.display] = codes
        cached = cache.lookup(candidate) if cache is not None else None
        if cached is not None:
            outcomes.append(cached)
        else:
            to_scan.append(candidate)
    for scanned in scan_all(to_scan, settings.max_file_size, prefilter, jobs):
        if cache is not None:
            cache.store(scanned)
        outcomes.append(scanned)
        if progress is not None:
            progress(len(outcomes), len(codes_by_path))
    if cache is not None:
        cache.save()
    order = {c.display: i for i, c in enumerate(candidates)}
    outcomes.sort(key=lambda o: order[o.candidate.display])
    for scanned in outcomes:
        display = scanned.candidate.display
        if scanned.warning and not scanned.quiet:  # binary files met while walking are expected
            result.warnings.append(f"{display}: {scanned.warning}")
        if not scanned.readable:
            result.skipped.append((display, scanned.warning or "unreadable"))
            continue
        result.scanned.append(display)
        if scanned.facts is None:
            continue
        if scanned.text is not None:
            lines_of.remember(display, scanned.text.splitlines())
        if any(isinstance(fact, SecretLiteral) for fact in scanned.facts.facts):
            _remember_secrets(scanned.facts, lines_of(display))
        result.files.append(scanned.facts)
        builder = _Builder(catalogue, settings, functools.partial(lines_of, display))
        result.findings.extend(
            _file_findings(scanned.facts, builder, catalogue, codes_by_path[display]))
    if submission is None:
        submission = _load_submission(settings, result, paths)
    result.submission = submission
    project = ProjectFacts(files=tuple(result.files), submission=submission,
                           root=str(settings.root))
    for code in sorted(enabled):
        project_rule = PROJECT_RULES.get(code)
        if project_rule is None:
            continue
        for hit in project_rule(project):
            path = hit.span.path
            if path not in codes_by_path:
                relative = _relative_to_root(Path.cwd() / path, settings.root)
                codes_by_path[path] = enabled - file_ignores.ignored(relative)
            if code in codes_by_path[path]:
                builder = _Builder(catalogue, settings, lines_of(path))
                result.findings.append(builder.finding(catalogue[code], hit))
    result.findings = _suppress(result, submission, catalogue, codes_by_path, lines_of)
    result.findings.sort(key=Finding.sort_key)
    if baseline is not None:
        result.findings, result.stale_baseline = apply_baseline(result.findings, baseline)
    result.duration = time.perf_counter() - started
    return result


def _load_submission(
    settings: Settings, result: RunResult, paths: Sequence[str] = ()
) -> Submission | None:
    """The project's oin-submission.yaml: ``submission =`` (relative to the root), else the
    default name at the root, else (no configuration file at all) the default name in the one
    directory checked. None when there is none (OIN607 decides if it matters)."""
    from oinlint.submission import load_project_submission
    from oinlint.submission.loader import fallback_root

    loaded = load_project_submission(settings.root, settings.submission)
    if loaded is None and settings.config_file is None and not settings.submission:
        base = fallback_root(paths)
        if base is not None and base.resolve() != settings.root.resolve():
            loaded = load_project_submission(base)
    if loaded is None and settings.submission:
        result.warnings.append(f"{settings.submission}: submission file not found")
    return loaded


def _suppress(
    result: RunResult,
    submission: Submission | None,
    catalogue: Catalogue,
    codes_by_path: dict[str, frozenset[str]],
    lines_of: _LineCache,
) -> list[Finding]:
    """Inline suppressions over every finding of a file (file and project rules alike), and
    OIN001 for the suppressions that are malformed, unknown or unused."""
    comments = {f.path: f.comments for f in result.files if f.comments}
    if submission is not None and submission.comments:
        comments.setdefault(submission.display, submission.comments)
    by_path: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_path.setdefault(finding.span.path, []).append(finding)
    settings = result.settings
    out: list[Finding] = []
    for path in sorted(set(by_path) | set(comments)):
        findings = by_path.get(path, [])
        if path not in comments:
            out.extend(findings)
            continue
        codes = codes_by_path.get(path, result.enabled)
        lines = lines_of(path)
        suppressions, malformed = parse_suppressions(path, comments[path], lines)
        waived, unused = apply_suppressions(
            findings, suppressions, catalogue, codes, settings.require_reason
        )
        out.extend(waived)
        if "OIN001" in codes:
            builder = _Builder(catalogue, settings, lines)
            problems: list[SuppressionProblem] = [*malformed, *unused]
            out.extend(
                builder.finding(catalogue["OIN001"], Hit(p.span, args={"problem": p.message}))
                for p in problems
            )
    return out


def _relative_to_root(path: Path, root: Path) -> str:
    """``path`` relative to the project root, for per-file-ignores (no symlink resolution:
    discovery already gives absolute, normalised paths, and resolving costs a syscall a part)."""
    relative = relative_posix(path, root)
    if relative is not None:
        return relative
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside root; symlink loop (RuntimeError < 3.13)
        return path.as_posix()


class _LineCache:
    """Source lines of files that project rules and suppressions point into, read once."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._lines: dict[str, list[str]] = {}

    def remember(self, display: str, lines: list[str]) -> None:
        self._lines[display] = lines

    def __call__(self, display: str) -> list[str]:
        if display not in self._lines:
            self._lines[display] = self._read(display)
        return self._lines[display]

    def _read(self, display: str) -> list[str]:
        for base in (Path.cwd(), self._root):
            candidate = base / display
            if candidate.is_file():
                try:
                    return candidate.read_text(encoding="utf-8", errors="replace").splitlines()
                except OSError:
                    return []
        return []
