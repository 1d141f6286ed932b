"""The audit report as one self-contained HTML page a reviewer can open, print and sign off.

Inline CSS only: no script, no external font, image or stylesheet, so the page works offline,
with scripts disabled, and as an e-mail attachment. A Content-Security-Policy that allows no
script and no fetch backs that up. Every string that came from the scanned code or the org goes
through :func:`html.escape` (quotes included) in :func:`_e`; nothing else is interpolated.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from oinlint.redact import redact
from oinlint.report.audit_model import failing_split

if TYPE_CHECKING:
    from oinlint.report.audit_model import AuditReport, Cell, FindingEntry, ScopeRow

__all__ = ["render_html"]

_HIT = ' class="hit"'
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'"

_CSS = """
:root { --fg:#1b1f24; --muted:#57606a; --line:#d0d7de; --bg:#fff; --soft:#f6f8fa;
  --ok:#1a7f37; --bad:#cf222e; --warn:#9a6700; }
* { box-sizing: border-box; }
body { font: 15px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg);
  background: var(--bg); margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 20px; border-bottom: 1px solid var(--line);
  padding-bottom: 4px; margin-top: 32px; } h3 { font-size: 17px; margin: 20px 0 8px; }
h4 { font-size: 15px; margin: 14px 0 6px; color: var(--muted); text-transform: uppercase; }
.meta { color: var(--muted); margin: 0 0 16px; }
nav ul { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
a { color: #0969da; }
.verdict { border: 2px solid var(--line); border-left-width: 10px; border-radius: 6px;
  padding: 12px 16px; margin: 16px 0; }
.verdict h2 { border: 0; margin: 0 0 6px; padding: 0; font-size: 22px; }
.verdict.ready { border-color: var(--ok); } .verdict.ready h2 { color: var(--ok); }
.verdict.not-ready { border-color: var(--bad); } .verdict.not-ready h2 { color: var(--bad); }
.verdict.undecided { border-color: var(--warn); } .verdict.undecided h2 { color: var(--warn); }
.verdict ul { margin: 4px 0; }
.counts { display: flex; gap: 24px; flex-wrap: wrap; margin-top: 8px; color: var(--muted); }
.counts b { color: var(--fg); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: var(--soft); }
td.yes { background: #dafbe1; } td.no { background: #fff; color: var(--muted); }
td.unknown { background: #fff8c5; }
td.refused { background: #ffebe9; }
td.id { white-space: nowrap; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 13px; }
.finding { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; margin: 10px 0;
  break-inside: avoid; }
.finding .head { font-weight: 600; }
.sev { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px;
  font-weight: 600; color: #fff; background: var(--muted); }
.sev.critical { background: #82071e; } .sev.high { background: var(--bad); }
.sev.medium { background: var(--warn); } .sev.low { background: #0969da; }
pre.src { background: var(--soft); border: 1px solid var(--line); border-radius: 4px;
  padding: 6px 0; overflow-x: auto; margin: 8px 0; }
pre.src span { display: block; padding: 0 10px; white-space: pre; }
pre.src span.hit { background: #ffebe9; }
pre.src i { font-style: normal; color: var(--muted); user-select: none; }
.waiver { background: #fff8c5; border-radius: 4px; padding: 4px 8px; }
.muted { color: var(--muted); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; }
dt { font-weight: 600; } dd { margin: 0; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; } .finding, tr, .verdict { break-inside: avoid; }
  pre.src { white-space: pre-wrap; overflow: visible; }
  pre.src span { white-space: pre-wrap; }
  td.yes, td.unknown, td.refused, pre.src, .waiver { -webkit-print-color-adjust: exact;
    print-color-adjust: exact; }
}
"""


def _e(text: object) -> str:
    """Escape for HTML text and attribute values, after masking secrets."""
    return html.escape(redact(str(text)), quote=True)


def _anchor(anchor: str) -> str:
    """Anchors are ours (``finding-3``, ``ev-2``), but escape them anyway."""
    return _e(anchor)


def _cell(cell: Cell) -> str:
    state = cell.state
    if cell.text == "refused":
        state = "refused"
    links = ", ".join(f'<a href="#{_anchor(a)}">{_e(label)}</a>' for label, a in cell.links)
    body = _e(cell.text) + (f"<br><small>{links}</small>" if links else "")
    return f'<td class="{_e(state)}">{body}</td>'


def _matrix(report: AuditReport) -> list[str]:
    out = ['<section id="scope-matrix">', "<h2>Scope matrix</h2>"]
    if not report.matrix_analysed:
        out.append('<p class="muted">The scope analysis of the code is not part of this run: '
                   "the <em>requested</em> and <em>required</em> columns say "
                   "&ldquo;not analysed yet&rdquo;.</p>")
    if not report.matrix:
        out.append("<p>No scope is declared, requested or granted.</p></section>")
        return out
    out.append("<table><thead><tr><th>scope</th><th>declared</th><th>requested in code</th>"
               "<th>required by calls</th><th>granted by the org</th><th>findings</th>"
               "</tr></thead><tbody>")
    for row in report.matrix:
        out.append(_row(row))
    out.append("</tbody></table></section>")
    return out


def _row(row: ScopeRow) -> str:
    findings = ", ".join(f'<a href="#{_anchor(a)}">{_e(code)}</a>' for code, a in row.findings)
    return (f"<tr><th scope=\"row\"><code>{_e(row.scope)}</code></th>{_cell(row.declared)}"
            f"{_cell(row.requested)}{_cell(row.required)}{_cell(row.granted)}"
            f"<td>{findings or '—'}</td></tr>")


def _finding(entry: FindingEntry) -> list[str]:
    out = [f'<article class="finding" id="{_anchor(entry.anchor)}">',
           f'<div class="head"><span class="sev {_e(entry.severity)}">{_e(entry.severity)}'
           f"</span> <code>{_e(entry.code)}</code> {_e(entry.name)} &middot; "
           f"<code>{_e(entry.where)}</code></div>",
           f"<p>{_e(entry.message)}</p>"]
    if entry.waiver_kind is not None:
        out.append(f'<p class="waiver"><b>Waived ({_e(entry.waiver_kind)}):</b> '
                   f"{_e(entry.waiver_reason or 'no reason given')}</p>")
    if entry.snippet:
        width = len(str(entry.snippet[-1][0]))
        lines = "".join(
            f"<span{_HIT if hit else ''}><i>{number:>{width}} </i>{_e(text)}</span>"
            for number, text, hit in entry.snippet)
        out.append(f'<pre class="src">{lines}</pre>')
    for related in entry.related:
        out.append(f'<p class="muted">note: {_e(related)}</p>')
    if entry.why:
        out.append(f"<p><b>Why it matters:</b> {_e(entry.why)}</p>")
    if entry.fix:
        out.append(f"<p><b>Fix:</b> {_e(entry.fix)}</p>")
    out.append("</article>")
    return out


def _findings(report: AuditReport) -> list[str]:
    out = ['<section id="findings">', "<h2>Findings</h2>"]
    if not report.families:
        out.append("<p>No active finding.</p>")
    for group in report.families:
        out.append(f'<h3 id="family-{_e(group.family)}">{_e(group.family)}xx '
                   f"{_e(group.title)} ({group.count})</h3>")
        for severity, entries in group.by_severity:
            out.append(f"<h4>{_e(severity)} ({len(entries)})</h4>")
            for entry in entries:
                out.extend(_finding(entry))
    out.append("</section>")
    return out


def _waivers(report: AuditReport) -> list[str]:
    out = ['<section id="waivers">', "<h2>Suppressions and baseline</h2>"]
    if not report.waived and not report.stale_baseline:
        out.append("<p>Nothing is waived.</p>")
    if report.waived:
        out.append("<p>Waived findings do not fail the run; they are shown here with the "
                   "reason given, so the waiver can be reviewed.</p>")
        for entry in report.waived:
            out.extend(_finding(entry))
    if report.stale_baseline:
        out.append("<h3>Stale baseline entries</h3><ul>")
        out.extend(f"<li>{_e(item)}</li>" for item in report.stale_baseline)
        out.append("</ul>")
    out.append("</section>")
    return out


def _live(report: AuditReport) -> list[str]:
    out = ['<section id="live-check">', "<h2>Live check</h2>"]
    live = report.live
    if live is None:
        out.append("<p>No live-check result was given. Run <code>oinlint verify --format json "
                   "-o verify.json</code> and pass <code>--verify-result verify.json</code>.</p>"
                   "</section>")
        return out
    org = live.host + (" (emulator)" if live.emulator else "")
    items = [("outcome", live.outcome), ("reason", live.reason), ("org", org),
             ("client", f"{live.client_id} ({live.auth_method})"), ("time", live.started_at)]
    if live.duration:
        items.append(("duration", live.duration))
    items += [("requests made", str(live.request_count)),
              ("granted", ", ".join(live.granted) or "none"),
              ("refused", ", ".join(live.refused) or "none")]
    if live.undetermined:
        items.append(("undetermined", ", ".join(live.undetermined)))
    if live.undeclared_checked:
        verdict = "granted" if live.undeclared_checked in live.undeclared_granted else "refused"
        items.append(("undeclared scope asked", f"{live.undeclared_checked}: {verdict}"))
    if live.incomplete:
        items.append(("stopped early", live.incomplete))
    out.append("<dl>" + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in items) + "</dl>")
    if live.requests:
        out.append("<h3>Requests</h3><table><thead><tr><th>step</th><th>method</th>"
                   "<th>path</th><th>status</th><th>result</th></tr></thead><tbody>")
        out.extend("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in request) + "</tr>"
                   for request in live.requests)
        out.append("</tbody></table>")
    if live.notes:
        out.append("<h3>Notes</h3><ul>" + "".join(f"<li>{_e(n)}</li>" for n in live.notes)
                   + "</ul>")
    out.append("</section>")
    return out


def _evidence(report: AuditReport) -> list[str]:
    out = ['<section id="evidence">', "<h2>Scope evidence</h2>"]
    if not report.evidence:
        out.append("<p>No evidence recorded.</p></section>")
        return out
    out.append("<table><thead><tr><th>#</th><th>scope</th><th>kind</th><th>where</th>"
               "<th>detail</th></tr></thead><tbody>")
    for item in report.evidence:
        out.append(f'<tr id="{_anchor(item.anchor)}"><td class="id">{_e(item.anchor)}</td>'
                   f"<td><code>{_e(item.scope)}</code></td><td>{_e(item.kind)}</td>"
                   f"<td><code>{_e(item.where)}</code></td><td>{_e(item.detail)}</td></tr>")
    out.append("</tbody></table></section>")
    return out


def _run(report: AuditReport) -> list[str]:
    run = report.run
    out = ['<section id="run">', "<h2>How this report was made</h2>", "<dl>"]
    items = [("tool", f"oinlint {run.version}"), ("generated", run.generated),
             ("rule set", run.rules), ("time taken", run.duration),
             ("files scanned", str(len(run.scanned))), ("files skipped", str(len(run.skipped)))]
    items += list(run.config)
    out.extend(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in items)
    out.append("</dl>")
    out.append(f"<h3>Rules enabled</h3><p><code>{_e(' '.join(run.enabled))}</code></p>")
    out.append("<h3>Files scanned</h3><ul>"
               + "".join(f"<li><code>{_e(p)}</code></li>" for p in run.scanned) + "</ul>")
    if run.skipped:
        out.append("<h3>Files skipped</h3><ul>" + "".join(
            f"<li><code>{_e(p)}</code>: {_e(r)}</li>" for p, r in run.skipped) + "</ul>")
    if run.warnings:
        out.append("<h3>Warnings</h3><ul>"
                   + "".join(f"<li>{_e(w)}</li>" for w in run.warnings) + "</ul>")
    out.append("</section>")
    return out


def render_html(report: AuditReport) -> str:
    """The page, every value in it redacted and escaped."""
    verdict = report.verdict
    counts = report.counts
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_e(report.title)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<header><h1>{_e(report.title)}</h1>",
        f'<p class="meta">oinlint {_e(report.run.version)} &middot; {_e(report.run.generated)}'
        "</p>",
        '<nav aria-label="sections"><ul><li><a href="#verdict">Verdict</a></li>'
        '<li><a href="#scope-matrix">Scope matrix</a></li>'
        '<li><a href="#findings">Findings</a></li>'
        '<li><a href="#waivers">Suppressions and baseline</a></li>'
        '<li><a href="#live-check">Live check</a></li>'
        '<li><a href="#evidence">Scope evidence</a></li>'
        '<li><a href="#run">How this report was made</a></li></ul></nav></header>',
        "<main>",
        f'<section id="verdict" class="verdict {_e(verdict.status)}">',
        f'<h2 id="verdict-label">Verdict: {_e(verdict.label)}</h2><ul>',
        *(f"<li>{_e(reason)}</li>" for reason in verdict.reasons),
        "</ul>",
    ]
    if verdict.notes:
        out.append('<p class="muted">Also:</p><ul class="muted">'
                   + "".join(f"<li>{_e(n)}</li>" for n in verdict.notes) + "</ul>")
    out.append(
        f'<div class="counts"><span><b>{counts.get("findings", 0)}</b> active findings</span>'
        f'<span><b>{counts.get("failing", 0)}</b> failing{_e(failing_split(counts))}</span>'
        f'<span><b>{counts.get("waived", 0)}</b> waived</span>'
        f'<span><b>{counts.get("scanned", 0)}</b> files scanned</span>'
        f'<span><b>{counts.get("skipped", 0)}</b> skipped</span></div></section>')
    for part in (_matrix, _findings, _waivers, _live, _evidence, _run):
        out.extend(part(report))
    out.append("</main><footer>Generated by oinlint. This page is self-contained: no script, "
               "no external resource.</footer></body></html>")
    return "\n".join(out) + "\n"
