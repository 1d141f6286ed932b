"""Scope fixes of ``oin-submission.yaml``: it gets exactly the scopes the calls need.

From the run's findings and its one scope analysis (rules stay pure; this module only reads
the :class:`~oinlint.engine.RunResult`):

* OIN201: a misspelt scope becomes the one scope suggested (only when there is exactly one);
* OIN202: a ``.manage`` scope used only for reads becomes its ``.read`` twin (its entry goes
  when the twin is declared too);
* OIN203: a declared scope no call needs goes, with its reason;
* OIN206: of a read + manage pair the one not needed goes (the manage one when reads suffice);
* OIN204: a scope a call needs is added after the last one, with a ``TODO`` reason (OIN602
  keeps flagging it until someone writes why).

Edits are whole lines of the text as read, at the positions the YAML tree recorded, so comments,
blank lines and the other scopes' reasons stay byte for byte. A fix is safe when no call the
analysis could not resolve touches the scope's resource (it could need what the fix removes, or
more than it adds); else it needs ``--unsafe-fixes``. A file that does not parse, or whose
scopes are not a block list of mappings, gets no fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from oinlint.findings import Finding
from oinlint.fixes.model import Edit, Fix
from oinlint.okta import scope, suggest, twin
from oinlint.scope_analysis import Analysis
from oinlint.submission import Submission
from oinlint.submission.model import DeclaredScope

__all__ = ["TODO_REASON", "scope_fixes"]

TODO_REASON = "TODO: say which feature needs this scope"
CODES = frozenset({"OIN201", "OIN202", "OIN203", "OIN204", "OIN206"})
_DASH = re.compile(r"^(\s*)-\s+$")


def _resource(name: str) -> str:
    """``okta.users.read`` → ``users``."""
    parts = name.split(".")
    return parts[1].lower() if len(parts) == 3 else name.lower()


def complete_for(analysis: Analysis, name: str) -> bool:
    """No unresolved call touches ``name``'s resource (so none could need what a fix changes)."""
    resource = _resource(name)
    for call in analysis.unresolved:
        if call.anything or resource in call.path.lower():
            return False
        if any(_resource(s) == resource for s in call.could_need()):
            return False
    return True


class _Entries:
    """The declared scopes' entries as lines of the original text."""

    def __init__(self, submission: Submission, text: str) -> None:
        self.submission = submission
        self.lines = text.splitlines(keepends=True)
        self.newline = "\r\n" if self.lines and self.lines[0].endswith("\r\n") else "\n"
        raw = submission.data.get("scopes") if isinstance(submission.data, dict) else None
        self.count = len(raw) if isinstance(raw, list) else 0
        self.index = {submission.spans.get(f"scopes[{i}].name"): i for i in range(self.count)}

    def of(self, declared: DeclaredScope) -> int | None:
        return self.index.get(declared.span)

    def block(self, index: int) -> tuple[int, int, str] | None:
        """(first line, line after, indent of the dash) of a block-style entry, else None."""
        span = self.submission.spans.get(f"scopes[{index}]")
        if span is None or span.line > len(self.lines):
            return None
        match = _DASH.match(self.lines[span.line - 1][: span.column - 1])
        if match is None:
            return None
        # A mapping's end mark is where the next token starts: its last value ends it.
        prefix = f"scopes[{index}]."
        last = max((s.end_line for k, s in self.submission.spans.items()
                    if k.startswith(prefix)), default=span.line)
        return span.line, last + 1, match.group(1)

    def line_with(self, declared: DeclaredScope, new_name: str) -> Edit | None:
        """The name's line with ``new_name`` in place of the name (its quotes kept)."""
        span = declared.span
        if span.end_line != span.line or span.line > len(self.lines):
            return None
        line = self.lines[span.line - 1]
        written = line[span.column - 1 : span.end_column - 1]
        quote = written[0] if written[:1] in ("'", '"') and written[-1:] == written[:1] else ""
        if written.strip(quote) != declared.name:
            return None  # escapes or a folded scalar: not a plain one-line name
        new = line[: span.column - 1] + quote + new_name + quote + line[span.end_column - 1 :]
        return Edit(span.line, span.line + 1, (new,))

    def removal(self, declared: DeclaredScope) -> Edit | None:
        index = self.of(declared)
        block = self.block(index) if index is not None else None
        return Edit(block[0], block[1], ()) if block is not None else None

    def addition(self, names: Sequence[str]) -> Edit | None:
        """New entries after the last block-style one, indented like it."""
        if not self.count:
            return None
        block = self.block(self.count - 1)
        name_span = self.submission.spans.get(f"scopes[{self.count - 1}]")
        if block is None or name_span is None:
            return None
        _, after, dash = block
        inner = " " * (name_span.column - 1)
        lines: list[str] = []
        if after - 1 <= len(self.lines) and not self.lines[after - 2].endswith("\n"):
            return None  # the file ends without a newline inside the entry: leave it
        for name in names:
            lines.append(f"{dash}- name: {name}{self.newline}")
            lines.append(f'{inner}reason: "{TODO_REASON}"{self.newline}')
        return Edit(after, after, tuple(lines))


