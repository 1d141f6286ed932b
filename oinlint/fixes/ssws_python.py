"""The SSWS → OAuth rewrite of one Python file, with libcst (lossless: every other byte stays).

Given where OIN101 found an ``Authorization: SSWS …`` value, the header entry goes and an auth
object from the generated module takes its place:

* ``requests.get(url, headers={"Authorization": f"SSWS {t}"})`` and ``httpx.Client(headers=…)``
  (per call, or a client): ``auth=OktaAuth()`` next to ``headers=`` (which goes when empty);
* a headers dict bound to a name: every call in the file that passes ``headers=NAME`` gets it;
* ``session.headers.update({...})``: ``session.auth = OktaAuth()`` after that statement;
* a function returning the headers dict: each call that passes ``headers=f(...)`` gets it,
  and a parameter that only fed the token goes, with its argument at those calls.

Then an assignment that read ``OKTA_API_TOKEN`` and that nothing reads any more goes, and the
import is added once. A value in any other place is left alone (its finding keeps no fix).
Names other files use (``shared``) are never removed: the rewrite gives up instead.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import libcst as cst
import libcst.matchers as m
from libcst.metadata import MetadataWrapper, PositionProvider

from oinlint.fixes.oauth_module import HTTPX_AUTH, REQUESTS_AUTH
from oinlint.fixes.ssws_rewriter import RewritePlan, Rewriter, with_imports

__all__ = ["Rewrite", "rewrite_ssws"]

_TOKEN_ENV = "OKTA_API_TOKEN"
_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "request",
                    "stream"})


@dataclass(frozen=True, slots=True)
class Rewrite:
    """The file's new text, the targets (line, column) it answered and the auth classes used."""

    text: str
    answered: frozenset[tuple[int, int]]
    classes: frozenset[str]


def _legacy(text: str) -> bool:
    """A string part that reads the API token or writes the SSWS scheme."""
    return _TOKEN_ENV in text or "SSWS" in text


_PLAIN_CALLS = frozenset({"os.getenv", "getenv", "os.environ.get", "environ.get"})
_PLAIN_METHODS = frozenset({"format", "join", "strip"})


def _plain_value(value: cst.BaseExpression) -> bool:
    """A value whose removal removes nothing else: strings, names, environment reads,
    formatting; no container, no other call (``client = Client({...})`` stays)."""
    if m.findall(value, m.Dict() | m.List() | m.Set() | m.Tuple() | m.Lambda()):
        return False
    for call in m.findall(value, m.Call()):
        name = _dotted(call.func) if isinstance(call, cst.Call) else ""
        if name not in _PLAIN_CALLS and name.rsplit(".", 1)[-1] not in _PLAIN_METHODS:
            return False
    return True


def _string(node: cst.CSTNode | None) -> str | None:
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    if isinstance(node, cst.Call):
        return _dotted(node.func) + "()"
    return ""


