"""Schema validation → OIN601–OIN606 problems, worded for people, at the node that is wrong.

The JSON Schema (draft 2020-12) ships as ``oinlint/submission/schema.json``. Each jsonschema
error is mapped (:class:`ErrorMapper`) to the key for a missing or unknown property and to the
value otherwise, and to its rule: a scope's reason is OIN602, an http URL OIN603, the auth
method OIN604, a credential OIN605, the logo OIN606, everything else OIN601.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections.abc import Sequence
from importlib import resources
from typing import Any

from yaml.nodes import MappingNode, ScalarNode

from oinlint.facts import Span
from oinlint.submission.model import ProblemCode
from oinlint.submission.yamltree import NodePath, Tree, dotted, generic_path

__all__ = [
    "CREDENTIAL_KEY",
    "OIN_MANAGER_USE_CASES",
    "ErrorMapper",
    "describe_value",
    "load_schema",
    "shorten",
    "validator",
]

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
CREDENTIAL_KEY = re.compile(
    r"^(?:password|passwd|pwd|pass|passphrase|client[-_]?secret|secret|api[-_]?token|token"
    r"|access[-_]?token|private[-_]?key)$",
    re.IGNORECASE,
)
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z]{2,63}$"
)

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


def _code_for(path: NodePath, keyword: str) -> ProblemCode:
    generic = generic_path(path)
    if generic.startswith("scopes[].reason") or (generic == "scopes[]" and keyword == "reason"):
        return "OIN602"
    if generic in ("config_guide_url", "test_account.url") and keyword == "pattern":
        return "OIN603"
    if generic == "auth.method":
        return "OIN604"
    if generic == "test_account.password" or (path and CREDENTIAL_KEY.match(str(path[-1]))):
        return "OIN605"
    if generic == "logo":
        return "OIN606"
    return "OIN601"


def describe_value(value: Any) -> str:
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
        return f"the string {shorten(value)!r}"
    return f"a {type(value).__name__} ({value})"


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _suggest(word: str, choices: Sequence[str]) -> str:
    lowered = {c.lower(): c for c in choices}
    hit = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f" (did you mean '{lowered[hit[0]]}'?)" if hit else ""


class ErrorMapper:
    """Turns one jsonschema error into problems at the right nodes, worded for people."""

    def __init__(self, tree: Tree) -> None:
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
    def emit(self, code: ProblemCode, span: Span, message: str, path: NodePath,
             fix: str | None = None) -> None:
        self.tree.problem(code, span, message, path, fix)

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
        if generic_path((*path, missing)) == "scopes[].reason":
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
            if CREDENTIAL_KEY.match(extra):
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
                  f"`{name}` must be {wanted}, not {describe_value(error.instance)}{hint}", path)

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
        hint = _PATTERN_HINTS.get(generic_path(path), f"must match {error.validator_value}")
        value = shorten(str(error.instance))
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
                  f"`{name}` is not an email address: '{shorten(str(error.instance))}'", path)

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
            message = (f"`{name}`: '{shorten(value)}' is not an OIN Wizard use case"
                       f"{_suggest(value, allowed)}; choose from: {', '.join(allowed)}")
        self.emit(_code_for(path, "enum"), self.value_span(path), message, path)

    def _const(self, error: Any, path: NodePath, name: str) -> None:
        value = error.instance
        shown = f"'{shorten(value)}'" if isinstance(value, str) else describe_value(value)
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
                          f"`{name}` lists {describe_value(item)} twice", where)
            seen.add(marker)

    def _not(self, error: Any, path: NodePath, name: str) -> None:
        self.emit(_code_for(path, "not"), self.key_span(path), _credential_message(path), path)


def _credential_message(path: NodePath) -> str:
    name = dotted(path)
    if generic_path(path) == "test_account.password":
        return ("`test_account.password`: the test account's password must not be in the "
                "repository; enter it in the OIN Wizard's Test info section and remove it here "
                "(and from the git history)")
    return (f"`{name}` looks like a credential; secrets do not belong in the submission file "
            "(the OIN Wizard and your secret store hold them)")
