"""From an HTTP method and a URL seen in code to the Okta operation(s) it calls.

Front ends hand over what they could resolve: a concrete URL, or a template whose unknown
parts are holes (``{}``, ``{name}``, ``${name}``, ``%s``, ``%(name)s``), with or without the
org base URL, a query string, a fragment or a trailing slash. The answer is a
:class:`MatchResult` with the best candidates and a status; it never guesses silently:

* ``matched``: exactly one operation.
* ``ambiguous``: several candidates, or a hole had to stand for a fixed path word
  (``/users/{}/lifecycle/{}``); the candidates are listed.
* ``unresolved``: the end of the path is built at runtime (``{base}/api/v1/{path}``) or nothing
  of it is known; candidates, if any, are everything the path could still reach.
* ``unknown``: no Okta operation has that shape.

Ranking follows the router's rule and ``summary.literal_paths_matched_by_templates`` in the
spec data: compare segment by segment from the left; a literal segment equal to the template's
literal beats a template parameter (``/api/v1/groups/rules`` is not ``/api/v1/groups/{groupId}``),
and a hole prefers a parameter over a literal. The operations are kept in per-method tries
(one forward, one reversed for URLs whose base path is unknown), so a match costs the length of
the path plus the candidates, not a pass over every operation.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Literal

from oinlint.okta.spec import Operation, operations, operations_by_id, snake_case

__all__ = ["MatchResult", "MatchStatus", "lookup", "match", "normalise_path"]

MatchStatus = Literal["matched", "ambiguous", "unresolved", "unknown"]

# Per-segment match quality; compared left to right, higher wins.
_EXACT, _PARAM, _HOLE_LITERAL = 3, 2, 1
_HOLE = "\x00"
_HOLE_RE = re.compile(r"\$?\{[^{}]*\}|%\([A-Za-z_][A-Za-z0-9_]*\)[sdr]|%[sdr]")
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_HOST_RE = re.compile(
    r"(localhost|[A-Za-z0-9\-.]*[A-Za-z0-9]\.[A-Za-z]{2,})(:\d+)?|[A-Za-z0-9\-.]+:\d+"
)


@dataclass(frozen=True, slots=True)
class MatchResult:
    """What a call reaches: ``candidates`` (best first, deterministic) and how sure we are.

    ``path`` is the normalised path that was matched, holes written ``{}``. ``anchored`` is False
    when the URL's base path was unknown (``{base}/users``) and only its end could be compared.
    """

    method: str | None
    url: str
    path: str
    status: MatchStatus
    candidates: tuple[Operation, ...] = ()
    anchored: bool = True
    reason: str = ""

    @property
    def operation(self) -> Operation | None:
        """The operation when exactly one matched, else None."""
        return self.candidates[0] if self.status == "matched" else None

    @property
    def ambiguous(self) -> bool:
        return self.status == "ambiguous"

    @property
    def resolved(self) -> bool:
        return self.status == "matched"

    @property
    def oauth2_alternatives(self) -> tuple[tuple[str, ...], ...] | None:
        """The scopes needed, when known: the operation's, or the candidates' if all agree."""
        if not self.candidates:
            return None
        first = self.candidates[0].oauth2_alternatives
        if all(op.oauth2_alternatives == first for op in self.candidates[1:]):
            return first
        return None

    @property
    def scopes(self) -> tuple[str, ...]:
        """Every scope any candidate names (for messages; use ``oauth2_alternatives`` to decide)."""
        return tuple(sorted({s for op in self.candidates for s in op.scopes}))


# --- the index -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Node:
    literals: dict[str, _Node] = field(default_factory=dict)
    param: _Node | None = None
    ops: list[Operation] = field(default_factory=list)
    below: tuple[Operation, ...] = ()  # every op in this subtree, this node's own included

    def child(self, segment: str) -> _Node:
        if segment.startswith("{"):
            if self.param is None:
                self.param = _Node()
            return self.param
        return self.literals.setdefault(segment, _Node())

    def finish(self) -> tuple[Operation, ...]:
        children = [*self.literals.values(), *([self.param] if self.param else [])]
        self.below = tuple(self.ops) + tuple(op for c in children for op in c.finish())
        return self.below


@dataclass(frozen=True, slots=True)
class _Index:
    forward: dict[str, _Node]
    reverse: dict[str, _Node]
    roots: frozenset[str]
    methods: tuple[str, ...]


def _template_segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


@functools.cache
def _index() -> _Index:
    forward: dict[str, _Node] = {}
    reverse: dict[str, _Node] = {}
    for op in operations():
        segments = _template_segments(op.path)
        for tree, segs in ((forward, segments), (reverse, segments[::-1])):
            node = tree.setdefault(op.method, _Node())
            for seg in segs:
                node = node.child(seg)
            node.ops.append(op)
    for tree in (forward, reverse):
        for node in tree.values():
            node.finish()
    roots = frozenset(seg for node in forward.values() for seg in node.literals)
    return _Index(forward, reverse, roots, tuple(sorted(forward)))


# --- normalising the URL ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Path:
    segments: tuple[str, ...]  # literal text with _HOLE marking unknown parts
    anchored: bool  # the first segment is the first segment of the real path
    open_tail: bool  # the last segment ends in a hole glued to text (``users{}``)


def _mark_holes(url: str) -> str:
    return re.sub(f"{_HOLE}+", _HOLE, _HOLE_RE.sub(_HOLE, url.replace(_HOLE, "")))


def _is_host(segment: str) -> bool:
    """``acme.okta.com``, ``{org}.okta.com``, ``localhost:8080``: an origin without a scheme."""
    return not segment.startswith(".") and bool(_HOST_RE.fullmatch(segment.replace(_HOLE, "x")))


def _split(url: str) -> _Path | None:
    text = _mark_holes(url.strip())
    text = re.split(r"[?#]", text, maxsplit=1)[0]
    scheme = _SCHEME_RE.match(text)
    if scheme or text.startswith("//"):
        rest = text[scheme.end():] if scheme else text[2:]
        slash = rest.find("/")
        text = rest[slash:] if slash >= 0 else ""
    elif _is_host(text.split("/", 1)[0]):
        text = text[len(text.split("/", 1)[0]):]
    segments = [s for s in text.split("/") if s]
    # A leading hole is the base URL: the origin, perhaps with a base path of its own.
    if segments and segments[0].startswith(_HOLE):
        head = segments[0].lstrip(_HOLE)
        segments = ([head] if head else []) + segments[1:]
    if not segments:
        return None
    # Paths that do not start at a known root ("api", "oauth2", ".well-known", ...) are
    # relative to a base path we do not know (``{base}/users``, httpx ``base_url=".../api/v1"``):
    # they can only be compared right-aligned.
    anchored = segments[0] in _index().roots
    last = segments[-1]
    open_tail = last != _HOLE and last.endswith(_HOLE)
    if open_tail:
        segments[-1] = last.rstrip(_HOLE) + _HOLE
    return _Path(tuple(segments), anchored, open_tail)


def normalise_path(url: str) -> str:
    """The path part of ``url`` as the matcher sees it, holes written ``{}``."""
    return _render(_split(url))


def _render(parsed: _Path | None) -> str:
    if parsed is None:
        return ""
    prefix = "/" if parsed.anchored else "{}/"
    return prefix + "/".join(s.replace(_HOLE, "{}") for s in parsed.segments)


# --- walking the tries -----------------------------------------------------------------------

_Hit = tuple[tuple[int, ...], _Node]
_Ranked = tuple[tuple[int, ...], list[Operation]]


@functools.lru_cache(maxsize=512)
def _segment_regex(segment: str) -> re.Pattern[str]:
    return re.compile("[^/]*".join(re.escape(part) for part in segment.split(_HOLE)) + r"\Z")


def _steps(node: _Node, segment: str) -> list[tuple[int, _Node]]:
    """Children ``segment`` can enter, best quality first."""
    if _HOLE not in segment:
        exact = node.literals.get(segment)
        steps = [(_EXACT, exact)] if exact else []
        return steps + ([(_PARAM, node.param)] if node.param else [])
    steps = [(_PARAM, node.param)] if node.param else []
    if segment == _HOLE:
        return steps + [(_HOLE_LITERAL, child) for child in node.literals.values()]
    pattern = _segment_regex(segment)
    return steps + [(_HOLE_LITERAL, child) for text, child in node.literals.items()
                    if pattern.match(text)]


def _walk_best(node: _Node, segments: Sequence[str], quality: tuple[int, ...] = ()) -> list[_Hit]:
    """End nodes of the best-ranked way(s) through the trie; ties are all returned.

    Depth-first, better steps first: once a better step at some position reaches the end, a
    worse step there cannot win (comparison is left to right), so it is not explored.
    """
    if not segments:
        return [(quality, node)]
    best: list[_Hit] = []
    best_step = 0
    for step_quality, child in _steps(node, segments[0]):
        if best and step_quality < best_step:
            break
        hits = _walk_best(child, segments[1:], (*quality, step_quality))
        if hits:
            best.extend(hits)
            best_step = step_quality
    return best


def _walk_all(node: _Node, segments: Sequence[str], quality: tuple[int, ...] = ()) -> list[_Hit]:
    """Every end node (for right-aligned matches, ranked afterwards)."""
    if not segments:
        return [(quality, node)]
    hits: list[_Hit] = []
    for step_quality, child in _steps(node, segments[0]):
        hits.extend(_walk_all(child, segments[1:], (*quality, step_quality)))
    return hits


def _methods(method: str | None) -> tuple[str, ...]:
    if method is None:
        return _index().methods
    return (method,) if method in _index().forward else ()


def _top(hits: Iterable[tuple[tuple[int, ...], Operation]]) -> _Ranked:
    ranked = list(hits)
    if not ranked:
        return (), []
    best = max(q for q, _ in ranked)
    return best, [op for q, op in ranked if q == best]


@functools.cache
def _order() -> dict[str, int]:
    return {op.key: i for i, op in enumerate(operations())}


def _ordered(ops: Iterable[Operation]) -> tuple[Operation, ...]:
    order = _order()
    return tuple(sorted(set(ops), key=lambda op: order[op.key]))


def _forward(methods: Sequence[str], segments: Sequence[str]) -> _Ranked:
    hits: list[tuple[tuple[int, ...], Operation]] = []
    for m in methods:
        for quality, node in _walk_best(_index().forward[m], segments):
            hits.extend((quality, op) for op in node.ops)
    return _top(hits)


def _backward(methods: Sequence[str], segments: Sequence[str]) -> _Ranked:
    hits: list[tuple[tuple[int, ...], Operation]] = []
    for m in methods:
        for quality, node in _walk_all(_index().reverse[m], segments[::-1]):
            hits.extend((quality[::-1], op) for op in node.below)
    return _top(hits)


def _below(methods: Sequence[str], segments: Sequence[str], anchored: bool,
           include_self: bool) -> list[Operation]:
    """Operations whose path continues past ``segments`` (or ends there, with include_self)."""
    if not anchored:
        return _containing(methods, segments, 0 if include_self else 1)
    found: list[Operation] = []
    for m in methods:
        for _, node in _walk_all(_index().forward[m], segments):
            found.extend(node.below if include_self else node.below[len(node.ops):])
    return found


def _containing(methods: Sequence[str], segments: Sequence[str], extra: int) -> list[Operation]:
    """Both ends unknown: templates with ``segments`` somewhere and ``extra`` more after them.

    A linear scan, but only for URLs with a hole at both ends, which are rare.
    """
    patterns = [_segment_regex(s) if _HOLE in s else None for s in segments]
    wanted = set(methods)
    found: list[Operation] = []
    for op in operations():
        if op.method not in wanted:
            continue
        tpl = _template_segments(op.path)
        for start in range(len(tpl) - len(segments) - extra + 1):
            window = tpl[start:start + len(segments)]
            if all(_segment_fits(seg, pat, t)
                   for seg, pat, t in zip(segments, patterns, window, strict=True)):
                found.append(op)
                break
    return found


def _segment_fits(segment: str, pattern: re.Pattern[str] | None, template: str) -> bool:
    if template.startswith("{"):
        return True
    return bool(pattern.match(template)) if pattern else segment == template


# --- public API ------------------------------------------------------------------------------


def match(method: str | None, url: str) -> MatchResult:
    """The Okta operation(s) ``method url`` calls; see the module docstring for the statuses.

    ``method`` is case-insensitive; None means unknown (candidates for every method).
    """
    normalised = method.strip().upper() if method else None
    return _match(normalised or None, url)


@functools.lru_cache(maxsize=8192)
def _match(method: str | None, url: str) -> MatchResult:
    parsed = _split(url)
    if parsed is None:
        return MatchResult(method, url, "", "unresolved", reason="no part of the path is known")
    path = _render(parsed)
    methods = _methods(method)
    segments = parsed.segments

    def result(status: MatchStatus, ops: Iterable[Operation], reason: str = "") -> MatchResult:
        return MatchResult(method, url, path, status, _ordered(ops), parsed.anchored, reason)

    if parsed.open_tail:
        ops = _below(methods, segments, parsed.anchored, include_self=True)
        return result("unresolved" if ops else "unknown", ops,
                      "the end of the path is built at runtime")

    if not parsed.anchored and not any(_HOLE not in s for s in segments):
        return result("unresolved", (), "only holes: no part of the path is known")
    search = _forward if parsed.anchored else _backward
    quality, ops = search(methods, segments)
    if not parsed.anchored and _EXACT not in quality:
        # Right-aligned, a word that fits only template parameters says nothing: {base}/nope.
        ops = []
    trailing_hole = segments[-1] == _HOLE
    if trailing_hole and (not ops or quality[-1] == _HOLE_LITERAL):
        # The last hole is no id: it may be a path word, or several segments built at runtime.
        deeper = _below(methods, segments[:-1], parsed.anchored, include_self=False)
        if {op.key for op in deeper} - {op.key for op in ops}:
            return result("unresolved", deeper,
                          "the hole at the end may span several path segments")
    if not methods:
        return result("unknown", (), f"no Okta operation uses the method {method}")
    if not ops:
        return result("unknown", (), "no Okta operation has this path")
    if _HOLE_LITERAL in quality:
        return result("ambiguous", ops, "a hole stands where the path has a fixed word")
    if len(ops) > 1:
        why = "several methods share this path" if method is None else "several paths fit"
        if not parsed.anchored:
            why = "the base path is unknown and several operations end like this"
        return result("ambiguous", ops, why)
    reason = "" if parsed.anchored else "matched on the end of the path (base path unknown)"
    return result("matched", ops, reason)


@functools.cache
def _sdk_index() -> dict[str, tuple[Operation, ...]]:
    index: dict[str, list[Operation]] = {}
    for op in operations():
        index.setdefault(_flat(op.operation_id), []).append(op)
    return {k: tuple(v) for k, v in index.items()}


def _flat(name: str) -> str:
    return re.sub(r"[_\-\s]", "", name).lower()


def lookup(name: str, family: str | None = "management") -> Operation | None:
    """An operation by operationId or SDK method name: ``list_users``, ``listUsers``, ``ListUsers``.

    SDK names are the operationId in snake_case (Python), camelCase (Node, Java) or PascalCase
    (Go, .NET). ``family`` picks among the few ids that repeat across Okta's APIs.
    """
    exact = operations_by_id(name)
    candidates = exact or _sdk_index().get(_flat(name), ())
    for op in candidates:
        if family is None or op.family == family:
            return op
    renamed = _legacy_index().get(_flat(name))
    if renamed is not None and family in (None, "management"):
        return lookup(renamed, family)
    return None


def python_sdk_method(name: str) -> Operation | None:
    """The operation okta-sdk-python names ``name``: the snake_case of its operationId, today's
    (``assign_user_to_group``) or the 2.x spec's that 1.x-2.x releases used
    (``add_user_to_group``)."""
    op = lookup(name)
    if op is None:
        return None
    if op.sdk_name == name or (snake_case(name) == name and _flat(name) in _legacy_index()):
        return op
    return None


@functools.cache
def _legacy_index() -> dict[str, str]:
    """The 2.x spec's operationIds the current spec renamed (``addUserToGroup`` →
    ``assignUserToGroup``): older SDKs still name their methods after them."""
    text = resources.files("oinlint.okta").joinpath(
        "data", "legacy_operation_ids.json").read_text(encoding="utf-8")
    aliases: dict[str, str] = json.loads(text)["aliases"]
    return {_flat(old): new for old, new in aliases.items()}