def _declared_at(submission: Submission, finding: Finding) -> DeclaredScope | None:
    for declared in submission.scopes:
        span = declared.span
        if (span.path, span.line, span.column) == (finding.span.path, finding.span.line,
                                                   finding.span.column):
            return declared
    return None


def _fix(finding: Finding, submission: Submission, edit: Edit | None, safe: bool,
         title: str) -> Fix | None:
    if edit is None:
        return None
    return Fix(finding.code, submission.path, finding.span.path, finding.span.line,
               finding.span.column, (edit,), safe, title)


def scope_fixes(findings: Sequence[Finding], submission: Submission | None, text: str | None,
                analysis: Analysis) -> Iterator[Fix]:
    """The fixes for the OIN2xx findings that a change to the submission file answers."""
    if submission is None or text is None or not submission.parsed or any(
            p.code == "OIN601" for p in submission.problems):
        return
    entries = _Entries(submission, text)
    declared_names = analysis.declared_names
    needed = {n for call in analysis.calls for n in analysis.missing(call, declared_names)}
    renamed: set[str] = set()  # names a rename brings in: not added a second time
    for finding in findings:
        if finding.code not in CODES or finding.code == "OIN204":
            continue
        declared = _declared_at(submission, finding)
        if declared is None:
            continue
        name = declared.name
        if finding.code == "OIN201":
            hints = suggest(name)
            if len(hints) > 1:  # several: the one a call misses, when only one is
                hints = tuple(h for h in hints if h in needed)
            if len(hints) == 1 and hints[0] not in declared_names | renamed:
                renamed.add(hints[0])
                yield from _opt(_fix(finding, submission, entries.line_with(declared, hints[0]),
                                     complete_for(analysis, hints[0]),
                                     f"replace {name} with {hints[0]}"))
        elif finding.code == "OIN202":
            read = twin(name)
            if read is None:
                continue
            safe = complete_for(analysis, name)
            if read in declared_names:
                yield from _opt(_fix(finding, submission, entries.removal(declared), safe,
                                     f"remove {name} ({read} is declared)"))
            else:
                renamed.add(read)
                yield from _opt(_fix(finding, submission, entries.line_with(declared, read),
                                     safe, f"replace {name} with {read}"))
        elif finding.code == "OIN203":
            yield from _opt(_fix(finding, submission, entries.removal(declared),
                                 complete_for(analysis, name), f"remove {name}"))
        elif finding.code == "OIN206":
            yield from _opt(_collapse(finding, submission, entries, declared, analysis))
    yield from _additions(findings, submission, entries, analysis, renamed)


def _collapse(finding: Finding, submission: Submission, entries: _Entries,
              declared: DeclaredScope, analysis: Analysis) -> Fix | None:
    """OIN206 (reported at the read scope): keep read when reads suffice, else manage."""
    manage = twin(declared.name)
    if manage is None:
        return None
    if analysis.read_suffices(manage, analysis.declared_names) is not None:
        twin_entry = next((d for d in submission.scopes if d.name == manage), None)
        if twin_entry is None:
            return None
        return _fix(finding, submission, entries.removal(twin_entry),
                    complete_for(analysis, manage), f"remove {manage} (reads suffice)")
    return _fix(finding, submission, entries.removal(declared), True,
                f"remove {declared.name} ({manage} includes it)")


def _additions(findings: Sequence[Finding], submission: Submission, entries: _Entries,
               analysis: Analysis, renamed: set[str]) -> Iterator[Fix]:
    """OIN204: one entry per missing scope, each added by the first finding that needs it
    (none that a rename in this pass already brings in)."""
    added: set[str] = set(analysis.declared_names) | renamed
    for finding in findings:
        if finding.code != "OIN204":
            continue
        call = next((c for c in analysis.calls if c.span == finding.span), None)
        if call is None:
            continue
        names = [n for n in analysis.missing(call, analysis.declared_names)
                 if n not in added and scope(n) is not None]
        if not names:
            continue
        added.update(names)
        safe = all(complete_for(analysis, n) for n in names)
        yield from _opt(_fix(finding, submission, entries.addition(names), safe,
                             f"declare {' and '.join(names)}"))


def _opt(fix: Fix | None) -> Iterator[Fix]:
    if fix is not None:
        yield fix


def read_text(path: Path) -> str | None:
    """The file as text, or None when it cannot be read as UTF-8 (then nothing is fixed)."""
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
