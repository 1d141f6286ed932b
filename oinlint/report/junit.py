"""``--format junit``: JUnit XML for CI test tabs (GitLab, Jenkins, Azure DevOps, …).

One ``<testsuite name="oinlint">`` with a ``<testcase>`` per file: a scanned file passes or has
one ``<failure>`` per active finding; a skipped file is a skipped test case. ``failures`` counts
failed test cases (as JUnit defines it), not ``<failure>`` elements: two findings in one file
are one failed test. Waived findings are
not failures: they are listed in the test case's ``<system-out>`` with their reasons so the test
tab still shows them. The XML is built with :mod:`xml.etree.ElementTree` (which escapes markup);
characters XML 1.0 cannot carry are replaced first, after each value is redacted.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from oinlint._version import __version__
from oinlint.redact import redact

if TYPE_CHECKING:
    from oinlint.findings import Finding
    from oinlint.report.input import ReportInput
    from oinlint.rules.catalogue import Catalogue

__all__ = ["render"]

# Characters outside XML 1.0's Char production (control characters, lone surrogates, FFFE/FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    """One value, redacted, with what XML 1.0 cannot carry replaced."""
    return _NOT_XML.sub("\ufffd", redact(text))


def _where(finding: Finding) -> str:
    span = finding.span
    return f"{span.path}:{span.line}:{span.column}"


def _failure_text(finding: Finding) -> str:
    """Each value redacted on its own before the lines are joined."""
    lines = [f"{redact(_where(finding))}: {finding.code} {redact(finding.message)}",
             f"severity: {finding.severity.label}"]
    lines += [f"note: {redact(r.span.path)}:{r.span.line}:{r.span.column}: {redact(r.message)}"
              for r in finding.related]
    if finding.fix:
        lines.append(f"fix: {redact(finding.fix)}")
    return "\n".join(lines)


def _waived_text(finding: Finding) -> str:
    kind, reason = (finding.waiver.kind, finding.waiver.reason) if finding.waiver else ("", "")
    reason = reason or "no reason given"
    return (f"waived ({kind}: {redact(reason)}): {redact(_where(finding))}: {finding.code} "
            f"{redact(finding.message)}")


def _element(parent: ET.Element, tag: str, **attributes: str) -> ET.Element:
    return ET.SubElement(parent, tag, {k: _clean(v) for k, v in attributes.items()})


def render(result: ReportInput, catalogue: Catalogue, color: bool = False) -> str:
    by_path: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_path.setdefault(finding.span.path, []).append(finding)
    paths = list(dict.fromkeys([*result.scanned, *by_path]))  # project findings may name others
    skipped = [(p, reason) for p, reason in result.skipped if p not in by_path]

    failures = len({f.span.path for f in result.active})
    tests = len(paths) + len(skipped)
    time = f"{result.duration:.3f}"
    root = ET.Element("testsuites", {
        "name": "oinlint", "tests": str(tests), "failures": str(failures), "errors": "0",
        "skipped": str(len(skipped)), "time": time,
    })
    suite = _element(
        root, "testsuite", name="oinlint", tests=str(tests), failures=str(failures),
        errors="0", skipped=str(len(skipped)), time=time,
    )
    properties = _element(suite, "properties")
    _element(properties, "property", name="oinlint.version", value=__version__)
    _element(properties, "property", name="fail-on", value=result.fail_on.label)
    for path in paths:
        case = _element(suite, "testcase", classname=path, name=path, file=path, time="0")
        findings = by_path.get(path, [])
        for finding in findings:
            if finding.waiver is not None:
                continue
            failure = _element(
                case, "failure", type=finding.code,
                message=f"{finding.code} {finding.name} ({finding.severity.label}): "
                f"{redact(finding.message)}",
            )
            failure.text = _clean(_failure_text(finding))
        waived = [_waived_text(f) for f in findings if f.waiver is not None]
        if waived:
            _element(case, "system-out").text = _clean("\n".join(waived))
    for path, reason in skipped:
        case = _element(suite, "testcase", classname=path, name=path, file=path, time="0")
        _element(case, "skipped", message=reason)
    if result.warnings:
        _element(suite, "system-err").text = _clean(
            "\n".join(f"oinlint: warning: {redact(w)}" for w in result.warnings))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(
        root, encoding="unicode") + "\n"
