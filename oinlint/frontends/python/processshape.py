"""How long the process that runs a Python file lives (a token collector layer).

A token kept for the whole process is a bug only if the process outlives the token's hour, so
OIN301/OIN303 ask the project what it is: a server (Flask, FastAPI, aiohttp, ``serve_forever``,
uvicorn), a scheduler or task worker (``schedule.every``, APScheduler, Celery tasks), a worker
loop (``while True`` that sleeps or never leaves), an AWS Lambda handler
(``lambda_handler(event, context)``), an MCP server (``FastMCP``, ``mcp.server.Server``: it
serves tool calls as long as its host runs), or a one-shot command (``if __name__ ==
"__main__"``, argparse, click, typer). Each kind becomes one
:class:`~oinlint.facts.ProcessShape` fact, at its first sign in the file.
"""

from __future__ import annotations

from typing import Final

from oinlint.facts import ProcessKind, ProcessShape
from oinlint.frontends.python import tree
from oinlint.frontends.python.nodes import attr_name, dotted_chain
from oinlint.frontends.python.tokenwalk import TokenWalk, forever_loop

__all__ = ["ProcessShapes"]

# Calls (qualified through imports, or by their last name) that show the process's kind.
_QUALIFIED: Final[dict[str, ProcessKind]] = {
    "flask.Flask": "server", "fastapi.FastAPI": "server", "aiohttp.web.Application": "server",
    "aiohttp.web.run_app": "server", "uvicorn.run": "server", "waitress.serve": "server",
    "starlette.applications.Starlette": "server", "sanic.Sanic": "server",
    "schedule.every": "scheduler", "argparse.ArgumentParser": "cli", "typer.Typer": "cli",
    "typer.run": "cli", "fire.Fire": "cli",
    # an MCP server (stdio or HTTP) serves tool calls for as long as its host runs
    "mcp.server.fastmcp.FastMCP": "server", "fastmcp.FastMCP": "server",
    "mcp.server.Server": "server", "mcp.server.lowlevel.Server": "server",
    "mcp.server.stdio.stdio_server": "server",
}
_NAMES: Final[dict[str, ProcessKind]] = {
    "serve_forever": "server", "run_forever": "server", "run_app": "server",
    "BlockingScheduler": "scheduler", "BackgroundScheduler": "scheduler",
    "AsyncIOScheduler": "scheduler", "add_job": "scheduler", "ArgumentParser": "cli",
}
# Decorators: ``@app.route``, ``@router.get`` (server); ``@shared_task`` (worker); ``@click…``.
_ROUTES: Final = frozenset({"route", "get", "post", "put", "patch", "delete", "websocket"})
_TASKS: Final = frozenset({"shared_task", "task", "periodic_task", "scheduled_job", "job"})
_LAMBDA: Final = frozenset({"lambda_handler", "handler"})


class ProcessShapes(TokenWalk):
    """Records the signs of the process's kind while the walk passes them."""

    def _shape(self, node: tree.Node, kind: ProcessKind, evidence: str) -> None:
        if any(isinstance(f, ProcessShape) and f.kind == kind for f in self.facts):
            return
        self.facts.append(ProcessShape(self.primary.span(node), self.primary.context, kind,
                                       evidence[:60]))

    def _shape_call(self, node: tree.Call, name: str | None, qualified: str) -> None:
        kind = _QUALIFIED.get(qualified) or _QUALIFIED.get(qualified.rsplit(".", 1)[0])
        if kind is None and name is not None:
            kind = _NAMES.get(name)
        if kind is None and name == "run" and isinstance(node.func, tree.Attribute) and (
            dotted_chain(node.func.value) in ("app", "application", "server")
        ):
            kind = "server"  # Flask's ``app.run()``
        if kind is not None:
            self._shape(node, kind, f"{dotted_chain(node.func) or name}()")

    def visit_FunctionDef(self, node: tree.FunctionDef) -> None:
        super().visit_FunctionDef(node)
        for decorator in node.decorators:
            expr = decorator.decorator
            target = expr.func if isinstance(expr, tree.Call) else expr
            dotted = self.primary.qualify(target) or dotted_chain(target) or ""
            last = attr_name(target) or dotted
            if dotted.startswith(("click.", "typer.")) or ".command" in dotted:
                self._shape(node, "cli", f"@{dotted}")
            elif isinstance(target, tree.Attribute) and last in _ROUTES:
                self._shape(node, "server", f"@{dotted}")
            elif last in _TASKS:
                self._shape(node, "scheduler", f"@{dotted}")
        params = [p.name.value for p in node.params.params]
        if node.name.value in _LAMBDA and params[-2:] == ["event", "context"]:
            self._shape(node, "handler", f"{node.name.value}(event, context)")

    def visit_If(self, node: tree.If) -> None:
        super().visit_If(node)
        test = node.test
        if isinstance(test, tree.Comparison) and dotted_chain(test.left) == "__name__" and any(
            isinstance(c.comparator, tree.SimpleString) and "__main__" in c.comparator.value
            for c in test.comparisons
        ):
            self._shape(node.test, "cli", 'if __name__ == "__main__"')

    def visit_While(self, node: tree.While) -> None:
        super().visit_While(node)
        if forever_loop(node):
            self._shape(node.test, "loop", "while True")
