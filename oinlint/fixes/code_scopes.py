"""Scope fixes in the code: the scope strings of token requests and SDK configurations get
exactly what the calls need, as the submission does (:mod:`~oinlint.fixes.submission_scopes`).

Language-neutral: a code-side OIN201/OIN202/OIN203 finding points at the scope's name inside
its string, so the fix is a text edit there:

* OIN202: ``okta.users.manage`` becomes ``okta.users.read`` (or goes, when the read scope is
  requested in the same string or list already);
* OIN201: a misspelt scope becomes the one scope suggested (only when there is exactly one);
* OIN203: the scope goes, with one separator of its string (``" "``, ``%20``, ``+``, ``,``) or,
  as a list element, with its quotes and one comma (a line of its own goes whole).

Every edit is proved before it is offered: the file must have parsed, the name must be written
plainly at the finding's place, and the front end, run again on the new text, must see exactly
the old scope strings of that file minus the one removed (plus the one put in). An edit that
would turn a one-element tuple into a string, empty a list, or break the syntax fails that proof
and is not offered. Safe when no unresolved call touches the scope's resource, as for the
submission.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from oinlint.facts import FileFacts, ScopeList, Span, TokenRequest
from oinlint.findings import Finding
from oinlint.fixes.apply import apply_edits
from oinlint.fixes.model import Edit, Fix
from oinlint.fixes.submission_scopes import complete_for, read_text
from oinlint.frontends import parse
from oinlint.okta import suggest, twin
from oinlint.scope_analysis import Analysis, ScopeUse

__all__ = ["CODE_CODES", "code_scope_fixes"]

CODE_CODES = frozenset({"OIN201", "OIN202", "OIN203"})
# Separators between scopes inside one string: space, URL-encoded space, form '+', comma.
_SEPARATORS = ("%20", " ", "+", ",")
_QUOTES = ("'", '"', "`")
_ELEMENT_AFTER = re.compile(r"\s*,[ \t]*")
_ELEMENT_BEFORE = re.compile(r",\s*$")
# A bare parenthesis round one string: a Python one-element tuple losing its comma is a string.
_PAREN_ROUND_ONE = re.compile(r"(?<![\w\])])\(\s*(['\"])[^'\"]*\1\s*\)")


def code_scope_fixes(findings: Sequence[Finding], analysis: Analysis,
                     files: Sequence[FileFacts], root: Path) -> Iterator[Fix]:
    """The fixes for code-side scope findings (at a scope string, not in the submission)."""
    uses = {(u.span.path, u.span.line, u.span.column): u for u in analysis.requested}
    by_path = {f.path: f for f in files}
    requested = analysis.requested_names
    needed = {n for call in analysis.calls for n in analysis.missing(call, requested)}
    for finding in findings:
        if finding.code not in CODE_CODES:
            continue
        use = uses.get((finding.span.path, finding.span.line, finding.span.column))
        facts = by_path.get(finding.span.path)
        if use is None or facts is None or facts.problems:
            continue  # not a code-side scope, or a file that did not parse
        fix = _fix_for(finding, use, analysis, facts, root, needed)
        if fix is not None:
            yield fix


def _fix_for(finding: Finding, use: ScopeUse, analysis: Analysis, facts: FileFacts, root: Path,
             needed: set[str]) -> Fix | None:
    path = _inside(root, facts.path)
    text = read_text(path) if path is not None else None
    if path is None or text is None:
        return None
    lines = text.splitlines(keepends=True)
    span = use.span
    if span.end_line != span.line or span.line > len(lines):
        return None
    line = lines[span.line - 1]
    start, end = span.column - 1, span.end_column - 1
    if line[start:end] != use.name:
        return None  # escaped, built or split: not a plain name to edit
    name = use.name
    same_line = {u.name for u in analysis.requested
                 if u.span.path == span.path and u.span.line == span.line}
    edit: Edit | None
    if finding.code == "OIN202":
        read = twin(name)
        if read is None:
            return None
        safe, added = complete_for(analysis, name), ("" if read in same_line else read)
        title = f"replace {name} with {read} in the code" if added else f"remove {name}"
        edit = (_replace(lines, span, added) if added else _remove(lines, span))
    elif finding.code == "OIN201":
        hints = suggest(name)
        if len(hints) > 1:
            hints = tuple(h for h in hints if h in needed)
        if len(hints) != 1 or hints[0] in analysis.requested_names:
            return None
        added, safe = hints[0], complete_for(analysis, hints[0])
        title = f"replace {name} with {added} in the code"
        edit = _replace(lines, span, added)
    else:  # OIN203
        added, safe = "", complete_for(analysis, name)
        title = f"remove {name} from the code"
        edit = _remove(lines, span)
    if edit is None or not _proved(facts, text, edit, name, added):
        return None
    return Fix(finding.code, path, finding.span.path, finding.span.line, finding.span.column,
               (edit,), safe, title)


def _inside(root: Path, shown: str) -> Path | None:
    """The file a finding's path names, when it lies inside the project root."""
    path = Path(shown)
    try:
        resolved = path.resolve()
        resolved.relative_to(root.resolve())
    except (OSError, ValueError):
        return None
    return resolved


