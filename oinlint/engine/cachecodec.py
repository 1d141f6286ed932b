"""Facts to JSON and back, trusting nothing that comes back.

The facts cache is read from disk, so what it decodes is input, not our own memory: a value of
the wrong type, an unknown or missing field, a type outside the fact whitelist or a span in
another file must be a cache miss, never an exception later in a rule or a reporter (and never
a rule printing lines of ``/etc/shadow``). Decoding is therefore driven by the dataclass
annotations in :mod:`oinlint.facts`, field by field, with the file's path checked in every span.
The encoded form is unchanged from earlier versions: ``{"__t": type name, field: value, ...}``
for a dataclass, a list for a tuple.
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


# A decoder takes the JSON value and the path every span must carry.
_Decoder = Callable[[Any, str], Any]


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {"__t": type(value).__name__}
        for f in dataclasses.fields(value):
            out[f.name] = _encode(getattr(value, f.name))
        return out
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


def encode_facts(file_facts: facts.FileFacts) -> Any:
    """JSON-ready data for one file's facts (no pickling: a cache must never run code)."""
    return _encode(file_facts)


def _fail(what: str) -> typing.NoReturn:
    raise CorruptEntry(what)


def _exact(kind: type) -> _Decoder:
    """str, int or bool, exactly: JSON ``true`` is not an int here, nor ``1`` a bool."""

    def decode(value: Any, path: str) -> Any:
        if type(value) is not kind:
            _fail(f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    return decode


def _literal(allowed: tuple[Any, ...]) -> _Decoder:
    choices = frozenset(allowed)

    def decode(value: Any, path: str) -> Any:
        if type(value) is not str or value not in choices:
            _fail(f"{value!r} is not one of {sorted(choices)}")
        return value

    return decode


def _optional(inner: _Decoder) -> _Decoder:
    def decode(value: Any, path: str) -> Any:
        return None if value is None else inner(value, path)

    return decode


def _tuple_of(inner: _Decoder) -> _Decoder:
    def decode(value: Any, path: str) -> Any:
        if type(value) is not list:
            _fail(f"expected a list, got {type(value).__name__}")
        return tuple(inner(item, path) for item in value)

    return decode


def _span(value: Any, path: str) -> facts.Span:
    """A span, which must point into the file the entry is for."""
    if type(value) is not dict or value.keys() != _SPAN_KEYS or value["__t"] != "Span":
        _fail("not a Span")
    if value["path"] != path:
        _fail(f"a span in {value['path']!r} among the facts of {path!r}")
    numbers = (value["line"], value["column"], value["end_line"], value["end_column"])
    if any(type(n) is not int for n in numbers):
        _fail("a Span position that is not an int")
    return facts.Span(path, *numbers)


_SPAN_KEYS = frozenset(("__t", "path", "line", "column", "end_line", "end_column"))


def _dataclass(kinds: dict[str, type], decoders: dict[type, list[tuple[str, _Decoder]]]
               ) -> _Decoder:
    """One of ``kinds`` (by its ``__t``), with exactly its fields, each of its declared type."""

    def decode(value: Any, path: str) -> Any:
        if type(value) is not dict:
            _fail(f"expected an object, got {type(value).__name__}")
        tag = value.get("__t")
        kind = kinds.get(tag) if type(tag) is str else None
        if kind is None:
            _fail(f"{tag!r} is not an allowed fact type here")
        fields = decoders[kind]
        if len(value) != len(fields) + 1:
            _fail(f"{kind.__name__} with unknown or missing fields")
        try:
            return kind(**{name: field(value[name], path) for name, field in fields})
        except KeyError as exc:
            _fail(f"{kind.__name__} without {exc}")

    return decode


def _concrete(kind: type) -> dict[str, type]:
    """``kind`` and its subclasses in :mod:`oinlint.facts`; for ``Fact``, only the concrete
    facts (the bare base class is never produced by a front end)."""
    found = {}
    for name in facts.__all__:
        candidate = getattr(facts, name)
        if isinstance(candidate, type) and dataclasses.is_dataclass(candidate) and issubclass(
                candidate, kind) and not (kind is facts.Fact and candidate is facts.Fact):
            found[name] = candidate
    return found


def _build() -> _Decoder:
    """The decoder of FileFacts, made once from the annotations of every fact type."""
    fields_of: dict[type, list[tuple[str, _Decoder]]] = {}

    def decoder_for(hint: Any) -> _Decoder:
        origin = typing.get_origin(hint)
        if hint is facts.Span:
            return _span
        if hint in (str, int, bool):
            return _exact(hint)
        if origin is typing.Literal:
            return _literal(typing.get_args(hint))
        if origin in (types.UnionType, typing.Union):
            members = [a for a in typing.get_args(hint) if a is not type(None)]
            if len(members) == 1 and len(typing.get_args(hint)) == 2:
                return _optional(decoder_for(members[0]))
        if origin is tuple:
            args = typing.get_args(hint)
            if len(args) == 2 and args[1] is Ellipsis:
                return _tuple_of(decoder_for(args[0]))
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            kinds = _concrete(hint) if hint is facts.Fact else {hint.__name__: hint}
            for kind in kinds.values():
                if kind not in fields_of:
                    fields_of[kind] = []  # filled below; no fact type contains itself
                    hints = typing.get_type_hints(kind)
                    fields_of[kind].extend((f.name, decoder_for(hints[f.name]))
                                           for f in dataclasses.fields(kind))
            return _dataclass(kinds, fields_of)
        # A new annotation in facts.py must be taught here: fail at import, not at run time.
        raise TypeError(f"the facts cache cannot check values of type {hint!r}")

    return decoder_for(facts.FileFacts)


_FILE_FACTS = _build()


def decode_facts(data: Any, path: str) -> facts.FileFacts:
    """The facts of the file shown as ``path``, or :class:`CorruptEntry`.

    Every value is checked against its field's annotation and every span must be in ``path``:
    a cache entry can at most repeat what the front end said about that same file.
    """
    decoded = _FILE_FACTS(data, path)
    assert isinstance(decoded, facts.FileFacts)
    if decoded.path != path:
        _fail(f"facts of {decoded.path!r} stored for {path!r}")
    return decoded
