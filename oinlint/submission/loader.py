"""Load ``oin-submission.yaml``: YAML with positions → JSON Schema validation → typed model.

The YAML is composed (``yaml.compose``), not just loaded, so that every key and value keeps its
line and column; each validation error is then mapped to the node that is wrong: the key for a
missing or unknown property, the value otherwise. Nothing here raises for bad input: broken
YAML, a file that is not UTF-8 or not a mapping all become :class:`SubmissionProblem` entries.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from oinlint import redact
from oinlint.facts import Comment, Span
from oinlint.submission.model import (
    DEFAULT_SUBMISSION,
    DeclaredScope,
    ProblemCode,
    Submission,
    SubmissionProblem,
    TenantSetting,
    TestAccount,
)

__all__ = [
    "LOGO_MAX_BYTES",
    "OIN_MANAGER_USE_CASES",
    "find_submission",
    "load_project_submission",
    "load_schema",
    "load_submission",
    "parse_submission",
    "validator",
]

LOGO_MAX_BYTES = 1_000_000  # "less than one MB" (OIN Wizard); the decimal megabyte is the safe side
MAX_NODES = 50_000  # a submission has a few dozen nodes; more means alias bombs or a wrong file

# Use cases the retired OIN Manager offered that the OIN Wizard does not (API service moved to
# the Wizard on 2026-03-04): named in the message instead of a bare "not one of".
OIN_MANAGER_USE_CASES = (
    "Single Sign-On",
    "Lifecycle Management",
    "Identity Proofing",
    "Bot or Fraud Detection",
    "Risk Signal Sharing",
    "Apps for Good",
)
_USE_CASE_ALIASES = {
    "iga": "Identity Governance and Administration (IGA)",
    "identity governance and administration": "Identity Governance and Administration (IGA)",
    "identity governance": "Identity Governance and Administration (IGA)",
    "mfa": "Multifactor Authentication (MFA)",
    "multifactor authentication": "Multifactor Authentication (MFA)",
    "multi-factor authentication": "Multifactor Authentication (MFA)",
    "multi-factor authentication (mfa)": "Multifactor Authentication (MFA)",
    "logging": "Centralized Logging",
    "centralised logging": "Centralized Logging",
    "siem": "Centralized Logging",
    "hr sync": "Directory and HR Sync",
    "directory sync": "Directory and HR Sync",
}

# Keys that hold a credential: never in the repository (OIN605), wherever they appear.
_CREDENTIAL_KEY = re.compile(
    r"^(?:password|passwd|pwd|pass|passphrase|client[-_]?secret|secret|api[-_]?token|token"
    r"|access[-_]?token|private[-_]?key)$",
    re.IGNORECASE,
)
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z]{2,63}$"
)
_PLACEHOLDER_START = re.compile(r"^\s*(?:todo|tbd|tba|fixme|xxx+|lorem ipsum)(?![\w-])", re.I)
_PLACEHOLDER_WHOLE = re.compile(
    r"^\s*(?:<[^>]*>|\{\{.*\}\}|\$\{.*\}|\[[^\]]*\]|n/?a|none|null|nil|-+|\?+|\.\.\.|…"
    r"|(?:the\s+)?reason|why|placeholder|required|needed|necessary|because)\s*[.!]?\s*$",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[a-z0-9]+")

_TYPE_NAMES = {
    "string": "a string",
    "object": "a mapping (key: value lines)",
    "array": "a list (lines starting with '- ')",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}
_PATTERN_HINTS = {
    "config_guide_url": "must be an https:// URL",
    "test_account.url": "must be an https:// URL",
    "logo": "must name a PNG, JPG or GIF file (.png, .jpg, .jpeg or .gif)",
    "tenant_settings[].name": (
        "must be lowercase letters, digits and underscores, starting with a letter "
        "(e.g. acme_subdomain)"
    ),
    "scopes[].name": "must be an Okta scope name such as okta.users.read",
    "scopes[].reason": "is blank",
}


# ---------------------------------------------------------------------------------------------
# schema


@functools.cache
def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) shipped in the package."""
    text = resources.files("oinlint.submission").joinpath("schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _email(instance: object) -> bool:
    return not isinstance(instance, str) or bool(_EMAIL.match(instance))


@functools.cache
def validator() -> Any:
    """A Draft 2020-12 validator for the schema, with a real ``email`` format check."""
    from jsonschema import (  # type: ignore[import-untyped, unused-ignore]
        Draft202012Validator,
        FormatChecker,
    )

    checker = FormatChecker(formats=())
    checker.checks("email")(_email)
    return Draft202012Validator(load_schema(), format_checker=checker)


# ---------------------------------------------------------------------------------------------
# finding the file


def _display(path: Path, cwd: Path | None = None) -> str:
    base = (cwd or Path.cwd()).resolve()
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def find_submission(root: Path, configured: str | os.PathLike[str] | None = None) -> Path | None:
    """The submission file of the project at ``root``: ``configured`` (relative to ``root``
    unless absolute) or else ``oin-submission.yaml`` at ``root``; None when there is none."""
    base = Path(os.path.normpath(Path(root).resolve()))
    candidate = Path(configured) if configured else Path(DEFAULT_SUBMISSION)
    if not candidate.is_absolute():
        candidate = base / candidate
    candidate = Path(os.path.normpath(candidate))
    return candidate if candidate.exists() else None


def fallback_root(paths: Sequence[str | os.PathLike[str]]) -> Path | None:
    """Where to look for the submission when no configuration file names a project root:
    the one directory checked (``oinlint check examples/clean-integration`` from elsewhere),
    or the directory of the one file checked. None for several paths (no single project)."""
    if len(paths) != 1:
        return None
    path = Path(paths[0])
    return path if path.is_dir() else path.parent


def load_project_submission(
    root: Path,
    configured: str | os.PathLike[str] | None = None,
    cwd: Path | None = None,
) -> Submission | None:
    """Find and load the project's submission; None when the file does not exist."""
    path = find_submission(root, configured)
    if path is None:
        return None
    return load_submission(path, display=_display(path, cwd))


def load_submission(path: Path, display: str | None = None) -> Submission:
    """Load one submission file; problems (unreadable, not UTF-8, broken YAML) are in the model."""
    shown = display or _display(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return _unreadable(path, shown, f"cannot read the submission file: {reason}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return _unreadable(path, shown, "the submission file is not UTF-8 text", line)
    return parse_submission(text, path=path, display=shown)


def _unreadable(path: Path, display: str, message: str, line: int = 1) -> Submission:
    span = Span(display, line, 1, line, 1)
    return Submission(path, display, problems=(SubmissionProblem("OIN607", span, message),))


# ---------------------------------------------------------------------------------------------
# positions


Key = str | int
NodePath = tuple[Key, ...]


def dotted(path: Sequence[Key]) -> str:
    """``("scopes", 0, "reason")`` → ``scopes[0].reason``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _generic(path: Sequence[Key]) -> str:
    """``("scopes", 0, "name")`` → ``scopes[].name`` (for per-field hints)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += "[]"
        else:
            out += f".{part}" if out else part
    return out


class _Lines:
    def __init__(self, text: str, display: str) -> None:
        self.display = display
        self.lines = text.splitlines()

    def text(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    def span(self, node: Node) -> Span:
        start, end = node.start_mark, node.end_mark
        line, column = start.line + 1, start.column + 1
        end_line, end_column = end.line + 1, end.column + 1
        # A block value ends at the start of the next line: pull the end back to real text.
        while end_line > line and end_column == 1:
            end_line -= 1
            end_column = len(self.text(end_line).rstrip()) + 1
        while end_line > line and not self.text(end_line).strip():
            end_line -= 1
            end_column = len(self.text(end_line).rstrip()) + 1
        return Span(self.display, line, column, end_line, max(end_column, column))

    def first_line(self, node: Node) -> Span:
        """The part of a (block) node on its first line, without a trailing comment."""
        full = self.span(node)
        if full.end_line == full.line:
            return full
        rest = self.text(full.line)[full.column - 1 :]
        rest = re.split(r"\s+#", rest, maxsplit=1)[0].rstrip()
        return Span(self.display, full.line, full.column, full.line,
                    full.column + max(1, len(rest)))

    def point(self, line: int, column: int) -> Span:
        text = self.text(line)
        end = column + 1 if column <= len(text) else column
        return Span(self.display, line, column, line, end)


def _comments(text: str, display: str) -> tuple[Comment, ...]:
    """YAML comments: a ``#`` at a line start or after white space, outside every scalar."""
    ranges: list[tuple[int, int]] = []
    limit = len(text)
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken):
                ranges.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        limit = mark.index if mark is not None else 0
    starts = [r[0] for r in ranges]
    found: list[Comment] = []
    for match in re.finditer(r"#", text):
        at = match.start()
        if at >= limit or (at > 0 and text[at - 1] not in " \t\r\n"):
            continue
        i = bisect.bisect_right(starts, at) - 1
        if i >= 0 and ranges[i][0] <= at < ranges[i][1]:
            continue
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        body = text[at + 1 : line_end if line_end != -1 else len(text)].rstrip("\r")
        found.append(Comment(
            line=text.count("\n", 0, at) + 1,
            column=at - line_start + 1,
            text=body,
            standalone=not text[line_start:at].strip(),
        ))
    return tuple(found)


# ---------------------------------------------------------------------------------------------
# YAML nodes → data, with spans


class _TooLarge(Exception):
    pass


@dataclass
class _Tree:
    lines: _Lines
    values: dict[NodePath, Node] = field(default_factory=dict)
    keys: dict[NodePath, Node] = field(default_factory=dict)
    problems: list[SubmissionProblem] = field(default_factory=list)
    count: int = 0
    constructor: SafeConstructor = field(default_factory=SafeConstructor)

    def problem(self, code: ProblemCode, span: Span, message: str, path: NodePath) -> None:
        self.problems.append(SubmissionProblem(code, span, message, dotted(path)))

    def build(self, node: Node, path: NodePath, active: frozenset[int]) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge
        self.values[path] = node
        if id(node) in active:
            self.problem("OIN601", self.lines.first_line(node),
                         "an alias refers to a node that contains it", path)
            return None
        active = active | {id(node)}
        if isinstance(node, MappingNode):
            return self._mapping(node, path, active)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i), active) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: Node, path: NodePath) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            self.problem("OIN601", self.lines.span(node),
                         f"cannot read this value: {getattr(exc, 'problem', None) or exc}", path)
            return None

    def _mapping(self, node: MappingNode, path: NodePath, active: frozenset[int]) -> Any:
        try:
            self.constructor.flatten_mapping(node)  # `<<: *anchor` merge keys
        except yaml.YAMLError as exc:
            self.problem("OIN601", self.lines.first_line(node),
                         f"cannot merge this mapping: {getattr(exc, 'problem', None) or exc}",
                         path)
        out: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem("OIN601", self.lines.first_line(key_node),
                             "a key must be a plain name, not a list or mapping", path)
                continue
            raw_key = self._scalar(key_node, path)
            key = raw_key if isinstance(raw_key, str) else str(key_node.value)
            if key in first_seen:
                where = first_seen[key].start_mark.line + 1
                self.problem("OIN601", self.lines.span(key_node),
                             f"duplicate key '{key}': YAML keeps only this one and drops the "
                             f"one at line {where}", (*path, key))
            first_seen[key] = key_node
            self.keys[(*path, key)] = key_node
            out[key] = self.build(value_node, (*path, key), active)
        return out


