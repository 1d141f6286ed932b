"""A local token that a long-running part of its function keeps using (``TokenRequest.held_by``).

The tree-sitter twin of ``_held`` in python/tokentrace.py: a token fetched in ``main()`` and
then used by a worker loop (``for {}`` that sleeps, ``while (true)``), a scheduled job
(``setInterval(() => …)``, ``cron.schedule``, a ``time.Ticker``), a server's handlers
(``app.get(…, (req, res) => …)`` before ``app.listen``, ``http.HandleFunc`` before
``ListenAndServe``), a worker thread (``go worker(tok)``, ``new Worker``) or a function of the
file that loops for ever lives as long as the process, far beyond the token's hour.
"""

from __future__ import annotations

import re
from typing import Final

import tree_sitter as ts

from oinlint.frontends.shared.vocabulary import FOREVER_LOOP
from oinlint.frontends.treesitter.lifecycle.index import FileIndex, Function
from oinlint.frontends.treesitter.walk import descendants

__all__ = ["held_by"]

# calls that run their callback again and again for the process's life
_SCHEDULERS: Final = frozenset({
    "setInterval", "schedule", "scheduleJob", "CronJob", "AddFunc", "every", "cron",
})
_SERVER: Final = re.compile(
    r"\.listen\s*\(|\bcreateServer\s*\(|\bListenAndServe(?:TLS)?\s*\(|\.Run\s*\(\s*\"?:")
# Go's ticker: ``for range ticker.C``, ``for t := range time.Tick(d)``
_TICKER: Final = re.compile(r"\brange\s+(?:\w+\.C\b|time\.Tick\s*\()")
_SLEEP: Final = re.compile(r"sleep|Sleep|setTimeout|\bdelay\s*\(|<-\s*time\.After")
_EXIT: Final = re.compile(r"\b(?:break|return)\b")


def held_by(index: FileIndex, fn: Function, keys: set[tuple[int, int]],
            names: set[str]) -> str | None:
    """What long-running part of ``fn`` keeps using the token it holds (``keys`` / local
    ``names``): "loop", "scheduler", "server", "worker"; None when nothing does."""
    if fn.node is None:
        return None
    for node, inner, held in _long_running(index, fn):
        if inner is not None:  # a loop: what its body does each round
            if _uses(index, inner, keys, names) and not _fetches(index, inner, keys):
                return held
            continue
        args = index.a.lc_arguments(node)
        if any(_uses(index, arg, keys, names) for arg in args) and not any(
                _fetches(index, arg, keys) for arg in args):
            return held
    if _SERVER.search(index.own_text(fn)) and any(
        _uses(index, inner.node, keys, names) and not _fetches(index, inner.node, keys)
        for inner in fn.inner if inner.node is not None
    ):
        return "server"
    return None


def _long_running(index: FileIndex, fn: Function) -> list[tuple[ts.Node, ts.Node | None, str]]:
    """The parts of ``fn`` that run for the process's life, in the order they are searched:
    (loop, its body, what holds) for a ticker or never-ending loop, (call, None, what holds)
    for a scheduler, a worker thread or a looping function of the file. Found once per
    function (each token, and each kept result of another module's function, asks again)."""
    found = index.long_running.get(id(fn))
    if found is not None:
        return found
    found = []
    a = index.a
    body = fn.node
    for node in descendants(body) if body is not None else ():
        kind = node.type
        if kind in index.syntax.loops and node is not body:
            header, inner = _header(index, node)
            if inner is None:
                continue
            if _TICKER.search(header):
                found.append((node, inner, "scheduler"))
            elif FOREVER_LOOP.match(header) and _forever(index, inner):
                found.append((node, inner, "loop"))
        elif kind in index.syntax.calls:
            name, receiver = a.lc_call(node)
            if name in _SCHEDULERS:
                found.append((node, None, "scheduler"))
            elif name == "Worker" or _go_statement(node):
                found.append((node, None, "worker"))
            elif receiver is None and any(
                    f is not fn and f.node is not None and _loops_forever(index, f.node)
                    for f in index.by_name.get(name or "", ())):
                found.append((node, None, "loop"))
    index.long_running[id(fn)] = found
    return found




def _header(index: FileIndex, loop: ts.Node) -> tuple[str, ts.Node | None]:
    body = loop.child_by_field_name("body")
    if body is None:
        body = next((c for c in reversed(loop.named_children) if c.type.endswith("block")
                     or c.type == "statement_block"), None)
    end = body.start_byte if body is not None else loop.end_byte
    header = index.a.data[loop.start_byte:end].decode("utf-8", "replace")
    return header, body


def _forever(index: FileIndex, body: ts.Node) -> bool:
    """A worker loop sleeps between rounds, or nothing in it leaves it."""
    text = index.a.data[body.start_byte:body.end_byte].decode("utf-8", "replace")
    return bool(_SLEEP.search(text)) or not _EXIT.search(text)


def _loops_forever(index: FileIndex, fn: ts.Node) -> bool:
    for node in descendants(fn):
        if node.type in index.syntax.loops:
            header, body = _header(index, node)
            if body is not None and (_TICKER.search(header) or (
                    FOREVER_LOOP.match(header) and _forever(index, body))):
                return True
    return False


def _fetches(index: FileIndex, part: ts.Node, keys: set[tuple[int, int]]) -> bool:
    """Is the token fetched inside ``part`` (each round of the loop, each job: not held)?"""
    if not index.may_hold(part, keys, ()):
        return False
    return any(index.a.key(node) in keys for node in descendants(part))


def _go_statement(call: ts.Node) -> bool:
    return call.parent is not None and call.parent.type == "go_statement"


def _uses(index: FileIndex, expr: ts.Node, keys: set[tuple[int, int]], names: set[str]) -> bool:
    """Does ``expr`` read the token anywhere, nested functions included (a callback sends it)?"""
    if not index.may_hold(expr, keys, names):
        return False
    a = index.a
    identifiers = index.syntax.identifiers
    for node in descendants(expr):
        if a.key(node) in keys:
            return True
        if node.type in identifiers and a.text_of(node) in names and not index.member_name(node):
            return True
    return False
