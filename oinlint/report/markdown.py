"""The audit report as GitHub-flavoured Markdown (a PR comment, a wiki page, a release asset).

Text from the scanned code or the org is escaped with :func:`_md` (the Markdown punctuation
that could format or link backslash-escaped, ``<``/``>``/``&`` as entities, ``|`` escaped so
tables hold, newlines folded; a code span of plain text kept) so that it can neither format,
link nor inject HTML. Source lines go in fenced code
blocks whose fence is longer than any backtick run inside, where GitHub shows text verbatim.
Anchors are ``<a id>`` tags with our own ids (``finding-3``, ``ev-2``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from oinlint.redact import redact
from oinlint.report.audit_model import failing_split

if TYPE_CHECKING:
    from oinlint.report.audit_model import AuditReport, Cell, FindingEntry

__all__ = ["escape_markdown", "render_markdown"]

# Characters that format, link or break a table anywhere in a line; others only at its start.
_PUNCT = re.compile(r"[\\`*_\[\]|~]")
# What opens a block at the start of a line: an ATX heading or a list item needs a space (or
# the end) after its marker, so ``0.1.0`` or ``-x`` stay as they are; a line of ``=`` or ``-``
# alone is a setext underline or a thematic break.
_LEADING = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|[+-](?=\s|$)|\d{1,9}(?=[.)](?:\s|$))|[=-]+\s*$)")
_BACKTICKS = re.compile(r"`+")
# A code span is kept only when what it shows is plain: no markup a renderer might still
# read, and no ``|``, which splits a table cell even inside a code span.
_NOT_IN_SPAN = re.compile(r"[|]")


def _is_word(char: str) -> bool:
    return char.isalnum()


def _escape_char(match: re.Match[str]) -> str:
    """``okta_api`` keeps its underscore: between two letters or digits ``_`` cannot open or
    close emphasis (CommonMark's flanking rules); everything else is backslash-escaped."""
    text, start = match.string, match.start()
    if match.group() == "_" and 0 < start < len(text) - 1 and _is_word(text[start - 1]) \
            and _is_word(text[start + 1]):
        return "_"
    return "\\" + match.group()


def _escape_text(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _PUNCT.sub(_escape_char, text)


def _code_spans(value: str) -> list[tuple[bool, str]]:
    """``value`` as (is a code span, text) pieces, paired as CommonMark pairs backticks: a run
    opens a span closed by the next run of the same length; a run without one is text."""
    pieces: list[tuple[bool, str]] = []
    runs = list(_BACKTICKS.finditer(value))
    text_start, index = 0, 0
    while index < len(runs):
        opener = runs[index]
        closer = next((i for i in range(index + 1, len(runs))
                       if len(runs[i].group()) == len(opener.group())), None)
        if closer is None:
            index += 1
            continue
        span = value[opener.start():runs[closer].end()]
        content = span.strip("`")
        if content.strip() and not _NOT_IN_SPAN.search(content):
            pieces.append((False, value[text_start:opener.start()]))
            pieces.append((True, span))
            text_start = runs[closer].end()
        index = closer + 1
    pieces.append((False, value[text_start:]))
    return [(code, text) for code, text in pieces if text]


def escape_markdown(text: object) -> str:
    """Inline Markdown for untrusted text: no formatting, no links, no HTML, one line.

    Only what Markdown would read is escaped (``0.1.0`` stays ``0.1.0``, ``okta_api`` keeps its
    underscore), and a code span of plain text (a rule's `` `OKTA_API_TOKEN` ``) stays a code
    span, shown verbatim, instead of backslash-escaped backticks."""
    value = " ".join(redact(str(text)).split())
    out = "".join(span if code else _escape_text(span) for code, span in _code_spans(value))
    return _LEADING.sub(_escape_leading, out, count=1)


def _escape_leading(match: re.Match[str]) -> str:
    """``# x`` → ``\\# x``; ``1. x`` → ``1\\. x`` (a digit cannot be backslash-escaped)."""
    lead, mark = match.group(1), match.group(2)
    if mark[0].isdigit():
        return lead + mark + "\\"
    return lead + "\\" + mark


_md = escape_markdown


def _fence(lines: list[str]) -> str:
    longest = max((len(m) for line in lines for m in _BACKTICKS.findall(line)), default=0)
    return "`" * max(3, longest + 1)


def _link(label: str, anchor: str) -> str:
    return f"[{_md(label)}](#{anchor})"


def _cell(cell: Cell) -> str:
    text = _md(cell.text)
    if cell.text == "granted":
        text = "✅ granted"
    elif cell.text == "refused":
        text = "❌ refused"
    elif cell.text == "yes":
        text = "✅ yes"
    links = ", ".join(_link(label, anchor) for label, anchor in cell.links)
    return f"{text}<br>{links}" if links else text


def _finding(entry: FindingEntry) -> list[str]:
    out = [f'<a id="{entry.anchor}"></a>',
           f"**{_md(entry.code)}** {_md(entry.name)} · *{_md(entry.severity)}* · "
           f"{_md(entry.where)}", "", _md(entry.message), ""]
    if entry.waiver_kind is not None:
        out += [f"> **Waived ({_md(entry.waiver_kind)}):** "
                f"{_md(entry.waiver_reason or 'no reason given')}", ""]
    if entry.snippet:
        width = len(str(entry.snippet[-1][0]))
        lines = [f"{'>' if hit else ' '} {number:>{width}} | {redact(text)}"
                 for number, text, hit in entry.snippet]
        fence = _fence(lines)
        out += [fence + "text", *lines, fence, ""]
    for related in entry.related:
        out += [f"- note: {_md(related)}"]
    if entry.related:
        out.append("")
    if entry.why:
        out += [f"**Why it matters:** {_md(entry.why)}", ""]
    if entry.fix:
        out += [f"**Fix:** {_md(entry.fix)}", ""]
    return out


def render_markdown(report: AuditReport) -> str:
    """The document, every value in it redacted."""
    verdict = report.verdict
    icon = {"ready": "✅", "not-ready": "❌", "undecided": "⚠️"}[verdict.status]
    counts = report.counts
    out = [f"# {_md(report.title)}", "",
           f"oinlint {_md(report.run.version)} · {_md(report.run.generated)}", "",
           '<a id="verdict"></a>', f"## {icon} Verdict: {verdict.label}", ""]
    out += [f"- {_md(reason)}" for reason in verdict.reasons]
    if verdict.notes:
        out += ["", "Also:", ""] + [f"- {_md(note)}" for note in verdict.notes]
    out += ["", f"{counts.get('findings', 0)} active findings · {counts.get('failing', 0)} "
            f"failing{failing_split(counts)} · {counts.get('waived', 0)} waived · "
            f"{counts.get('scanned', 0)} files scanned · {counts.get('skipped', 0)} skipped", ""]

    out += ['<a id="scope-matrix"></a>', "## Scope matrix", ""]
    if not report.matrix_analysed:
        out += ["The scope analysis of the code is not part of this run: the *requested* and "
                "*required* columns say “not analysed yet”.", ""]
    if report.matrix:
        out += ["| scope | declared | requested in code | required by calls | granted by the "
                "org | findings |", "|---|---|---|---|---|---|"]
        for row in report.matrix:
            findings = ", ".join(_link(code, anchor) for code, anchor in row.findings) or "—"
            out.append(f"| {_md(row.scope)} | {_cell(row.declared)} | "
                       f"{_cell(row.requested)} | {_cell(row.required)} | "
                       f"{_cell(row.granted)} | {findings} |")
        out.append("")
    else:
        out += ["No scope is declared, requested or granted.", ""]

    out += ['<a id="findings"></a>', "## Findings", ""]
    if not report.families:
        out += ["No active finding.", ""]
    for group in report.families:
        out += [f"### {_md(group.family)}xx {_md(group.title)} ({group.count})", ""]
        for severity, entries in group.by_severity:
            out += [f"#### {_md(severity)} ({len(entries)})", ""]
            for entry in entries:
                out += _finding(entry)

    out += ['<a id="waivers"></a>', "## Suppressions and baseline", ""]
    if not report.waived and not report.stale_baseline:
        out += ["Nothing is waived.", ""]
    for entry in report.waived:
        out += _finding(entry)
    if report.stale_baseline:
        out += ["### Stale baseline entries", ""]
        out += [f"- {_md(item)}" for item in report.stale_baseline] + [""]

    out += ['<a id="live-check"></a>', "## Live check", ""]
    live = report.live
    if live is None:
        out += ["No live-check result was given. Run `oinlint verify --format json -o "
                "verify.json` and pass `--verify-result verify.json`.", ""]
    else:
        org = live.host + (" (emulator)" if live.emulator else "")
        rows = [("outcome", live.outcome), ("reason", live.reason), ("org", org),
                ("client", f"{live.client_id} ({live.auth_method})"),
                ("time", live.started_at)]
        if live.duration:
            rows.append(("duration", live.duration))
        rows += [("requests made", str(live.request_count)),
                 ("granted", ", ".join(live.granted) or "none"),
                 ("refused", ", ".join(live.refused) or "none")]
        if live.undetermined:
            rows.append(("undetermined", ", ".join(live.undetermined)))
        if live.undeclared_checked:
            state = ("granted" if live.undeclared_checked in live.undeclared_granted
                     else "refused")
            rows.append(("undeclared scope asked", f"{live.undeclared_checked}: {state}"))
        if live.incomplete:
            rows.append(("stopped early", live.incomplete))
        out += ["| | |", "|---|---|"] + [f"| {_md(k)} | {_md(v)} |" for k, v in rows] + [""]
        if live.requests:
            out += ["| step | method | path | status | result |", "|---|---|---|---|---|"]
            out += ["| " + " | ".join(_md(v) for v in request) + " |"
                    for request in live.requests]
            out.append("")
        if live.notes:
            out += [f"- {_md(note)}" for note in live.notes] + [""]

    out += ['<a id="evidence"></a>', "## Scope evidence", ""]
    if report.evidence:
        out += ["| # | scope | kind | where | detail |", "|---|---|---|---|---|"]
        out += [f'| <a id="{item.anchor}"></a>{item.anchor} | {_md(item.scope)} | '
                f"{_md(item.kind)} | {_md(item.where)} | {_md(item.detail)} |"
                for item in report.evidence]
        out.append("")
    else:
        out += ["No evidence recorded.", ""]

    run = report.run
    out += ['<a id="run"></a>', "## How this report was made", "", "| | |", "|---|---|"]
    items = [("tool", f"oinlint {run.version}"), ("generated", run.generated),
             ("rule set", run.rules), ("time taken", run.duration),
             ("files scanned", str(len(run.scanned))), ("files skipped", str(len(run.skipped))),
             *run.config]
    out += [f"| {_md(k)} | {_md(v)} |" for k, v in items]
    out += ["", f"Rules enabled: {_md(' '.join(run.enabled))}", ""]
    out += ["Files scanned:", ""] + [f"- {_md(p)}" for p in run.scanned] + [""]
    if run.skipped:
        out += ["Files skipped:", ""] + [f"- {_md(p)}: {_md(r)}" for p, r in run.skipped] + [""]
    if run.warnings:
        out += ["Warnings:", ""] + [f"- {_md(w)}" for w in run.warnings] + [""]
    return "\n".join(out).rstrip("\n") + "\n"
