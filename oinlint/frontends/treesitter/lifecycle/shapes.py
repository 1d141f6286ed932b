"""How long the process that runs a file lives: a server, a scheduler, a worker loop, a Lambda
handler or a one-shot command (:class:`~oinlint.facts.ProcessShape`, read by OIN301/OIN303).

A token kept for the whole process is a bug only if the process outlives the token's hour, so
the lifecycle rules ask the project what kind of process it is. The signs are few and written
the same way in every project (``app.listen(``, ``setInterval(``, ``@Scheduled``, ``for {``,
``exports.handler =``, ``process.argv``), so one table of patterns serves every grammar; a
match in a comment or inside a string is no sign. A ``while (true)`` loop counts as a worker
loop only when it sleeps or never breaks out (a pagination loop breaks on its last page).
"""

from __future__ import annotations

import re
from typing import Final

import tree_sitter as ts

from oinlint.facts import ProcessKind, ProcessShape
from oinlint.frontends.shared.tidy import context_at
from oinlint.frontends.treesitter.lifecycle.index import FileIndex

__all__ = ["process_shapes"]

_SIGNS: Final[tuple[tuple[ProcessKind, re.Pattern[bytes]], ...]] = (
    ("server", re.compile(
        rb"\b(?:app|server|srv|httpServer|fastify)\.listen\s*\(|\bcreateServer\s*\(|"
        rb"\bNestFactory\.create|\bnew\s+(?:Koa|Hono)\s*\(|\bListenAndServe(?:TLS)?\s*\(|"
        rb"\bgin\.(?:Default|New)\s*\(|\becho\.New\s*\(|\bsignal\.Notify\s*\(|"
        rb"@(?:RestController|Controller|SpringBootApplication)\b|\bSpringApplication\.run\b|"
        rb"\bWebApplication\.CreateBuilder\b|\bHost\.CreateDefaultBuilder\b|"
        rb"\[ApiController\]|:\s*(?:ControllerBase|BackgroundService|IHostedService)\b|"
        rb"<\s*(?:ApplicationController|ActionController::Base|Sinatra::Base)\b|"
        rb"\bRoute::(?:get|post|put|delete)\s*\(|"
        # an MCP server (stdio or HTTP) serves tool calls for as long as its host runs
        rb"\bnew\s+(?:McpServer|StdioServerTransport|StreamableHTTPServerTransport)\s*\(|"
        rb"\bserver\.(?:NewMCPServer|ServeStdio|NewStreamableHTTPServer)\s*\(|"
        rb"\bmcp\.NewServer\s*\(")),
    ("scheduler", re.compile(
        rb"\bsetInterval\s*\(|\bcron\.schedule\s*\(|\bnew\s+CronJob\s*\(|\bscheduleJob\s*\(|"
        rb"@(?:Cron|Interval|Scheduled)\b|\btime\.(?:NewTicker|Tick)\s*\(|\bcron\.New\s*\(|"
        rb"\bschedule(?:AtFixedRate|WithFixedDelay)\s*\(|\bSidekiq::(?:Worker|Job)\b|"
        rb"\bRufus::Scheduler\b|\bPeriodicTimer\b")),
    ("loop", re.compile(
        rb"\bwhile\s*\(\s*(?:true|1)\s*\)|\bfor\s*\(\s*;\s*;\s*\)|\bfor\s*\{|"
        rb"\bselect\s*\{\s*\}|\bloop\s+do\b|\bwhile\s+true\b")),
    ("handler", re.compile(
        rb"\bexports\.handler\s*=|\bexport\s+(?:const|let|async\s+function|function)\s+"
        rb"handler\b|\blambda\.Start\s*\(|\bimplements\s+RequestHandler\b|\bILambdaContext\b")),
    ("cli", re.compile(
        rb"\bprocess\.argv\b|\brequire\.main\s*===?\s*module\b|\bprogram\.parse(?:Async)?\s*\(|"
        rb"\byargs\b|\bcobra\.Command\b|\bflag\.Parse\s*\(|\bfunc\s+main\s*\(\s*\)|"
        rb"\bstatic\s+(?:async\s+)?(?:void|int|Task(?:<int>)?)\s+Main\s*\(|"
        rb"\bpublic\s+static\s+void\s+main\s*\(|__FILE__\s*==\s*\$0|\bOptionParser\b|"
        rb"\$argv\b|\bphp_sapi_name\s*\(")),
)
# A worker loop sleeps between rounds; a pagination or retry loop breaks out or returns.
_SLEEP: Final = re.compile(rb"sleep|setTimeout|Sleep|Task\.Delay|\bdelay\s*\(|<-\s*time\.After")
_EXIT: Final = re.compile(rb"\b(?:break|return)\b")
# A script's own top level: ``(async () => { … })()``, ``main()``, ``await …``.
_IIFE: Final = re.compile(rb"^\(\s*(?:async\s*)?(?:\(\s*\)\s*=>|function\b)")
_MAIN_CALL: Final = re.compile(rb"^(?:void\s+)?main\s*\(\s*\)")


def process_shapes(index: FileIndex) -> list[ProcessShape]:
    """One :class:`ProcessShape` per kind of sign the file shows (its first one)."""
    a = index.a
    found: dict[str, ProcessShape] = {}
    for kind, pattern in _SIGNS:
        for match in pattern.finditer(a.data):
            if kind in found:
                break
            if index.in_comment(match.start()):
                continue
            node = index.root.descendant_for_byte_range(match.start(), match.end() - 1)
            if node is None or _in_string(node, index):
                continue
            if kind == "loop" and not _forever(node, index):
                continue
            found[kind] = _shape(index, node, kind, match.group().decode("utf-8", "replace"))
    if "cli" not in found and a.language in ("javascript", "typescript", "tsx"):
        script = _script_top_level(index)
        if script is not None:
            found["cli"] = _shape(index, script, "cli", "a script's top level")
    return list(found.values())


def _shape(index: FileIndex, node: ts.Node, kind: ProcessKind, evidence: str) -> ProcessShape:
    span = index.a.span(node)
    return ProcessShape(span, context_at(index.a.ranges, span.line), kind,
                        " ".join(evidence.split())[:60])


def _in_string(node: ts.Node, index: FileIndex) -> bool:
    current: ts.Node | None = node
    for _ in range(3):
        if current is None:
            return False
        if current.type in index.syntax.strings:
            return True
        current = current.parent
    return False


def _forever(node: ts.Node, index: FileIndex) -> bool:
    """Is the loop at ``node`` a worker loop: it sleeps, or nothing in it leaves it?"""
    current: ts.Node | None = node
    while current is not None and current.type not in index.syntax.loops:
        if current.type in index.syntax.functions:
            return False
        current = current.parent
    if current is None:
        # Ruby's ``loop do`` is a call with a block; Go's ``select {}`` blocks for ever
        return node.type not in index.syntax.strings
    body = index.a.data[current.start_byte:current.end_byte]
    return bool(_SLEEP.search(body)) or not _EXIT.search(body)


def _script_top_level(index: FileIndex) -> ts.Node | None:
    """A JavaScript file whose top level runs the program: an IIFE, ``main()``, ``await``."""
    for child in index.root.named_children:
        if child.type != "expression_statement":
            continue
        text = index.a.data[child.start_byte:child.end_byte].lstrip()
        if _IIFE.match(text) or _MAIN_CALL.match(text) or text.startswith(b"await "):
            return child
    return None
