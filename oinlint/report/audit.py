"""Building the audit report (:mod:`oinlint.report.audit_model`) that HTML and Markdown render.

A security reviewer signs off on one document: a verdict with its reasons, the scope matrix
(declared / requested in code / required by calls / granted by the org) with each cell linking
to its evidence, every finding (waived ones included, with the waiver's reason), the live-check
evidence, and how the run was made. Building it once here keeps the two formats in agreement
and keeps the renderers free of decisions.

Everything here is read from the run's findings, its scope analysis (the matrix ``check
--format json`` shows) and the ``oinlint-verify/1`` document; source lines come
from ``Finding.snippet`` (already redacted), never from the files again. Every string that came
from the scanned project or the org is passed through :func:`oinlint.redact.redact` here; the
renderers escape it for their format.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oinlint._version import __version__
from oinlint.config import DEFAULT_TEST_PATHS, OFF_IN_TEST_PATHS
from oinlint.findings import Severity
from oinlint.redact import redact_values
from oinlint.report.audit_model import (
    NOT_ANALYSED,
    AuditReport,
    Cell,
    Evidence,
    FamilyGroup,
    FindingEntry,
    LiveCheck,
    RunInfo,
    ScopeRow,
    Verdict,
    clean,
)
from oinlint.report.families import family_title
from oinlint.report.html import render_html
from oinlint.report.longlines import ContextLines
from oinlint.report.markdown import render_markdown

if TYPE_CHECKING:
    from oinlint.engine import RunResult
    from oinlint.findings import Finding
    from oinlint.rules.catalogue import Catalogue

__all__ = [
    "AUDIT_FORMATS",
    "AuditReport",
    "Cell",
    "Evidence",
    "FindingEntry",
    "LiveCheck",
    "ScopeRow",
    "Verdict",
    "VerifyResultError",
    "build_report",
    "decide",
    "family_title",
    "load_verify_result",
    "render_audit",
    "reproducible_time",
]

VERIFY_SCHEMA = "oinlint-verify/1"

class VerifyResultError(Exception):
    """The ``--verify-result`` file is missing, not JSON, or not an ``oinlint-verify/1``."""


def load_verify_result(path: Path) -> dict[str, Any]:
    """The JSON that ``oinlint verify --format json`` wrote; checked for its schema only."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise VerifyResultError(f"cannot read {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise VerifyResultError(f"{path}: not JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("schema") != VERIFY_SCHEMA:
        raise VerifyResultError(
            f"{path}: not an {VERIFY_SCHEMA} document (write it with `oinlint verify "
            "--format json -o FILE`)")
    return data


def reproducible_time(reproducible: bool) -> str | None:
    """The report's date: ``SOURCE_DATE_EPOCH`` when set, none with ``--reproducible``, else now.

    Reproducible output (committed example reports, diffable CI artefacts) must not change
    when nothing but the clock did.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if reproducible:
        return None
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def is_reproducible(flag: bool) -> bool:
    return flag or bool(os.environ.get("SOURCE_DATE_EPOCH", "").strip())


# --- the verdict ----------------------------------------------------------------------------

def blocking_findings(result: RunResult) -> list[Finding]:
    """The check's findings that make the verdict "not ready": failing ones, except a file
    that could not be parsed (OIN000), which makes it "could not decide"."""
    return [f for f in result.failing if f.code != "OIN000"]


def live_failing(verify: dict[str, Any] | None) -> int:
    """The live check's findings that make the verdict "not ready": every one of a failed
    check (``verify`` fails on any finding)."""
    if verify is None or verify.get("outcome") != "failed":
        return 0
    return sum(1 for item in verify.get("findings") or [] if isinstance(item, dict))


def decide(result: RunResult, verify: dict[str, Any] | None,
           unresolved: int = 0) -> Verdict:
    """Ready / not ready / could not decide, with the reasons.

    "Not ready" wins as soon as something certain blocks (a failing finding, a failed live
    check): an unknown elsewhere cannot make that better. Otherwise anything that kept the
    tool from looking (a file it could not parse, Okta calls it could not resolve, a live
    check that answered ``unknown``) means "could not decide", never "ready".
    """
    blocking: list[str] = []
    undecided: list[str] = []
    notes: list[str] = []
    failing = blocking_findings(result)
    if failing:
        codes = sorted({f.code for f in failing})
        blocking.append(
            f"{len(failing)} finding(s) at or above {result.settings.fail_on.label} "
            "severity: "
            + ", ".join(codes))
    parse_errors = [f for f in result.active if f.code == "OIN000"]
    if parse_errors:
        undecided.append(f"{len(parse_errors)} file(s) could not be parsed, so no rule "
                         "checked them")
    if unresolved:
        undecided.append(f"{unresolved} Okta call(s) could not be resolved to an operation, "
                         "so their scopes are unknown")
    if verify is None:
        notes.append("no live-check result was given (--verify-result): the grant in a "
                     "real org is not part of this verdict")
    else:
        outcome = str(verify.get("outcome", "unknown"))
        reason = clean(verify.get("reason", ""))
        if outcome == "failed":
            blocking.append(f"the live check failed: {reason}")
        elif outcome != "verified":
            undecided.append(f"the live check could not decide: {reason}")
    if blocking:
        return Verdict("not-ready", tuple(blocking), tuple(undecided + notes))
    if undecided:
        return Verdict("undecided", tuple(undecided), tuple(notes))
    waived = len(result.findings) - len(result.active)
    reasons = [f"no finding at or above {result.settings.fail_on.label} severity"
               + (f" ({waived} waived, listed below with their reasons)" if waived else "")]
    if verify is not None:
        reasons.append("the live check verified the grant")
    return Verdict("ready", tuple(reasons), tuple(notes))


# --- building -------------------------------------------------------------------------------

def _where(path: object, line: object) -> str:
    return clean(f"{path}:{line}") if line else clean(str(path))


def _entry(anchor: str, finding: Finding, catalogue: Catalogue,
           context: ContextLines) -> FindingEntry:
    spec = catalogue.get(finding.code)
    docs = spec.docs if spec is not None else {}
    span = finding.span
    snippet = tuple(
        (number, context.shown(line, number, span)[0], span.contains_line(number))
        for number, line in enumerate(finding.snippet, start=finding.snippet_line)
    )
    return FindingEntry(
        anchor=anchor,
        code=finding.code,
        name=finding.name,
        severity=finding.severity.label,
        message=clean(finding.message),
        where=_where(span.path, span.line),
        snippet=snippet,
        why=clean(str(docs.get("why", "")).strip() or (spec.summary if spec else "")),
        fix=clean(finding.fix or (spec.fix if spec else "")),
        related=tuple(clean(f"{r.span.path}:{r.span.line}: {r.message}")
                      for r in finding.related),
        waiver_kind=finding.waiver.kind if finding.waiver else None,
        waiver_reason=clean(finding.waiver.reason) if finding.waiver else None,
    )


def _verify_entries(verify: dict[str, Any], catalogue: Catalogue,
                    start: int) -> list[FindingEntry]:
    entries: list[FindingEntry] = []
    for i, item in enumerate(verify.get("findings") or []):
        if not isinstance(item, dict):
            continue
        code = str(item.get("code", "OIN9??"))
        spec = catalogue.get(code)
        docs = spec.docs if spec is not None else {}
        entries.append(FindingEntry(
            anchor=f"finding-{start + i}",
            code=clean(code),
            name=clean(item.get("name", "")),
            severity=clean(item.get("severity", "high")),
            message=clean(item.get("message", "")),
            where=_where(item.get("path", ""), item.get("line")),
            snippet=(),
            why=clean(str(docs.get("why", "")).strip() or (spec.summary if spec else "")),
            fix=clean(item.get("fix") or (spec.fix if spec else "")),
            source="verify",
        ))
    return entries


def _group(entries: list[FindingEntry]) -> tuple[FamilyGroup, ...]:
    """By family (the code's first four characters, so new families need no change here),
    then by severity, worst first."""
    families: dict[str, dict[str, list[FindingEntry]]] = {}
    for entry in entries:
        families.setdefault(entry.code[:4], {}).setdefault(entry.severity, []).append(entry)
    order = {s.label: -int(s) for s in Severity}
    groups = []
    for family in sorted(families):
        severities = families[family]
        groups.append(FamilyGroup(
            family=family,
            title=family_title(family),
            by_severity=tuple((sev, tuple(severities[sev]))
                              for sev in sorted(severities, key=lambda s: order.get(s, 9))),
        ))
    return tuple(groups)


def _check_document(result: RunResult, catalogue: Catalogue) -> dict[str, Any]:
    """The scope matrix and the unresolved-call count, as ``check --format json`` shows them
    (from the run's own analysis, every string redacted)."""
    analysis = result.scope_analysis
    document: dict[str, Any] = redact_values({
        "scopes": [row.to_dict() for row in analysis.matrix()],
        "unresolved": len(analysis.unresolved),
    })
    return document


def _granted(verify: dict[str, Any] | None) -> dict[str, bool | None]:
    granted: dict[str, bool | None] = {}
    if verify is None:
        return granted
    for row in verify.get("scope_matrix") or []:
        if isinstance(row, dict) and "scope" in row:
            value = row.get("granted")
            granted[str(row["scope"])] = value if isinstance(value, bool) else None
    return granted


def _loc(item: Any) -> tuple[str, Any]:
    if not isinstance(item, dict):
        return clean(item), None
    path = item.get("file") or item.get("path", "")
    return clean(path), item.get("line")


class _MatrixBuilder:
    """Rows of the scope matrix with numbered evidence anchors."""

    def __init__(self) -> None:
        self.evidence: list[Evidence] = []

    def add(self, scope: str, kind: str, where: str, detail: str) -> tuple[str, str]:
        anchor = f"ev-{len(self.evidence) + 1}"
        self.evidence.append(Evidence(anchor, scope, kind, where, detail))
        return where, anchor

    def cell(self, links: list[tuple[str, str]], none: str = "no") -> Cell:
        if not links:
            return Cell(none, (), "no" if none == "no" else "unknown")
        return Cell("yes", tuple(links), "yes")


def _granted_cell(scope: str, granted: dict[str, bool | None],
                  verify: dict[str, Any] | None) -> Cell:
    if verify is None:
        return Cell("not checked", (), "unknown")
    if scope not in granted:
        return Cell("not asked", (("live check", "live-check"),), "unknown")
    value = granted[scope]
    text = {True: "granted", False: "refused", None: "undetermined"}[value]
    state = {True: "yes", False: "no", None: "unknown"}[value]
    return Cell(text, (("live check", "live-check"),), state)


def _matrix(result: RunResult, document: dict[str, Any], verify: dict[str, Any] | None,
            builder: _MatrixBuilder) -> tuple[list[ScopeRow], bool]:
    granted = _granted(verify)
    rows: list[ScopeRow] = []
    analysed = isinstance(document.get("scopes"), list)
    reasons: dict[str, str] = {}
    if result.submission is not None:
        reasons = {s.name: s.reason or "" for s in result.submission.scopes}
    if analysed:
        for item in document["scopes"]:
            if not isinstance(item, dict) or "scope" not in item:
                continue
            scope = clean(item["scope"])
            declared = [builder.add(scope, "declared", _where(*_loc(d)),
                                    f"reason: {clean(reasons.get(scope) or '(none given)')}")
                        for d in item.get("declared") or []]
            requested = [builder.add(scope, "requested", _where(*_loc(r)),
                                     f"role: {clean(r.get('role', ''))}"
                                     if isinstance(r, dict) else "")
                         for r in item.get("requested") or []]
            required = []
            for call in item.get("required_by") or []:
                detail = ""
                if isinstance(call, dict):
                    ops = ", ".join(clean(o) for o in call.get("operations") or [])
                    api = call.get("url_path") or call.get("api_path") or ""
                    detail = clean(f"{call.get('method') or 'ANY'} {api}"
                                   + (f" ({ops})" if ops else ""))
                required.append(builder.add(scope, "required", _where(*_loc(call)), detail))
            rows.append(ScopeRow(scope, builder.cell(declared), builder.cell(requested),
                                 builder.cell(required), _granted_cell(scope, granted, verify)))
    elif result.submission is not None:
        for declared_scope in result.submission.scopes:
            scope = clean(declared_scope.name)
            span = declared_scope.span
            link = builder.add(scope, "declared", _where(span.path, span.line),
                               f"reason: {clean(declared_scope.reason or '(none given)')}")
            rows.append(ScopeRow(scope, builder.cell([link]),
                                 Cell(NOT_ANALYSED, (), "unknown"),
                                 Cell(NOT_ANALYSED, (), "unknown"),
                                 _granted_cell(scope, granted, verify)))
    known = {row.scope for row in rows}
    for scope, value in granted.items():  # granted by the org, in no other column
        if value and scope not in known:
            unknown = Cell(NOT_ANALYSED, (), "unknown") if not analysed else Cell("no", (), "no")
            rows.append(ScopeRow(clean(scope), Cell("no", (), "no"), unknown, unknown,
                                 _granted_cell(scope, granted, verify)))
    return rows, analysed


def _with_findings(rows: list[ScopeRow], entries: list[FindingEntry]) -> list[ScopeRow]:
    out = []
    for row in rows:
        matched = [e for e in entries if row.scope in e.message]
        codes = [e.code for e in matched]
        # One rule can report a scope in two places (declared and requested): say where.
        hits = tuple((f"{e.code} at {e.where}" if codes.count(e.code) > 1 else e.code, e.anchor)
                     for e in matched)
        out.append(ScopeRow(row.scope, row.declared, row.requested, row.required, row.granted,
                            hits))
    return out


def _live(verify: dict[str, Any], reproducible: bool) -> LiveCheck:
    org = verify.get("org") if isinstance(verify.get("org"), dict) else {}
    client = verify.get("client") if isinstance(verify.get("client"), dict) else {}
    scopes = verify.get("scopes") if isinstance(verify.get("scopes"), dict) else {}
    assert isinstance(org, dict) and isinstance(client, dict) and isinstance(scopes, dict)
    requests = []
    for item in verify.get("requests") or []:
        if isinstance(item, dict):
            status = item.get("status")
            requests.append((clean(item.get("step", "")), clean(item.get("method", "")),
                             clean(item.get("path", "")),
                             clean(status if status is not None
                                   else item.get("error") or "no answer"),
                             clean(item.get("result") or "")))
    counts = verify.get("request_counts") if isinstance(verify.get("request_counts"),
                                                        dict) else {}
    assert isinstance(counts, dict)
    duration = verify.get("duration_seconds")
    return LiveCheck(
        outcome=clean(verify.get("outcome", "unknown")),
        reason=clean(verify.get("reason", "")),
        host=clean(org.get("host", "")),
        emulator=bool(org.get("emulator")),
        started_at=clean(verify.get("started_at", "")),
        duration="" if reproducible or duration is None else clean(f"{duration} s"),
        client_id=clean(client.get("client_id", "")),
        auth_method=clean(client.get("auth_method", "")),
        requests=tuple(requests),
        request_count=int(counts.get("http", len(requests)) or 0),
        granted=tuple(clean(s) for s in scopes.get("granted") or []),
        refused=tuple(clean(s) for s in scopes.get("refused") or []),
        undetermined=tuple(clean(s) for s in scopes.get("undetermined") or []),
        undeclared_checked=(clean(scopes["undeclared_checked"])
                            if scopes.get("undeclared_checked") else None),
        undeclared_granted=tuple(clean(s) for s in scopes.get("undeclared_granted") or []),
        notes=tuple(clean(n) for n in verify.get("notes") or []),
        incomplete=clean(verify["incomplete"]) if verify.get("incomplete") else None,
    )


def _display(path: Path | str | None, root: Path) -> str:
    """A path as the report shows it: relative where possible, never absolute (reports are
    shared and committed; an absolute path leaks a home directory and breaks reproducibility)."""
    if path is None:
        return "(none)"
    candidate = Path(path)
    if not candidate.is_absolute():
        return clean(candidate.as_posix())
    for base in (Path.cwd(), root):
        try:
            return clean(candidate.resolve().relative_to(base.resolve()).as_posix())
        except (ValueError, OSError):
            continue
    return clean(candidate.name)


def _run_info(result: RunResult, catalogue: Catalogue, reproducible: bool) -> RunInfo:
    settings = result.settings
    enabled = tuple(sorted(result.enabled))
    families = sorted({code[:4] for code in enabled})
    config = [
        ("config file", _display(settings.config_file, settings.root)
         if settings.config_file else "(defaults)"),
        ("select", ", ".join(settings.select) or "—"),
        ("extend-select", ", ".join(settings.extend_select) or "—"),
        ("ignore", ", ".join(settings.ignore) or "—"),
        ("fail-on", settings.fail_on.label),
        ("require-reason", "yes" if settings.require_reason else "no"),
        ("submission", _display(result.submission.path, settings.root)
         if result.submission is not None else "(none found)"),
    ]
    if settings.test_paths == DEFAULT_TEST_PATHS:
        config.append(("test-paths", "the defaults (tests, fixtures, mocks, docs): only "
                                     "OIN101-OIN104 report there"))
    else:
        config.append(("test-paths", ", ".join(settings.test_paths) or "off"))
    own = {glob: codes for glob, codes in settings.per_file_ignores.items()
           if not (glob in settings.test_paths and tuple(codes) == OFF_IN_TEST_PATHS)}
    if own:  # the user's own entries; test-paths' are the row above
        config.append(("per-file-ignores", "; ".join(
            f"{glob}: {', '.join(codes)}" for glob, codes in own.items())))
    if settings.severity:
        config.append(("severity overrides", ", ".join(
            f"{code}={sev.label}" for code, sev in sorted(settings.severity.items()))))
    generated = reproducible_time(reproducible)
    return RunInfo(
        version=__version__,
        generated=generated or "(omitted: reproducible output)",
        rules=f"{len(enabled)} of {len(catalogue)} rules enabled "
              f"(families {', '.join(families) or 'none'})",
        enabled=enabled,
        config=tuple((k, clean(v)) for k, v in config),
        scanned=tuple(clean(p) for p in result.scanned),
        skipped=tuple((clean(p), clean(r)) for p, r in result.skipped),
        duration="(omitted: reproducible output)" if reproducible
        else f"{result.duration:.2f} s",
        warnings=tuple(clean(w) for w in result.warnings),
    )


def _unresolved(document: dict[str, Any]) -> int:
    """Okta calls the scope analysis could not resolve, when the JSON document says so."""
    value = document.get("unresolved")
    if isinstance(value, list):
        return len(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return 0


def build_report(
    result: RunResult,
    catalogue: Catalogue,
    verify: dict[str, Any] | None = None,
    *,
    reproducible: bool = False,
    title: str | None = None,
) -> AuditReport:
    """The whole audit report for one run (and optionally one live check)."""
    reproducible = is_reproducible(reproducible)
    document = _check_document(result, catalogue)
    context = ContextLines(clean)
    entries: list[FindingEntry] = [
        _entry(f"finding-{i + 1}", finding, catalogue, context)
        for i, finding in enumerate(result.findings)
    ]
    if verify is not None:
        entries.extend(_verify_entries(verify, catalogue, len(entries) + 1))
    active = [e for e in entries if e.waiver_kind is None]
    waived = [e for e in entries if e.waiver_kind is not None]
    builder = _MatrixBuilder()
    rows, analysed = _matrix(result, document, verify, builder)
    rows = _with_findings(rows, entries)
    name = None
    if result.submission is not None and result.submission.name:
        name = clean(result.submission.name)
    live = live_failing(verify)
    counts = {  # "failing" is what decide() blocks on: the check's and the live check's
        "findings": len(active),
        "failing": len(blocking_findings(result)) + live,
        "failing_live": live,
        "waived": len(waived),
        "scanned": len(result.scanned),
        "skipped": len(result.skipped),
    }
    return AuditReport(
        title=title or (f"OIN readiness: {name}" if name else "OIN readiness report"),
        verdict=decide(result, verify, _unresolved(document)),
        matrix=tuple(rows),
        matrix_analysed=analysed,
        evidence=tuple(builder.evidence),
        families=_group(active),
        waived=tuple(waived),
        stale_baseline=tuple(
            clean(f"{e.code} in {e.path} ({e.count} no longer found)")
            for e in result.stale_baseline),
        live=_live(verify, reproducible) if verify is not None else None,
        run=_run_info(result, catalogue, reproducible),
        counts=counts,
    )


AUDIT_FORMATS = ("html", "markdown")


def render_audit(
    fmt: str,
    result: RunResult,
    catalogue: Catalogue,
    verify: dict[str, Any] | None = None,
    *,
    reproducible: bool = False,
) -> str:
    """The audit report in ``fmt`` (html or markdown), with every secret masked."""
    report = build_report(result, catalogue, verify, reproducible=reproducible)
    # Both renderers redact every value they write; the document is never pattern-matched.
    if fmt == "html":
        return render_html(report)
    if fmt == "markdown":
        return render_markdown(report)
    raise ValueError(f"unknown audit format {fmt!r}")