class _ParentCollector(cst.CSTVisitor):
    """Each node's parent, from one walk (four times cheaper than ``ParentNodeProvider``)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[cst.CSTNode] = []
        self.parents: dict[cst.CSTNode, cst.CSTNode] = {}

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self.stack:
            self.parents[node] = self.stack[-1]
        self.stack.append(node)
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.stack.pop()


def _parents(module: cst.Module) -> dict[cst.CSTNode, cst.CSTNode]:
    collector = _ParentCollector()
    module.visit(collector)
    return collector.parents


class _Finder:
    """Reads the tree (positions, parents) and decides what changes; changes nothing."""

    def __init__(self, wrapper: MetadataWrapper, shared: Collection[str]) -> None:
        self.module = wrapper.module
        self.positions = wrapper.resolve(PositionProvider)
        self.parents = _parents(self.module)
        self.shared = shared
        self.plan = RewritePlan()
        self.imports_requests = self._imports("requests")
        self.imports_httpx = self._imports("httpx")
        self.receivers = self._receivers()

    # --- reading ---------------------------------------------------------------------------

    def _imports(self, name: str) -> bool:
        for node in self.positions:
            if isinstance(node, cst.Import) and any(
                    _dotted(a.name).split(".")[0] == name for a in node.names):
                return True
            if isinstance(node, cst.ImportFrom) and node.module is not None and \
                    _dotted(node.module).split(".")[0] == name:
                return True
        return False

    def _receivers(self) -> dict[str, str]:
        """Names bound to a client or session: ``s = requests.Session()``, ``with
        httpx.Client() as c`` → the library."""
        found: dict[str, str] = {}
        for node in self.positions:
            if isinstance(node, cst.Assign) and isinstance(node.value, cst.Call):
                for target in node.targets:
                    if isinstance(target.target, cst.Name):
                        found[target.target.value] = _dotted(node.value.func).split(".")[0]
            if isinstance(node, cst.WithItem) and isinstance(node.item, cst.Call) and \
                    node.asname is not None and isinstance(node.asname.name, cst.Name):
                found[node.asname.name.value] = _dotted(node.item.func).split(".")[0]
        return found

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        return self.parents.get(node)

    def at(self, line: int, column: int) -> list[cst.CSTNode]:
        """Expressions that start at ``line``:``column`` (1-based), innermost first."""
        hits = [n for n, p in self.positions.items() if isinstance(n, cst.BaseExpression)
                and p.start.line == line and p.start.column == column - 1]
        return sorted(hits, key=lambda n: self.positions[n].end.column - self.positions[n]
                      .start.column + 1000 * (self.positions[n].end.line - line))

    def flavour(self, call: cst.Call) -> str:
        """The auth class a call's library takes."""
        root = _dotted(call.func).split(".")[0]
        library = root if root in ("requests", "httpx") else self.receivers.get(root, "")
        if library not in ("requests", "httpx"):
            library = "httpx" if self.imports_httpx and not self.imports_requests else "requests"
        if _dotted(call.func).split(".")[-1] in ("Client", "AsyncClient") and \
                self.imports_httpx:
            library = "httpx"
        return HTTPX_AUTH if library == "httpx" else REQUESTS_AUTH

    def names_read(self, name: str, within: cst.CSTNode | None = None,
                   ignoring: Collection[cst.CSTNode] = ()) -> int:
        """How often ``name`` is read (``within`` a node, else anywhere), outside ``ignoring``."""
        count = 0
        for node in self.positions:
            if not (isinstance(node, cst.Name) and node.value == name):
                continue
            if within is not None and not self._inside(node, {within}):
                continue
            parent = self.parent(node)
            if isinstance(parent, (cst.AssignTarget, cst.Param)) or self._inside(node, ignoring):
                continue
            if isinstance(parent, cst.FunctionDef) or (
                    isinstance(parent, cst.Attribute) and parent.attr is node) or (
                    isinstance(parent, cst.Arg) and parent.keyword is node):
                continue  # a definition, an attribute or a keyword of the same name
            count += 1
        return count

    def _inside(self, node: cst.CSTNode, outer: Collection[cst.CSTNode]) -> bool:
        current: cst.CSTNode | None = node
        while current is not None:
            if current in outer:
                return True
            current = self.parent(current)
        return False

    def enclosing(self, node: cst.CSTNode, kind: type[cst.CSTNode]) -> cst.CSTNode | None:
        current = self.parent(node)
        while current is not None and not isinstance(current, kind):
            current = self.parent(current)
        return current

    # --- deciding --------------------------------------------------------------------------

    def header_target(self, line: int, column: int) -> bool:
        """Plan the rewrite of the SSWS value at ``line``:``column``; False: not a known shape."""
        for node in self.at(line, column):
            element = self.parent(node)
            if isinstance(element, cst.DictElement) and element.value is node and \
                    (_string(element.key) or "").lower() == "authorization":
                mapping = self.parent(element)
                if isinstance(mapping, cst.Dict):
                    return self._dict_with_header(mapping, element)
        return False

    def _dict_with_header(self, mapping: cst.Dict, element: cst.DictElement) -> bool:
        holder = self.parent(mapping)
        calls: list[cst.Arg] = []
        if isinstance(holder, cst.Arg) and holder.keyword is not None and \
                holder.keyword.value == "headers":
            calls = [holder]
        elif isinstance(holder, cst.Arg) and holder.keyword is None:
            call = self.parent(holder)
            if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and \
                    call.func.attr.value == "update" and isinstance(call.func.value,
                                                                   cst.Attribute) and \
                    call.func.value.attr.value == "headers":
                return self._session_update(call, call.func.value.value, element)
            return False
        elif isinstance(holder, cst.Assign) and len(holder.targets) == 1 and \
                isinstance(holder.targets[0].target, cst.Name):
            calls = self._only_header_uses(holder.targets[0].target.value) or []
        elif isinstance(holder, cst.Return):
            function = self.enclosing(holder, cst.FunctionDef)
            if not isinstance(function, cst.FunctionDef) or function.name.value in self.shared:
                return False
            calls = self._header_args_from(function) or []
            if calls:
                self._drop_token_params(function, element)
        if not calls or not all(self._http_call(self.parent(arg)) for arg in calls):
            return False  # the headers go somewhere else too: dropping the entry would break it
        self.plan.drop_elements.add(element)
        for arg in calls:
            call = self.parent(arg)
            if isinstance(call, cst.Call):
                auth = self.flavour(call)
                self.plan.auth_after_arg[arg] = auth
                self.plan.classes.add(auth)
        return True

    def _http_call(self, call: cst.CSTNode | None) -> bool:
        """A requests/httpx call, client or session constructor, or an HTTP verb method,
        without an ``auth=`` of its own: where ``auth=`` replaces the header."""
        if not isinstance(call, cst.Call) or any(
                a.keyword is not None and a.keyword.value == "auth" for a in call.args):
            return False
        dotted = _dotted(call.func)
        if dotted.split(".")[0] in ("requests", "httpx"):
            return True
        if dotted.split(".")[-1] in ("Client", "AsyncClient", "Session"):
            return self.imports_httpx or self.imports_requests
        return isinstance(call.func, cst.Attribute) and call.func.attr.value in _VERBS

    def _session_update(self, call: cst.Call, receiver: cst.BaseExpression,
                        element: cst.DictElement) -> bool:
        statement = self.enclosing(call, cst.SimpleStatementLine)
        if statement is None:
            return False
        root = _dotted(receiver).split(".")[0]
        library = self.receivers.get(root, "")
        auth = HTTPX_AUTH if library == "httpx" or (
            library != "requests" and self.imports_httpx and not self.imports_requests) \
            else REQUESTS_AUTH
        self.plan.drop_elements.add(element)
        self.plan.statement_after[statement] = (receiver, auth)
        self.plan.classes.add(auth)
        return True

    def _header_args_named(self, name: str) -> list[cst.Arg]:
        return [n for n in self.positions if isinstance(n, cst.Arg) and n.keyword is not None
                and n.keyword.value == "headers" and m.matches(n.value, m.Name(name))]

    def _only_header_uses(self, name: str) -> list[cst.Arg] | None:
        """The ``headers=NAME`` arguments, when nothing else reads NAME (here or, for all
        we know, in another file); else None."""
        if name in self.shared:
            return None
        args = self._header_args_named(name)
        return args if args and self.names_read(name) == len(args) else None

    def _header_args_from(self, function: cst.FunctionDef) -> list[cst.Arg] | None:
        """``headers=f(...)``, and ``headers=h`` after ``h = f(...)``, for the helper f;
        None when a call of f does something else with the headers."""
        found: list[cst.Arg] = []
        for call in self.positions:
            if not (isinstance(call, cst.Call) and m.matches(call.func,
                                                             m.Name(function.name.value))):
                continue
            holder = self.parent(call)
            if isinstance(holder, cst.Arg) and holder.keyword is not None and \
                    holder.keyword.value == "headers":
                found.append(holder)
            elif isinstance(holder, cst.Assign) and len(holder.targets) == 1 and \
                    isinstance(holder.targets[0].target, cst.Name):
                named = self._only_header_uses(holder.targets[0].target.value)
                if named is None:
                    return None
                found.extend(named)
            else:
                return None
        if self.names_read(function.name.value) != sum(
                1 for n in self.positions if isinstance(n, cst.Call)
                and m.matches(n.func, m.Name(function.name.value))):
            return None  # the function itself is passed around
        return found

    def _drop_token_params(self, function: cst.FunctionDef, element: cst.DictElement) -> None:
        """A parameter read only in the SSWS entry goes, with its argument at each call."""
        params = list(function.params.params)
        for index, param in enumerate(params):
            name = param.name.value
            if param.default is not None or self.names_read(name, element) == 0:
                continue
            if self.names_read(name, function.body, ignoring={element}):
                continue
            self.plan.drop_params.add(param)
            for call in (n for n in self.positions if isinstance(n, cst.Call)
                         and m.matches(n.func, m.Name(function.name.value))):
                positional = [a for a in call.args if a.keyword is None and not a.star]
                keyword = [a for a in call.args if a.keyword is not None
                           and a.keyword.value == name]
                if keyword:
                    self.plan.drop_args.add(keyword[0])
                elif index < len(positional):
                    self.plan.drop_args.add(positional[index])

    def token_reads(self, ignoring: Collection[cst.CSTNode]) -> set[cst.CSTNode]:
        """Statements ``NAME = …`` that read ``OKTA_API_TOKEN`` or build an SSWS value, whose
        NAME nothing reads after the rewrite (reads inside what it removes do not count,
        nor reads by statements this removes: ``token = …`` before ``value = f"SSWS {token}"``).
        """
        candidates: list[tuple[cst.SimpleStatementLine, str]] = []
        for node in self.positions:
            if not (isinstance(node, cst.SimpleStatementLine) and len(node.body) == 1):
                continue
            assign = node.body[0]
            if not (isinstance(assign, cst.Assign) and len(assign.targets) == 1 and
                    isinstance(assign.targets[0].target, cst.Name)):
                continue
            if _plain_value(assign.value) and m.findall(
                    assign.value, m.SimpleString(value=m.MatchIfTrue(_legacy)) |
                    m.FormattedStringText(value=m.MatchIfTrue(_legacy))):
                name = assign.targets[0].target.value
                if name not in self.shared:
                    candidates.append((node, name))
        found: set[cst.CSTNode] = set()
        while True:
            gone = {*ignoring, *found}
            more = {node for node, name in candidates if node not in found
                    and self.names_read(name, ignoring=gone) == 0}
            if not more:
                return found
            found |= more


def rewrite_ssws(text: str, headers: Sequence[tuple[int, int]],
                 *, module_name: str, scopes: Sequence[str],
                 shared: Collection[str] = ()) -> Rewrite | None:
    """The file rewritten for the targets it can answer; None when it does not parse or none."""
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError:
        return None
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    finder = _Finder(wrapper, shared)
    answered = {t for t in headers if finder.header_target(*t)}
    if not answered:
        return None
    plan = finder.plan
    removed: set[cst.CSTNode] = set(plan.drop_elements) | set(plan.drop_args)
    drops = finder.token_reads(removed)
    new = module.visit(Rewriter(plan, drops))
    new = with_imports(new, text, module_name, plan.classes)
    return Rewrite(new.code, frozenset(answered), frozenset(plan.classes))
