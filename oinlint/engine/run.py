"""The run: files → prefilter → front end → facts → rules → findings → waivers.

This module owns the order of work and nothing else: discovery, reading, the prefilter, the
facts cache and the suppression step are their own modules here in ``engine``; parsing is in
``frontends``, rule logic in ``checks``, findings are built by ``building``.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from oinlint.checks import FILE_RULES, PROJECT_RULES
from oinlint.checks.transport import with_okta_domains
from oinlint.config import Settings
from oinlint.engine.baseline import BaselineEntry, apply_baseline
from oinlint.engine.building import FindingBuilder, remember_secrets
from oinlint.engine.cache import FactsCache
from oinlint.engine.collector import collector_off
from oinlint.engine.discovery import Candidate, discover, relative_posix
from oinlint.engine.ignores import FileIgnores, relative_to_root, root_relative
from oinlint.engine.lines import LineCache
from oinlint.engine.prefilter import Prefilter
from oinlint.engine.result import ALL_RULES_IGNORED, RunResult
from oinlint.engine.scan import Scanned, scan_all
from oinlint.engine.selection import Selection
from oinlint.engine.suppressions import suppress_findings
from oinlint.facts import FileFacts, SecretLiteral
from oinlint.findings import Finding
from oinlint.project import ProjectFacts
from oinlint.rules.catalogue import Catalogue, load_catalogue
from oinlint.submission import Submission, load_project_submission
from oinlint.submission.loader import OutsideProject, fallback_root

__all__ = ["check"]


def _file_findings(
    facts: FileFacts, builder: FindingBuilder, catalogue: Catalogue, enabled: frozenset[str]
) -> list[Finding]:
    """Every enabled file rule (OIN000 for what the front end could not read among them)."""
    findings: list[Finding] = []
    for code in sorted(enabled):
        rule = FILE_RULES.get(code)
        if rule is not None:
            findings.extend(builder.finding(catalogue[code], hit) for hit in rule(facts))
    return findings


@collector_off()  # the run builds acyclic data; the front ends turn it back on
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
    project_model: bool = False,
) -> RunResult:
    """Run every enabled rule over ``paths`` and return the findings (waived ones included).

    ``jobs`` > 1 scans large trees in a process pool; ``cache_dir`` keeps facts of unchanged
    files between runs (``.oinlint_cache``); both are off by default in the Python API.
    ``progress(done, total)`` is called as files are read (the CLI's progress bar).
    ``project_model`` (the CLI's way): when ``settings.project`` names a project, every file of
    its root backs the project rules and ``paths`` only choose the findings shown
    (:mod:`oinlint.engine.selection`); off, the paths named are the whole project.
    """
    started = time.perf_counter()
    catalogue = catalogue or load_catalogue()
    settings = settings or Settings()
    enabled = settings.enabled_codes(catalogue)
    result = RunResult(findings=[], settings=settings, enabled=enabled)
    excludes = (*settings.exclude, *settings.extend_exclude)
    candidates, warnings = discover(paths, settings.root, excludes, force_exclude=force_exclude,
                                    respect_gitignore=settings.respect_gitignore)
    result.warnings.extend(warnings)
    selection = Selection()
    model_order: dict[str, int] = {}
    if project_model and settings.project is not None and not _covers_root(paths, settings):
        selection = Selection(frozenset(c.display for c in candidates))
        model, hidden = discover([str(settings.root)], settings.root, excludes,
                                 respect_gitignore=settings.respect_gitignore)
        result.hidden_warnings += len(hidden)
        model_order = {c.display: i for i, c in enumerate(model)}
        named = {c.path for c in candidates}
        candidates = [*candidates, *(c for c in model if c.path not in named)]
    file_ignores = FileIgnores(dict(settings.per_file_ignores), catalogue)
    prefilter = Prefilter.for_rules(catalogue, enabled, settings.okta_domains)
    codes_by_path: dict[str, frozenset[str]] = {}
    lines_of = LineCache(settings.root, settings.max_file_size)
    cache = (FactsCache(cache_dir, f"{sorted(enabled)}\0{settings.max_file_size}"
                        f"\0{','.join(settings.okta_domains)}",
                        settings.max_file_size, result.warnings)
             if cache_dir is not None else None)
    outcomes: list[Scanned] = []
    to_scan: list[Candidate] = []
    to_root = root_relative(settings.root)
    for candidate in candidates:
        codes = (enabled - file_ignores.ignored(to_root(candidate.path))
                 if settings.per_file_ignores else enabled)
        if not codes:
            if selection.selects(candidate.display):
                result.skipped.append((candidate.display, ALL_RULES_IGNORED))
            continue
        codes_by_path[candidate.display] = codes
        cached = (cache.lookup(candidate, shown=selection.selects(candidate.display))
                  if cache is not None else None)
        if cached is not None:
            outcomes.append(cached)
        else:
            to_scan.append(candidate)
    known = cache.facts_for_content if cache is not None else None
    for scanned in scan_all(to_scan, settings.max_file_size, prefilter, jobs, known):
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
        if settings.okta_domains and scanned.facts is not None:  # after the cache: a setting
            scanned = replace(scanned, facts=with_okta_domains(scanned.facts,
                                                               settings.okta_domains))
        if not selection.selects(display):
            _model_only(scanned, result, lines_of)
            continue
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
            remember_secrets(scanned.facts, lines_of(display))
        result.files.append(scanned.facts)
        selection.saw(scanned.facts)
        builder = FindingBuilder(catalogue, settings, functools.partial(lines_of, display))
        try:
            result.findings.extend(
                _file_findings(scanned.facts, builder, catalogue, codes_by_path[display]))
        except Exception as exc:  # one file must not lose the run (RecursionError included)
            result.warnings.append(f"{display}: internal error while checking this file "
                                   f"({type(exc).__name__}); its findings may be incomplete")
    if not selection.everything:  # the project rules read files in the whole run's order
        result.files.sort(key=lambda facts: model_order.get(facts.path, len(model_order)))
    if submission is None:
        submission = _load_submission(settings, result, paths)
    if submission is not None:  # its lines, for snippets and waivers, wherever it is
        lines_of.allow(submission.display, submission.path)
        selection.submission_display = submission.display
    result.submission = submission
    project = ProjectFacts(files=tuple(result.files), submission=submission,
                           root=str(settings.root))
    result.project = project
    builders: dict[str, FindingBuilder] = {}  # one per file: its snippets are shared
    for code in sorted(enabled):
        project_rule = PROJECT_RULES.get(code)
        if project_rule is None:
            continue
        for hit in project_rule(project):
            path = hit.span.path
            if not selection.shows(path):
                continue
            if path not in codes_by_path:
                relative = relative_to_root(Path.cwd() / path, settings.root)
                codes_by_path[path] = enabled - file_ignores.ignored(relative)
            if code in codes_by_path[path]:
                if path not in builders:
                    builders[path] = FindingBuilder(catalogue, settings, lines_of(path))
                result.findings.append(builders[path].finding(catalogue[code], hit))
    result.findings = suppress_findings(result, submission, catalogue, codes_by_path, lines_of,
                                        shown=selection.shows)
    result.findings.sort(key=Finding.sort_key)
    if baseline is not None:
        result.findings, result.stale_baseline = apply_baseline(result.findings, baseline)
    result.duration = time.perf_counter() - started
    return result


def _covers_root(paths: Sequence[str], settings: Settings) -> bool:
    """Whether a path named is the project root or a folder above it (the whole project)."""
    cwd = Path.cwd()
    root = str(settings.root.resolve())
    for raw in paths:
        named = os.path.normpath(cwd / raw)
        if os.path.isdir(named) and relative_posix(root, named) is not None:
            return True
    return False


def _model_only(scanned: Scanned, result: RunResult, lines_of: LineCache) -> None:
    """A file outside the paths named: its facts back the project rules, nothing is shown."""
    if scanned.warning and not scanned.quiet:
        result.hidden_warnings += 1
    if not scanned.readable or scanned.facts is None:
        return
    if any(isinstance(fact, SecretLiteral) for fact in scanned.facts.facts):
        lines = (scanned.text.splitlines() if scanned.text is not None
                 else lines_of(scanned.candidate.display))
        remember_secrets(scanned.facts, lines)  # redacted wherever it might be echoed
    result.files.append(scanned.facts)


def _load_submission(
    settings: Settings, result: RunResult, paths: Sequence[str] = ()
) -> Submission | None:
    """The project's oin-submission.yaml: ``submission =`` (relative to the root), else the
    default name at the root, else (no configuration file at all) the default name in the one
    directory checked. None when there is none (OIN607 decides if it matters).

    Only a ``submission`` given on the command line or through the API is read outside the
    project root; the default name and a configured path that lead out are a warning."""
    named = settings.submission is not None and settings.submission != settings.config_submission
    try:
        loaded = load_project_submission(settings.root, settings.submission, confine=not named)
        if loaded is None and settings.config_file is None and not settings.submission:
            base = fallback_root(paths)
            if base is not None and base.resolve() != settings.root.resolve():
                loaded = load_project_submission(base)
    except OutsideProject as exc:
        result.warnings.append(str(exc))
        return None
    if loaded is None and settings.submission:
        result.warnings.append(f"{settings.submission}: submission file not found")
    return loaded
