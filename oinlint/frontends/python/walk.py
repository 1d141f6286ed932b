"""The one walk of the Python front end over its analysis tree (:mod:`.tree`).

:func:`walk` visits a tree in the order of each node's ``FIELDS`` with ``visit_<Type>`` /
``leave_<Type>`` methods (``False`` from the primary visitor's ``visit_X`` skips the children),
with an explicit stack: a deeply nested file cannot overflow Python's. The handlers of each node
type are looked up once per process, not once per file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from oinlint.frontends.python.tree import Node

__all__ = ["Visitor", "walk"]


class Visitor:
    """A pass over the tree: ``visit_<Type>(node)`` on the way down, ``leave_<Type>(node)`` on
    the way up, for the node types it defines methods for."""


# A handler unbound: called with the visitor's index in the walk and the node.
_Handler = Callable[[Any, Any], Any]
# (visit of the primary visitor, the collectors' visits, the leaves, the child fields last first)
_Entry = tuple[_Handler | None, tuple[tuple[int, _Handler], ...], tuple[tuple[int, _Handler], ...],
               tuple[str, ...]]
# (node type, the visitors' types) -> the handlers, found once per process
_HANDLERS: dict[tuple[type[Node], tuple[type[Visitor], ...]], _Entry] = {}


def _handler(kind: type[Visitor], name: str) -> _Handler | None:
    found: _Handler | None = getattr(kind, name, None)
    return found


def _entry(kind: type[Node], kinds: tuple[type[Visitor], ...]) -> _Entry:
    name = kind.__name__
    visit = _handler(kinds[0], f"visit_{name}")
    extra = tuple((i, h) for i, k in enumerate(kinds[1:], 1)
                  if (h := _handler(k, f"visit_{name}")) is not None)
    leaves = tuple((i, h) for i, k in reversed(list(enumerate(kinds)))
                   if (h := _handler(k, f"leave_{name}")) is not None)
    return visit, extra, leaves, kind.FIELDS[::-1]


def walk(root: Node, visitor: Visitor, *collectors: Visitor) -> None:
    """Visit ``root`` and its descendants in field order (depth first).

    ``collectors`` ride along in the same walk (one pass for every fact family): on the way
    down each node is shown to ``visitor`` first, then to the collectors; on the way up to the
    collectors first, so they still see the primary visitor's scope state for the node. Only
    the primary visitor may prune (``False`` from its ``visit_X`` skips the children).
    """
    everyone = (visitor, *collectors)
    kinds = tuple(type(v) for v in everyone)
    handlers: dict[type[Node], _Entry] = {}
    # a Node is to be visited; a 1-tuple holds a node whose leave handlers are due
    stack: list[Any] = [root]
    pop = stack.pop
    push = stack.append
    extend = stack.extend
    while stack:
        node = pop()
        kind = type(node)
        if kind is tuple:
            node = node[0]
            for index, leave in handlers[type(node)][2]:
                leave(everyone[index], node)
            continue
        entry = handlers.get(kind)
        if entry is None:
            entry = _HANDLERS.get((kind, kinds))
            if entry is None:
                entry = _HANDLERS[(kind, kinds)] = _entry(kind, kinds)
            handlers[kind] = entry
        visit, extra_visits, leaves, fields = entry
        if visit is not None and visit(visitor, node) is False:
            continue
        for index, extra in extra_visits:
            extra(everyone[index], node)
        if leaves:
            push((node,))
        # children pushed last field first, each list reversed: popped in field order
        for name in fields:
            value = getattr(node, name)
            if value is None:
                continue
            if type(value) is list:
                if value:
                    extend(value[::-1])
            else:
                push(value)

