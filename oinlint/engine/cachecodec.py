"""Facts to compact JSON and back, trusting nothing that comes back.

The facts cache is read from disk, so what it decodes is input, not our own memory: a value of
the wrong type, a missing or extra field, a type outside the fact whitelist must be a cache
miss, never an exception later in a rule or a reporter. Decoding is therefore driven by the
dataclass annotations in :mod:`oinlint.facts`, field by field.

The form is positional, because a commit-shaped run decodes the facts of every file of the
project (≈ 12,000 facts for 3,000 files) and keyed objects were 4× the bytes to load, hash and
write:

- ``FileFacts`` is ``[language, facts, comments, problems]``; its path is not stored;
- a fact (a field typed ``Fact``, where any fact type may stand) is ``[type name, field, …]``;
  any other dataclass is ``[field, …]``, fields in declaration order, none left out;
- a ``Span`` is ``[line, column, end_line, end_column]``: its path is always the path the
  facts are decoded for, so a cached span cannot point into another file (a front end never
  puts a span in another file; :func:`encode_facts` refuses facts that do);
- a tuple is a list; ``str``, ``int``, ``bool`` and None are themselves (``true`` is no int).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from typing import Any

from oinlint import facts

__all__ = ["CorruptEntry", "decode_facts", "encode_facts"]


class CorruptEntry(ValueError):
    """A cached value that is not exactly what :func:`encode_facts` writes."""


# A decoder takes the JSON value and the path every span is in.
_Decoder = Callable[[Any, str], Any]
_Span = facts.Span
_EXACT = (str, int, bool)


def _fail(what: str) -> typing.NoReturn:
    raise CorruptEntry(what)


def _encode(value: Any, path: str) -> Any:
    if type(value) is _Span:
        if value.path != path:
            raise ValueError(f"a span in {value.path!r} among the facts of {path!r}")
        return [value.line, value.column, value.end_line, value.end_column]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: list[Any] = [type(value).__name__] if isinstance(value, facts.Fact) else []
        out.extend(_encode(getattr(value, f.name), path) for f in dataclasses.fields(value))
        return out
    if isinstance(value, tuple | list):
        return [_encode(item, path) for item in value]
    return value


def encode_facts(file_facts: facts.FileFacts) -> list[Any]:
    """JSON-ready data for one file's facts (no pickling: a cache must never run code).

    ValueError when a span is in another file than ``file_facts.path`` (never cached)."""
    path = file_facts.path
    return [file_facts.language, _encode(file_facts.facts, path),
            _encode(file_facts.comments, path), _encode(file_facts.problems, path)]


class _Plan:
    """How to check one annotation. Plain values (``str``, ``int``, ``bool``, optional or not)
    are checked in line by the dataclass that holds them; anything else has a decoder."""

    __slots__ = ("decode", "exact", "optional")

    def __init__(self, decode: _Decoder, exact: type | None = None,
                 optional: bool = False) -> None:
        self.decode = decode
        self.exact = exact
        self.optional = optional


def _span(value: Any, path: str) -> facts.Span:
    if type(value) is not list or len(value) != 4:
        _fail("not a Span")
    line, column, end_line, end_column = value
    if (type(line) is not int or type(column) is not int or type(end_line) is not int
            or type(end_column) is not int):
        _fail("a Span position that is not an int")
    return _Span(path, line, column, end_line, end_column)


def _exact(kind: type) -> _Plan:
    """str, int or bool, exactly: JSON ``true`` is not an int here, nor ``1`` a bool."""

    def decode(value: Any, path: str) -> Any:
        if type(value) is not kind:
            _fail(f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    return _Plan(decode, exact=kind)


def _literal(allowed: tuple[Any, ...]) -> _Plan:
    choices = frozenset(allowed)

    def decode(value: Any, path: str) -> Any:
        if type(value) is not str or value not in choices:
            _fail(f"{value!r} is not one of {sorted(choices)}")
        return value

    return _Plan(decode)


def _optional(inner: _Plan) -> _Plan:
    check = inner.decode

    def decode(value: Any, path: str) -> Any:
        return None if value is None else check(value, path)

    return _Plan(decode, exact=inner.exact, optional=inner.exact is not None)


def _tuple_of(inner: _Plan) -> _Plan:
    check, exact = inner.decode, inner.exact

    def decode(value: Any, path: str) -> Any:
        if type(value) is not list:
            _fail(f"expected a list, got {type(value).__name__}")
        if exact is not None and not inner.optional:
            for item in value:
                if type(item) is not exact:
                    _fail(f"expected {exact.__name__}, got {type(item).__name__}")
            return tuple(value)
        return tuple([check(item, path) for item in value])

    return _Plan(decode)


# A dataclass's fields from a list, from ``start`` on (1 after a fact's type name).
_FieldsDecoder = Callable[[list[Any], int, str], Any]


def _fields(kind: type, plans: list[_Plan]) -> _FieldsDecoder:
    """``kind`` from exactly its fields, each of its declared type."""
    count = len(plans)
    exact = tuple((i, p.exact) for i, p in enumerate(plans) if p.exact and not p.optional)
    optional = tuple((i, p.exact) for i, p in enumerate(plans) if p.exact and p.optional)
    other = tuple((i, p.decode) for i, p in enumerate(plans) if p.exact is None)
    name = kind.__name__

    def decode(value: list[Any], start: int, path: str) -> Any:
        if len(value) != count + start:
            _fail(f"{name} with {len(value) - start} fields, not {count}")
        values = value[start:]
        for i, want in exact:
            if type(values[i]) is not want:
                _fail(f"{name} field {i}: expected {want.__name__}")
        for i, want in optional:
            item = values[i]
            if item is not None and type(item) is not want:
                _fail(f"{name} field {i}: expected {want.__name__} or null")
        for i, check in other:
            values[i] = check(values[i], path)
        return kind(*values)

    return decode


def _concrete_facts() -> dict[str, type]:
    """The fact types a ``Fact`` field may hold: every concrete fact in :mod:`oinlint.facts`
    (the bare base class is never produced by a front end, and facts resolved across files,
    ``HandedToken``, ``ServedToken``, are made after the cache and never come from it)."""
    found = {}
    for name in facts.__all__:
        candidate = getattr(facts, name)
        if (isinstance(candidate, type) and dataclasses.is_dataclass(candidate)
                and issubclass(candidate, facts.Fact)
                and candidate not in (facts.Fact, facts.HandedToken, facts.ServedToken)):
            found[name] = candidate
    return found


def _build() -> Callable[[Any], _Plan]:
    """The planner of annotations, with one fields decoder per dataclass (made once)."""
    decoders: dict[type, _FieldsDecoder] = {}

    def fields_of(kind: type) -> _FieldsDecoder:
        if kind not in decoders:
            hints = typing.get_type_hints(kind)
            decoders[kind] = _fields(kind, [plan(hints[f.name])
                                            for f in dataclasses.fields(kind)])
        return decoders[kind]

    def any_fact() -> _Plan:
        kinds = {name: fields_of(kind) for name, kind in _concrete_facts().items()}

        def decode(value: Any, path: str) -> Any:
            if type(value) is not list or not value:
                _fail("not a fact")
            tag = value[0]
            decoder = kinds.get(tag) if type(tag) is str else None
            if decoder is None:
                _fail(f"{tag!r} is not an allowed fact type here")
            return decoder(value, 1, path)

        return _Plan(decode)

    def one_kind(kind: type) -> _Plan:
        decoder = fields_of(kind)

        def decode(value: Any, path: str) -> Any:
            if type(value) is not list:
                _fail(f"expected a {kind.__name__}, got {type(value).__name__}")
            return decoder(value, 0, path)

        return _Plan(decode)

    def plan(hint: Any) -> _Plan:
        origin = typing.get_origin(hint)
        if hint is facts.Span:
            return _Plan(_span)
        if hint in _EXACT:
            return _exact(hint)
        if origin is typing.Literal:
            return _literal(typing.get_args(hint))
        if origin in (types.UnionType, typing.Union):
            members = [a for a in typing.get_args(hint) if a is not type(None)]
            if len(members) == 1 and len(typing.get_args(hint)) == 2:
                return _optional(plan(members[0]))
        if origin is tuple:
            args = typing.get_args(hint)
            if len(args) == 2 and args[1] is Ellipsis:
                return _tuple_of(plan(args[0]))
        if hint is facts.Fact:
            return any_fact()
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            return one_kind(hint)
        # A new annotation in facts.py must be taught here: fail at import, not at run time.
        raise TypeError(f"the facts cache cannot check values of type {hint!r}")

    return plan


def _file_parts() -> tuple[_Decoder, _Decoder, _Decoder]:
    names = [f.name for f in dataclasses.fields(facts.FileFacts)]
    if names != ["path", "language", "facts", "comments", "problems"]:  # taught below
        raise TypeError(f"the facts cache cannot encode FileFacts with the fields {names}")
    hints = typing.get_type_hints(facts.FileFacts)
    plan = _build()
    return (plan(hints["facts"]).decode, plan(hints["comments"]).decode,
            plan(hints["problems"]).decode)


_FACTS, _COMMENTS, _PROBLEMS = _file_parts()


def decode_facts(data: Any, path: str) -> facts.FileFacts:
    """The facts of the file shown as ``path``, or :class:`CorruptEntry`.

    Every value is checked against its field's annotation, and every span is in ``path``:
    a cache entry can at most repeat what the front end said about that same file.
    """
    if type(data) is not list or len(data) != 4 or type(data[0]) is not str:
        _fail("not the facts of a file")
    return facts.FileFacts(path, data[0], _FACTS(data[1], path), _COMMENTS(data[2], path),
                           _PROBLEMS(data[3], path))
