"""Submission text → :class:`~oinlint.submission.model.Submission`: YAML with positions,
then schema validation, then the checks the schema cannot express, then the typed model.

Nothing here raises for bad input: broken YAML (OIN607), an empty file or one that is not a
mapping (OIN601) all become :class:`~oinlint.submission.model.SubmissionProblem` entries.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from oinlint.facts import Comment
from oinlint.submission.beyond_schema import check_beyond_schema
from oinlint.submission.model import (
    DEFAULT_SUBMISSION,
    DeclaredScope,
    Submission,
    SubmissionProblem,
    TenantSetting,
    TestAccount,
)
from oinlint.submission.placeholders import check_placeholders
from oinlint.submission.validation import CREDENTIAL_KEY, ErrorMapper, describe_value, validator
from oinlint.submission.yamltree import Lines, TooLarge, Tree, dotted, yaml_comments

__all__ = ["MAX_SUBMISSION_BYTES", "TOO_LARGE", "parse_submission"]

# OIN607's help per cause: a file that exists needs a different fix from a missing one.
_SYNTAX_FIX = ("Fix the YAML at the reported line and column: an unclosed quote or bracket, a "
               "tab used for indentation, or a value with `: ` that needs quotes.")
_SIZE_FIX = ("Write the submission as plain YAML: a mapping of the fields, without deep "
             "nesting or alias chains.")


def _text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


def _model(data: Any, tree: Tree, path: Path, display: str,
           problems: tuple[SubmissionProblem, ...],
           comments: tuple[Comment, ...]) -> Submission:
    spans = {dotted(p): tree.lines.span(n) for p, n in tree.values.items() if p}
    if not isinstance(data, dict):
        return Submission(path, display, parsed=True, problems=problems, comments=comments,
                          spans=spans, data=data)
    scopes: list[DeclaredScope] = []
    raw_scopes = data.get("scopes")
    for index, item in enumerate(raw_scopes if isinstance(raw_scopes, list) else []):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            continue
        reason = item.get("reason")
        reason_node = tree.values.get(("scopes", index, "reason"))
        scopes.append(DeclaredScope(
            name=item["name"],
            reason=reason if isinstance(reason, str) else None,
            span=tree.lines.span(tree.values[("scopes", index, "name")]),
            reason_span=tree.lines.span(reason_node) if reason_node is not None else None,
        ))
    settings: list[TenantSetting] = []
    raw_settings = data.get("tenant_settings")
    for index, item in enumerate(raw_settings if isinstance(raw_settings, list) else []):
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            settings.append(TenantSetting(
                item["name"], _text(item, "label"),
                tree.lines.span(tree.values[("tenant_settings", index, "name")]),
            ))
    account = None
    raw_account = data.get("test_account")
    if isinstance(raw_account, dict):
        account = TestAccount(_text(raw_account, "url"), _text(raw_account, "username"),
                              _text(raw_account, "instructions"),
                              tree.lines.first_line(tree.values[("test_account",)]))
    auth = data.get("auth")
    use_cases = data.get("use_cases")
    clean = {k: v for k, v in data.items() if k != "test_account"}
    if isinstance(raw_account, dict):  # never keep a password in the model
        clean["test_account"] = {k: v for k, v in raw_account.items()
                                 if not CREDENTIAL_KEY.match(k)}
    return Submission(
        path=path,
        display=display,
        parsed=True,
        name=_text(data, "name"),
        description=_text(data, "description"),
        logo=_text(data, "logo"),
        use_cases=tuple(u for u in use_cases if isinstance(u, str))
        if isinstance(use_cases, list) else (),
        support_email=_text(data, "support_email"),
        config_guide_url=_text(data, "config_guide_url"),
        auth_method=_text(auth, "method") if isinstance(auth, dict) else None,
        scopes=tuple(scopes),
        tenant_settings=tuple(settings),
        test_account=account,
        problems=problems,
        comments=comments,
        spans=spans,
        data=clean,
    )


# A submission is a few KB; PyYAML reads ~300 KB a second and keeps ~150 bytes a character, so
# a 7 MB file took 45 s and 417 MB to be refused by the node limit. Larger ones are refused
# unread (the loader checks the file's size before reading it).
MAX_SUBMISSION_BYTES = 262_144
TOO_LARGE = f"the submission file is larger than {MAX_SUBMISSION_BYTES:,} bytes; not read"

# PyYAML's parser recurses once per level of `[` or `{`: 5,000 levels take seconds and then
# exhaust the stack. A submission has two or three levels.
MAX_FLOW_DEPTH = 200
_BRACKET = re.compile(r"[\[\]{}]")


def _too_deep(text: str) -> int | None:
    """Where brackets first nest deeper than :data:`MAX_FLOW_DEPTH`, else None. Brackets inside
    quoted text count too: only a pathological file nests a few hundred of them."""
    depth = 0
    for match in _BRACKET.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_FLOW_DEPTH:
            return match.start()
    return None


def parse_submission(
    text: str,
    path: Path | str | None = None,
    display: str | None = None,
    base_dir: Path | None = None,
    logo_root: Path | None = None,
) -> Submission:
    """Parse and validate submission text. ``path`` is the file it came from (default: none,
    shown as ``oin-submission.yaml``); ``base_dir`` (default: that file's directory) is where a
    relative ``logo`` path is looked up; with neither, the logo file is not checked. A logo
    outside ``logo_root`` (the project root; default ``base_dir``) is reported, not read.

    Never raises for bad input: whatever a file makes go wrong here is one OIN607 problem
    naming it, so one odd submission does not lose the run and the other files' findings."""
    if path is not None and base_dir is None:
        base_dir = Path(path).resolve().parent
    path = Path(path if path is not None else DEFAULT_SUBMISSION)
    shown = display or path.as_posix()
    try:
        return _parse(text, path, shown, base_dir, logo_root)
    except (RecursionError, MemoryError):
        message = "the submission file is too large or nested too deeply to read"
    except Exception as exc:  # a reader bug must not stop the run
        message = f"cannot read the submission file: {type(exc).__name__}: {str(exc)[:80]}"
    problem = SubmissionProblem("OIN607", Lines(text, shown).point(1, 1), message,
                                fix=_SIZE_FIX)
    return Submission(path, shown, problems=(problem,))


def _parse(text: str, path: Path, shown: str, base_dir: Path | None,
           logo_root: Path | None = None) -> Submission:
    """:func:`parse_submission` for bad input it knows how to word."""
    lines = Lines(text, shown)
    if len(text) > MAX_SUBMISSION_BYTES:  # characters: at least as many bytes
        return Submission(path, shown, problems=(
            SubmissionProblem("OIN607", lines.point(1, 1), TOO_LARGE),))
    deep = _too_deep(text)
    if deep is not None:
        line = text.count("\n", 0, deep) + 1
        column = deep - (text.rfind("\n", 0, deep) + 1) + 1
        problem = SubmissionProblem("OIN607", lines.point(line, column),
                                    f"the submission file is nested too deeply to read (more "
                                    f"than {MAX_FLOW_DEPTH} levels of brackets)",
                                    fix=_SIZE_FIX)
        return Submission(path, shown, problems=(problem,))
    comments = yaml_comments(text, shown)  # after the depth check: YAML's scanner is slow on it
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        problem = SubmissionProblem("OIN607", lines.point(1, 1),
                                    "the submission file is nested too deeply to read",
                                    fix=_SIZE_FIX)
        return Submission(path, shown, problems=(problem,), comments=comments)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if mark is not None and exc.context_mark is not None and mark.index >= len(text.rstrip()):
            mark = exc.context_mark  # "found unexpected end of stream": show where it began
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if line > len(lines.lines):  # past the last line: point at the end of the file
            line = max(1, len(lines.lines))
            column = len(lines.text(line)) + 1
        what = exc.problem or "invalid YAML"
        if exc.context and what.startswith("but "):  # "expected a single document … but found"
            what = f"{exc.context} {what}"
        elif exc.context and exc.context_mark:
            what = f"{what} ({exc.context}, line {exc.context_mark.line + 1})"
        problem = SubmissionProblem("OIN607", lines.point(line, column),
                                    f"the submission file is not valid YAML: {what}",
                                    fix=_SYNTAX_FIX)
        return Submission(path, shown, problems=(problem,), comments=comments)
    except yaml.YAMLError as exc:
        problem = SubmissionProblem("OIN607", lines.point(1, 1),
                                    f"the submission file is not valid YAML: {exc}",
                                    fix=_SYNTAX_FIX)
        return Submission(path, shown, problems=(problem,), comments=comments)
    tree = Tree(lines)
    if root is None:
        problem = SubmissionProblem("OIN601", lines.point(1, 1),
                                    "the submission file is empty: run `oinlint init` to write "
                                    "a template")
        return Submission(path, shown, parsed=True, problems=(problem,), comments=comments)
    try:
        data = tree.build(root, (), frozenset())
    except (TooLarge, RecursionError):
        problem = SubmissionProblem("OIN607", lines.point(1, 1),
                                    "the submission file is too large or nested too deeply "
                                    "(aliases?) to read", fix=_SIZE_FIX)
        return Submission(path, shown, problems=(problem,), comments=comments)
    mapper = ErrorMapper(tree)
    if isinstance(data, dict):
        for error in validator().iter_errors(data):
            mapper.error(error)
        mapper.flush()
    else:
        tree.problem("OIN601", lines.first_line(root),
                     f"the submission must be a mapping of fields (name: …), not "
                     f"{describe_value(data)}", ())
    check_beyond_schema(data, mapper, base_dir, logo_root)
    check_placeholders(data, mapper)
    unique = dict.fromkeys(tree.problems)  # same problem reported by two validators
    problems = tuple(sorted(unique, key=lambda p: (p.span.line, p.span.column, p.code)))
    return _model(data, tree, path, shown, problems, comments)