# ---------------------------------------------------------------------------------------------
# validation errors → problems


def _code_for(path: NodePath, keyword: str) -> ProblemCode:
    generic = _generic(path)
    if generic.startswith("scopes[].reason") or (generic == "scopes[]" and keyword == "reason"):
        return "OIN602"
    if generic in ("config_guide_url", "test_account.url") and keyword == "pattern":
        return "OIN603"
    if generic == "auth.method":
        return "OIN604"
    if generic == "test_account.password" or (path and _CREDENTIAL_KEY.match(str(path[-1]))):
        return "OIN605"
    if generic == "logo":
        return "OIN606"
    return "OIN601"


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the string {_short(value)!r}"
    return f"a {type(value).__name__} ({value})"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _suggest(word: str, choices: Sequence[str]) -> str:
    lowered = {c.lower(): c for c in choices}
    hit = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f" (did you mean '{lowered[hit[0]]}'?)" if hit else ""


class _Mapper:
    """Turns one jsonschema error into problems at the right nodes, worded for people."""

    def __init__(self, tree: _Tree) -> None:
        self.tree = tree
        self.lines = tree.lines
        self.missing: dict[NodePath, list[str]] = {}

    # -- where -----------------------------------------------------------------------------
    def key_span(self, path: NodePath) -> Span:
        """The key that introduces ``path``; for a list item its first line; for the root its
        first key (or line 1)."""
        key = self.tree.keys.get(path)
        if key is not None:
            return self.lines.span(key)
        node = self.tree.values.get(path)
        if isinstance(node, MappingNode) and node.value:
            first_key, first_value = node.value[0]
            line = self.lines.span(first_key)
            if path and isinstance(path[-1], int):  # a list item: `name: value` on its line
                end = self.lines.first_line(first_value)
                if end.line == line.line:
                    return Span(line.path, line.line, line.column, line.line, end.end_column)
            return line
        if node is not None:
            return self.lines.first_line(node)
        return self.lines.point(1, 1)

    def value_span(self, path: NodePath) -> Span:
        node = self.tree.values.get(path)
        if node is None:
            return self.key_span(path)
        if isinstance(node, ScalarNode):
            return self.lines.span(node)
        span = self.lines.span(node)
        if span.line == span.end_line:  # a flow collection on one line: `[]`, `{a: b}`
            return span
        return self.key_span(path) if path in self.tree.keys else self.lines.first_line(node)

    # -- what ------------------------------------------------------------------------------
    def emit(self, code: ProblemCode, span: Span, message: str, path: NodePath) -> None:
        self.tree.problem(code, span, message, path)

    def error(self, error: Any) -> None:
        path: NodePath = tuple(error.absolute_path)
        keyword = str(error.validator)
        name = dotted(path) or "the submission"
        handler = getattr(self, f"_{keyword}", None)
        if handler is not None:
            handler(error, path, name)
            return
        self.emit(_code_for(path, keyword), self.value_span(path), f"`{name}`: {error.message}",
                  path)

    def _required(self, error: Any, path: NodePath, name: str) -> None:
        match = re.match(r"^'(.+)' is a required property$", str(error.message))
        missing = match.group(1) if match else "?"
        title = error.schema.get("properties", {}).get(missing, {}).get("title", "")
        what = f" ({title})" if title else ""
        code: ProblemCode = "OIN601"
        if _generic((*path, missing)) == "scopes[].reason":
            scope = error.instance.get("name") if isinstance(error.instance, dict) else None
            label = f"scope '{scope}'" if isinstance(scope, str) else f"`{name}`"
            message = (f"{label} has no reason: the OIN Wizard asks why the integration needs "
                       "each scope; add `reason:` naming the feature that uses it")
            code = "OIN602"
        else:
            self.missing.setdefault(path, []).append(f"`{missing}`{what}")
            return
        self.emit(code, self.key_span(path), message, path)

    def flush(self) -> None:
        """One problem per mapping for its missing fields."""
        for path, names in self.missing.items():
            whole = f"`{dotted(path)}`" if path else "the submission"
            listed = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
            self.emit("OIN601", self.key_span(path), f"{whole} is missing {listed}", path)
        self.missing.clear()

    def _additionalProperties(self, error: Any, path: NodePath, name: str) -> None:
        properties = error.schema.get("properties", {})
        allowed = [k for k, v in properties.items() if not (isinstance(v, dict) and "not" in v)]
        instance = error.instance if isinstance(error.instance, dict) else {}
        for extra in (k for k in instance if k not in allowed):
            where = (*path, extra)
            span = self.key_span(where)
            if _CREDENTIAL_KEY.match(extra):
                self.emit("OIN605", span, _credential_message(where), where)
                continue
            place = f" under `{name}`" if path else ""
            self.emit("OIN601", span,
                      f"unknown field `{extra}`{place}{_suggest(extra, allowed)}; "
                      f"allowed: {', '.join(allowed)}", where)

    def _type(self, error: Any, path: NodePath, name: str) -> None:
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
        hint = ""
        if "string" in names and isinstance(error.instance, bool):
            hint = " (YAML reads unquoted yes/no/on/off/true/false as booleans: quote the value)"
        elif "string" in names and not isinstance(error.instance, dict | list | None):
            hint = " (quote the value)"
        self.emit(_code_for(path, "type"), self.value_span(path),
                  f"`{name}` must be {wanted}, not {_describe(error.instance)}{hint}", path)

    def _minLength(self, error: Any, path: NodePath, name: str) -> None:
        code = _code_for(path, "minLength")
        if code == "OIN602":
            self._reason(path, "is empty")
            return
        self.emit(code, self.value_span(path), f"`{name}` is empty", path)

    def _maxLength(self, error: Any, path: NodePath, name: str) -> None:
        size = len(error.instance) if isinstance(error.instance, str) else 0
        limit = int(error.validator_value)
        bound = f"under {limit + 1}" if name == "description" else f"at most {limit}"
        self.emit(_code_for(path, "maxLength"), self.value_span(path),
                  f"`{name}` is {size} characters long; the OIN Wizard allows {bound}", path)

    def _pattern(self, error: Any, path: NodePath, name: str) -> None:
        code = _code_for(path, "pattern")
        if code == "OIN602":
            self._reason(path, "is blank")
            return
        hint = _PATTERN_HINTS.get(_generic(path), f"must match {error.validator_value}")
        value = _short(str(error.instance))
        if code == "OIN603":
            message = (f"`{name}` {hint}, not '{value}': the OIN Wizard refuses http URLs "
                       "for new submissions")
        else:
            message = f"`{name}` {hint}, not '{value}'"
        self.emit(code, self.value_span(path), message, path)

    def _reason(self, path: NodePath, what: str) -> None:
        scope = self.tree.values.get((*path[:-1], "name"))
        label = f"scope '{scope.value}'" if isinstance(scope, ScalarNode) else f"`{dotted(path)}`"
        self.emit("OIN602", self.value_span(path),
                  f"the reason for {label} {what}: say which feature needs it", path)

    def _format(self, error: Any, path: NodePath, name: str) -> None:
        self.emit(_code_for(path, "format"), self.value_span(path),
                  f"`{name}` is not an email address: '{_short(str(error.instance))}'", path)

    def _enum(self, error: Any, path: NodePath, name: str) -> None:
        allowed = [str(v) for v in error.validator_value]
        value = str(error.instance)
        alias = _USE_CASE_ALIASES.get(value.strip().lower())
        if alias:
            message = f"write '{alias}': the OIN Wizard's name for the use case '{value}'"
        elif value.strip().lower() in {u.lower() for u in OIN_MANAGER_USE_CASES}:
            message = (f"'{value}' was an OIN Manager use case; the OIN Wizard offers API "
                       f"service integrations only: {', '.join(allowed)}")
        else:
            message = (f"`{name}`: '{_short(value)}' is not an OIN Wizard use case"
                       f"{_suggest(value, allowed)}; choose from: {', '.join(allowed)}")
        self.emit(_code_for(path, "enum"), self.value_span(path), message, path)

    def _const(self, error: Any, path: NodePath, name: str) -> None:
        value = error.instance
        shown = f"'{_short(value)}'" if isinstance(value, str) else _describe(value)
        self.emit(_code_for(path, "const"), self.value_span(path),
                  f"`{name}` is {shown}: OIN API service integrations authenticate with a "
                  f"client secret sent with HTTP Basic only; write `{error.validator_value}`",
                  path)

    def _maxItems(self, error: Any, path: NodePath, name: str) -> None:
        limit = int(error.validator_value)
        count = len(error.instance) if isinstance(error.instance, list) else 0
        for index in range(limit, count):
            item = (*path, index)
            self.emit(_code_for(path, "maxItems"), self.value_span(item),
                      f"`{name}` lists {count} entries; the OIN Wizard allows at most {limit}",
                      item)

    def _minItems(self, error: Any, path: NodePath, name: str) -> None:
        self.emit(_code_for(path, "minItems"), self.value_span(path),
                  f"`{name}` is empty: declare at least one scope, each with its reason", path)

    def _uniqueItems(self, error: Any, path: NodePath, name: str) -> None:
        seen: set[str] = set()
        items = error.instance if isinstance(error.instance, list) else []
        for index, item in enumerate(items):
            marker = json.dumps(item, sort_keys=True, default=str)
            if marker in seen:
                where = (*path, index)
                self.emit(_code_for(path, "uniqueItems"), self.value_span(where),
                          f"`{name}` lists {_describe(item)} twice", where)
            seen.add(marker)

    def _not(self, error: Any, path: NodePath, name: str) -> None:
        self.emit(_code_for(path, "not"), self.key_span(path), _credential_message(path), path)


