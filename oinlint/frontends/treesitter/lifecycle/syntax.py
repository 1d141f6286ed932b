"""How one language's tree shows what happens to an access token: the table a language fills in.

Everything else about the token lifecycle is shared by all languages (the ``lifecycle``
package's :mod:`.index`, :mod:`.trace` and :mod:`.tracer`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LifecycleSyntax"]


@dataclass(frozen=True, slots=True)
class LifecycleSyntax:
    """How one language's tree shows what happens to an access token (a language module's
    table; everything else is the lifecycle pass's, shared by all languages).

    ``functions``: function, method and lambda nodes (each call of one starts afresh: its
    locals die with it); ``methods``: those of them called through a receiver
    (``this.m()``, ``c.m()``), when the language tells them apart at the call (else empty:
    calls match by name). ``classes``: class-like declarations (their fields outlive calls).
    ``loops``: loop statements (classified by the text before their ``body``).
    ``assignments``: node type → (target field, value field). ``declarations``: node type →
    field holding the names declared there (locals in a function, fields in a class body,
    globals at the top). ``parameters``: parameter list types. ``returns``: return
    statements. ``calls``: call expressions. ``identifiers``: plain names (and shorthand
    properties, which are names too). ``self_names``: receivers meaning "this object".
    ``clock``: a clock read. ``comparisons`` / ``cases``: where a 401 is a status check.
    ``strings``: string literal types (``refresh_token`` / ``"401"`` in Ruby).
    """

    functions: frozenset[str]
    classes: frozenset[str]
    loops: frozenset[str]
    assignments: dict[str, tuple[str, str]]
    declarations: dict[str, str]
    parameters: frozenset[str]
    returns: frozenset[str]
    calls: frozenset[str]
    identifiers: frozenset[str]
    self_names: frozenset[str]
    clock: re.Pattern[str]
    comparisons: frozenset[str]
    cases: frozenset[str]
    strings: frozenset[str]
    methods: frozenset[str] = frozenset()
    closures: bool = True  # a function sees the names of the file's top level
    # blocks run inline (Ruby's ``synchronize do … end``) unless an iterator runs them
    blocks: frozenset[str] = frozenset()
    # a bare name may call a method of the file (Ruby's ``@token ||= fetch_token``)
    bare_calls: bool = False
    # functions that send an HTTP request the front end does not model (``wp_remote_get``):
    # an API call for OIN304, and their result is a response, not the token
    http_functions: frozenset[str] = frozenset()
    # files import each other's functions (or share a Go package, a Java project's classes)
    # and :mod:`oinlint.crossfile` joins them: a token
    # returned to other modules names its function (``exported_by``), and calls of imported
    # functions whose result is kept become ``TokenHandoff`` facts
    modules: bool = False
