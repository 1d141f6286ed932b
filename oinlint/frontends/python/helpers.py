"""What other modules need to resolve this file's wrappers and imports: ``HelperDef``,
``HelperCall`` and ``ScopeImport`` facts.

A file is parsed alone, so a wrapper defined here (``def get(path): return
session.get(BASE + path)``) cannot be matched with its call sites in another module, nor a scope
constant imported from ``settings.py`` with the token request that sends it. This layer of the
call collector writes down, as plain data, the two halves: each wrapper's URL in terms of its
parameters, and each call of an imported function (or of this module's own function, from a
function whose parameters feed it) with its arguments as templates. Parameters are evaluated
as *markers* (private-use characters) so that the shared resolver, which knows nothing of them,
carries them through concatenations and f-strings like any literal text.
:mod:`oinlint.crossfile` joins the halves over the whole project.
"""

from __future__ import annotations

import sys
from typing import Final

from oinlint.facts import HelperArg, HelperCall, ScopeImport, ScopeRole, TemplatePart
from oinlint.frontends.python import tree
from oinlint.frontends.python.nodes import dotted, imported_names
from oinlint.frontends.python.oauthscopes import ScopeStrings
from oinlint.frontends.python.state import WalkState
from oinlint.frontends.python.values import LexicalScope
from oinlint.frontends.shared.paramtemplate import marker, template_parts

__all__ = ["HelperFacts", "library_name", "marked_scope"]

# Standard modules removed in Python 3.12 and 3.13: still the standard library's in code written
# for older Pythons, whichever Python runs oinlint (``sys.stdlib_module_names`` no longer has them).
_REMOVED_STDLIB: Final = frozenset({
    "asynchat", "asyncore", "distutils", "imp", "smtpd", "aifc", "audioop", "cgi", "cgitb",
    "chunk", "crypt", "imghdr", "lib2to3", "mailcap", "msilib", "nis", "nntplib", "ossaudiodev",
    "pipes", "sndhdr", "spwd", "sunau", "telnetlib", "uu", "xdrlib",
})
# Imports that are never the project's own modules (their calls are not helpers of ours).
_LIBRARIES: Final = frozenset(sys.stdlib_module_names) | _REMOVED_STDLIB | {
    "requests", "httpx", "aiohttp", "urllib3", "okta", "boto3", "botocore", "django", "flask",
    "fastapi", "pytest", "unittest", "mock", "click", "typer", "pydantic", "jwt", "yaml",
    "dotenv", "tenacity", "backoff", "msal", "authlib", "oauthlib", "requests_oauthlib",
}


def library_name(callee: str) -> bool:
    """Is a callee named as imported (``logging.getLogger``) a library's, never the project's?"""
    return callee.lstrip(".").split(".", 1)[0] in _LIBRARIES and not callee.startswith(".")


def marked_scope(function_scope: LexicalScope, params: tuple[str, ...]) -> LexicalScope:
    """A copy of a function's scope whose parameters are bound to markers."""
    scope = LexicalScope("function", function_scope.name, function_scope.parent)
    scope.names = dict(function_scope.names)
    scope.globals = function_scope.globals
    for index, param in enumerate(params):
        bound = tree.SimpleString(f'"{marker(index)}"')
        scope.names[param] = [(bound, scope)]
    return scope


def _url_like(parts: tuple[TemplatePart, ...]) -> bool:
    """Worth resolving in another module: a path-ish literal or a parameter of ours."""
    return any(p.param or "/" in p.text for p in parts)


class HelperFacts(ScopeStrings):
    """Relative imports, typed receivers, and the facts other modules resolve against."""

    def __init__(self, primary: WalkState) -> None:
        super().__init__(primary)
        self.relative_imports: dict[str, str] = {}
        # (id(function scope), parameter) → the imported class it is annotated with
        self.typed_params: dict[tuple[int, str], str] = {}

    def visit_ImportFrom(self, node: tree.ImportFrom) -> None:
        """``from .okta import get`` (the primary visitor keeps absolute imports only)."""
        if not node.relative:
            return
        module = dotted(node.module) if node.module is not None else ""
        stem = "." * node.relative + (f"{module}." if module else "")
        for local, name in imported_names(node):
            self.relative_imports[local] = stem + name

    def visit_FunctionDef(self, node: tree.FunctionDef) -> None:
        super().visit_FunctionDef(node)
        for param in (*node.params.posonly_params, *node.params.params,
                      *node.params.kwonly_params):
            if param.annotation is not None:
                qualified = self.imported(param.annotation.annotation)
                if qualified is not None:
                    self.typed_params[(id(self.primary.scope), param.name.value)] = qualified

    def imported(self, node: tree.BaseExpression) -> str | None:
        """The dotted name as imported (``okta.get``, ``.okta.get``) when its head is an
        import of this module, else None."""
        if isinstance(node, tree.SimpleString):
            return None
        name = dotted(node)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        base = self.relative_imports.get(head) or self.primary.imports.get(head)
        if base is None:
            return None
        return f"{base}.{rest}" if rest else base

    def typed_receiver(self, node: tree.BaseExpression, scope: LexicalScope) -> str | None:
        """The imported class a parameter is annotated with (``client: OktaClient``)."""
        if not isinstance(node, tree.Name):
            return None
        binding, holder = scope.lookup(node.value)
        if binding is not None or holder is None:
            return None
        return self.typed_params.get((id(holder), node.value))

    def helper_call(self, node: tree.Call, callee: str, scope: LexicalScope, context: str,
                    function_scope: LexicalScope | None, params: tuple[str, ...]) -> None:
        """A ``HelperCall`` when an argument looks like a URL (or carries our parameters)."""
        imported = not callee.startswith((":", "."))
        if (imported and callee.split(".", 1)[0] in _LIBRARIES) or not node.args:
            return  # a library's function, or no argument: decided before resolving any
        marked = scope
        if function_scope is not None and scope is function_scope and params:
            marked = marked_scope(function_scope, params)
        else:
            params = ()
        args: list[HelperArg] = []
        for arg in node.args:
            if arg.star:
                return  # ``*args``: positions unknown
            value = self.resolver.string(arg.value, marked)
            parts = template_parts(value, params) if value is not None else ()
            args.append(HelperArg(arg.keyword.value if arg.keyword is not None else "", parts))
        if not (imported or any(_url_like(a.parts) for a in args)):
            return
        used = {p.param for a in args for p in a.parts if p.param}
        self.facts.append(HelperCall(self.primary.span(node), context, callee, tuple(args),
                                     params if used else ()))

    def scope_import(self, anchor: tree.Node, expr: tree.BaseExpression,
                     scope: LexicalScope, context: str, role: ScopeRole) -> bool:
        """Scopes named by an imported constant (``scope=settings.SCOPES``,
        ``" ".join(SCOPES)``, a parameter defaulting to one): a ``ScopeImport``."""
        for _ in range(6):
            node, where = self.resolver.follow(expr, scope)
            default = self._default(node, where)
            if default is not None:
                expr, scope = default
                continue
            if (isinstance(node, tree.Call) and isinstance(node.func, tree.Attribute)
                    and node.func.attr.value == "join" and len(node.args) == 1):
                expr, scope = node.args[0].value, where
                continue
            symbol = self.imported(node) if isinstance(node, tree.Name | tree.Attribute) else None
            if symbol is None:
                return False
            self.facts.append(ScopeImport(self.primary.span(anchor), context, symbol, role))
            return True
        return False