def _credential_message(path: NodePath) -> str:
    name = dotted(path)
    if _generic(path) == "test_account.password":
        return ("`test_account.password`: the test account's password must not be in the "
                "repository; enter it in the OIN Wizard's Test info section and remove it here "
                "(and from the git history)")
    return (f"`{name}` looks like a credential; secrets do not belong in the submission file "
            "(the OIN Wizard and your secret store hold them)")


# ---------------------------------------------------------------------------------------------
# checks the schema cannot express


def _is_placeholder_reason(reason: str, scope: str) -> bool:
    if _PLACEHOLDER_START.match(reason) or _PLACEHOLDER_WHOLE.match(reason):
        return True
    return _WORDS.findall(reason.lower()) == _WORDS.findall(scope.lower())


_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
)
_OTHER_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"<svg", "an SVG image"),
    (b"<?xml", "an XML (probably SVG) file"),
    (b"BM", "a BMP image"),
    (b"\x00\x00\x01\x00", "an ICO icon"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF", "a PDF document"),
)
_SUFFIX_KIND = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF"}


def _image_kind(head: bytes) -> tuple[str | None, str]:
    """(PNG/JPEG/GIF or None, description) from a file's first bytes."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind, kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return None, "a WebP image"
    stripped = head.lstrip()
    for magic, label in _OTHER_MAGIC:
        if stripped.startswith(magic):
            return None, label
    return None, "not an image oinlint recognises"


def _logo_problems(logo: str, base: Path | None) -> Iterator[str]:
    """What is wrong with the logo file, if anything."""
    if base is None:
        return
    target = Path(logo) if Path(logo).is_absolute() else base / logo
    if not target.exists():
        yield f"logo file '{logo}' not found (the path is relative to the submission file)"
        return
    if not target.is_file():
        yield f"logo '{logo}' is not a file"
        return
    try:
        size = target.stat().st_size
        with target.open("rb") as stream:
            head = stream.read(32)
    except OSError as exc:
        yield f"cannot read logo '{logo}': {exc.strerror or exc}"
        return
    if size == 0:
        yield f"logo '{logo}' is an empty file"
        return
    if size >= LOGO_MAX_BYTES:
        yield (f"logo '{logo}' is {size:,} bytes; the OIN Wizard accepts logos under 1 MB "
               f"({LOGO_MAX_BYTES:,} bytes)")
    kind, description = _image_kind(head)
    if kind is None:
        yield (f"logo '{logo}' is {description}, not a PNG, JPG or GIF image (the OIN "
               "Wizard accepts only those)")
        return
    named = _SUFFIX_KIND.get(target.suffix.lower())
    if named is not None and named != kind:
        yield (f"logo '{logo}' is a {kind} image named like a {named}: rename it to "
               f"{target.stem}{'.jpg' if kind == 'JPEG' else '.' + kind.lower()}")


def _extra_checks(data: Any, tree: _Tree, mapper: _Mapper, base: Path | None) -> None:
    if not isinstance(data, dict):
        return
    scopes = data.get("scopes")
    if isinstance(scopes, list):
        first: dict[str, int] = {}
        for index, item in enumerate(scopes):
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                continue
            scope = item["name"]
            name_path: NodePath = ("scopes", index, "name")
            if scope in first:
                line = mapper.value_span(("scopes", first[scope], "name")).line
                mapper.emit("OIN601", mapper.value_span(name_path),
                            f"scope '{scope}' is declared twice (first at line {line})", name_path)
            else:
                first[scope] = index
            reason = item.get("reason")
            if isinstance(reason, str) and reason.strip() and _is_placeholder_reason(reason,
                                                                                     scope):
                reason_path: NodePath = ("scopes", index, "reason")
                mapper.emit("OIN602", mapper.value_span(reason_path),
                            f"the reason for scope '{scope}' is a placeholder "
                            f"('{_short(reason.strip(), 60)}'): say which feature needs it",
                            reason_path)
    settings = data.get("tenant_settings")
    if isinstance(settings, list):
        seen: dict[str, int] = {}
        for index, item in enumerate(settings):
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                setting_path: NodePath = ("tenant_settings", index, "name")
                if item["name"] in seen:
                    mapper.emit("OIN601", mapper.value_span(setting_path),
                                f"tenant setting '{item['name']}' is declared twice",
                                setting_path)
                seen.setdefault(item["name"], index)
    account = data.get("test_account")
    if isinstance(account, dict):
        for key, value in account.items():
            if _CREDENTIAL_KEY.match(key) and isinstance(value, str):
                redact.remember_secret(value)  # keep it out of snippets and reports
    logo = data.get("logo")
    if isinstance(logo, str) and Path(logo.strip()).suffix.lower() in _SUFFIX_KIND:
        for message in _logo_problems(logo, base):
            mapper.emit("OIN606", mapper.value_span(("logo",)), message, ("logo",))


# ---------------------------------------------------------------------------------------------
# the model


def _text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


def _model(data: Any, tree: _Tree, path: Path, display: str,
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
                                 if not _CREDENTIAL_KEY.match(k)}
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


def parse_submission(
    text: str,
    path: Path | str | None = None,
    display: str | None = None,
    base_dir: Path | None = None,
) -> Submission:
    """Parse and validate submission text. ``path`` is the file it came from (default: none,
    shown as ``oin-submission.yaml``); ``base_dir`` (default: that file's directory) is where a
    relative ``logo`` path is looked up; with neither, the logo file is not checked."""
    if path is not None and base_dir is None:
        base_dir = Path(path).resolve().parent
    path = Path(path if path is not None else DEFAULT_SUBMISSION)
    shown = display or path.as_posix()
    lines = _Lines(text, shown)
    comments = _comments(text, shown)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
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
                                    f"the submission file is not valid YAML: {what}")
        return Submission(path, shown, problems=(problem,), comments=comments)
    except yaml.YAMLError as exc:
        problem = SubmissionProblem("OIN607", lines.point(1, 1),
                                    f"the submission file is not valid YAML: {exc}")
        return Submission(path, shown, problems=(problem,), comments=comments)
    tree = _Tree(lines)
    if root is None:
        problem = SubmissionProblem("OIN601", lines.point(1, 1),
                                    "the submission file is empty: run `oinlint init` to write "
                                    "a template")
        return Submission(path, shown, parsed=True, problems=(problem,), comments=comments)
    try:
        data = tree.build(root, (), frozenset())
    except (_TooLarge, RecursionError):
        problem = SubmissionProblem("OIN607", lines.point(1, 1),
                                    "the submission file is too large or nested too deeply "
                                    "(aliases?) to read")
        return Submission(path, shown, problems=(problem,), comments=comments)
    mapper = _Mapper(tree)
    if isinstance(data, dict):
        for error in validator().iter_errors(data):
            mapper.error(error)
        mapper.flush()
    else:
        tree.problem("OIN601", lines.first_line(root),
                     f"the submission must be a mapping of fields (name: …), not "
                     f"{_describe(data)}", ())
    _extra_checks(data, tree, mapper, base_dir)
    unique = dict.fromkeys(tree.problems)  # same problem reported by two validators
    problems = tuple(sorted(unique, key=lambda p: (p.span.line, p.span.column, p.code)))
    return _model(data, tree, path, shown, problems, comments)