def _replace(lines: list[str], span: Span, new: str) -> Edit:
    line = lines[span.line - 1]
    return Edit(span.line, span.line + 1,
                (line[: span.column - 1] + new + line[span.end_column - 1:],))


def _remove(lines: list[str], span: Span) -> Edit | None:
    """The scope gone from its string, or its element gone from a list."""
    line = lines[span.line - 1]
    start, end = span.column - 1, span.end_column - 1
    before, after = line[:start], line[end:]
    quoted = before[-1:] in _QUOTES and after[:1] == before[-1:]
    if not quoted:  # one of several scopes in one string
        for sep in _SEPARATORS:
            if after.startswith(sep):
                tail = after[len(sep):]
                if sep == ",":
                    tail = tail.lstrip(" ")
                return _line(span, before + tail)
        for sep in _SEPARATORS:
            if before.endswith(sep):
                head = before[: -len(sep)]
                if sep == " ":
                    head = head.rstrip(" ")
                return _line(span, head + after)
        return None
    element_start, element_end = start - 1, end + 1
    head, tail = line[:element_start], line[element_end:]
    if not head.strip() and re.fullmatch(r"\s*,[ \t]*(#.*|//.*)?\r?\n?", tail):
        return Edit(span.line, span.line + 1, ())  # the element's own line, with its comma
    comma_after = _ELEMENT_AFTER.match(tail)
    new: str | None = None
    if comma_after is not None and tail[comma_after.end():][:1] not in ("]", "}", ")", ""):
        new = head + tail[comma_after.end():]
    elif (comma_before := _ELEMENT_BEFORE.search(head)) is not None:
        new = head[: comma_before.start()] + tail
    if new is None or _PAREN_ROUND_ONE.search(new[max(0, element_start - 80):element_start + 80]):
        return None
    return _line(span, new)


def _line(span: Span, text: str) -> Edit:
    return Edit(span.line, span.line + 1, (text,))


def _scope_names(facts: FileFacts) -> Counter[str]:
    """How often each scope name is written in the file (a string seen by two facts once)."""
    places: dict[Span, str] = {}
    for fact in facts.facts:
        if (isinstance(fact, ScopeList) and fact.role != "submission") or \
                isinstance(fact, TokenRequest):
            places.update((ref.span, ref.name) for ref in fact.scopes)
    return Counter(places.values())


def _proved(facts: FileFacts, text: str, edit: Edit, removed: str, added: str) -> bool:
    """The edited text parses and holds the same scope strings, but for the one changed."""
    after = apply_edits(text, [edit])
    new_facts = parse(facts.path, after, facts.language)
    if new_facts.problems:
        return False
    expected = _scope_names(facts)
    expected[removed] -= 1
    if added:
        expected[added] += 1
    return +expected == +_scope_names(new_facts)
