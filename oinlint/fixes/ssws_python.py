"""The SSWS → OAuth rewrite of one Python file, with libcst (lossless: every other byte stays).

Given where OIN101 found an ``Authorization: SSWS …`` value (and OIN102 an okta-sdk-python
``token``), the header entry goes and an auth object from the generated module takes its place:

* ``requests.get(url, headers={"Authorization": f"SSWS {t}"})`` and ``httpx.Client(headers=…)``
  (per call, or a client): ``auth=OktaAuth()`` next to ``headers=`` (which goes when empty);
* a headers dict bound to a name: every call in the file that passes ``headers=NAME`` gets it;
* ``session.headers.update({...})``: ``session.auth = OktaAuth()`` after that statement;
* a function returning the headers dict: each call that passes ``headers=f(...)`` gets it,
  and a parameter that only fed the token goes, with its argument at those calls;
* okta-sdk-python ``{"orgUrl": …, "token": …}``: ``authorizationMode: PrivateKey`` with
  ``clientId``, ``scopes`` and ``privateKey`` from the environment.

Then an assignment that read ``OKTA_API_TOKEN`` and that nothing reads any more goes, and the
import is added once. A value in any other place is left alone (its finding keeps no fix).
Names other files use (``shared``) are never removed: the rewrite gives up instead.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import libcst as cst
import libcst.matchers as m
from libcst.metadata import MetadataWrapper, PositionProvider

from oinlint.fixes.oauth_module import HTTPX_AUTH, REQUESTS_AUTH

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


@dataclass(slots=True)
class _Plan:
    drop_elements: set[cst.CSTNode] = field(default_factory=set)
    auth_after_arg: dict[cst.CSTNode, str] = field(default_factory=dict)  # headers Arg → class
    statement_after: dict[cst.CSTNode, tuple[cst.BaseExpression, str]] = field(
        default_factory=dict)  # statement line → (receiver, class)
    drop_params: set[cst.CSTNode] = field(default_factory=set)
    drop_args: set[cst.CSTNode] = field(default_factory=set)
    sdk_elements: dict[cst.CSTNode, tuple[str, ...]] = field(default_factory=dict)
    classes: set[str] = field(default_factory=set)
    needs_os: bool = False


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
        self.plan = _Plan()
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

    def sdk_target(self, line: int, column: int, scopes: Sequence[str]) -> bool:
        """okta-sdk-python ``"token": …`` → PrivateKey mode (client id, scopes, key file)."""
        for node in self.at(line, column):
            element = self.parent(node)
            if isinstance(element, cst.DictElement) and element.value is node and \
                    _string(element.key) == "token":
                mapping = self.parent(element)
                if not isinstance(mapping, cst.Dict):
                    return False
                for other in mapping.elements:
                    if isinstance(other, cst.DictElement) and \
                            _string(other.key) == "authorizationMode":
                        self.plan.drop_elements.add(other)
                self.plan.sdk_elements[element] = tuple(scopes)
                self.plan.needs_os = True
                return True
        return False

    def token_reads(self, ignoring: Collection[cst.CSTNode]) -> set[cst.CSTNode]:
        """Statements ``NAME = <read of OKTA_API_TOKEN>`` whose NAME nothing reads after the
        rewrite (reads inside what the rewrite removes do not count)."""
        found: set[cst.CSTNode] = set()
        for node in self.positions:
            if not (isinstance(node, cst.SimpleStatementLine) and len(node.body) == 1):
                continue
            assign = node.body[0]
            if not (isinstance(assign, cst.Assign) and len(assign.targets) == 1 and
                    isinstance(assign.targets[0].target, cst.Name)):
                continue
            if not m.findall(assign.value, m.SimpleString(
                    value=m.MatchIfTrue(lambda v: _TOKEN_ENV in v))):
                continue
            name = assign.targets[0].target.value
            if name not in self.shared and self.names_read(name, ignoring=ignoring) == 0:
                found.add(node)
        return found


def _without_statements(body: Sequence[cst.BaseStatement],
                        doomed: Collection[int]) -> list[cst.BaseStatement]:
    """``body`` without the statements marked to go (by id); the blank lines and comments
    above one move to the statement after it."""
    out: list[cst.BaseStatement] = []
    carried: list[cst.EmptyLine] = []
    for statement in body:
        if id(statement) in doomed and isinstance(statement, cst.SimpleStatementLine):
            carried.extend(statement.leading_lines)
            continue
        if carried and isinstance(statement, (cst.SimpleStatementLine,
                                              cst.BaseCompoundStatement)):
            statement = statement.with_changes(
                leading_lines=[*carried, *statement.leading_lines])
            carried = []
        out.append(statement)
    return out


def _no_comment(comma: cst.Comma) -> cst.Comma:
    space = comma.whitespace_after
    if isinstance(space, cst.ParenthesizedWhitespace):
        return comma.with_changes(whitespace_after=space.with_changes(
            first_line=cst.TrailingWhitespace()))
    return comma


def _auth_arg(auth: str, like: cst.Arg) -> cst.Arg:
    """``auth=Auth()`` in ``like``'s place: its comma and the whitespace after it."""
    return cst.Arg(value=cst.Call(func=cst.Name(auth)), keyword=cst.Name("auth"),
                   equal=like.equal, comma=like.comma,
                   whitespace_after_arg=like.whitespace_after_arg)


def _separator(previous: cst.Arg | None) -> cst.Comma:
    """The comma between two arguments, as the call writes it (one line or one per line)."""
    if previous is not None and isinstance(previous.comma, cst.Comma):
        return _no_comment(previous.comma)
    return cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


class _Rewriter(cst.CSTTransformer):
    """Applies a :class:`_Plan` by node identity (the plan's nodes are the original ones)."""

    def __init__(self, plan: _Plan, drop_statements: Collection[cst.CSTNode]) -> None:
        super().__init__()
        self.plan = plan
        self.drop_statements = drop_statements
        self.doomed: set[int] = set()

    def leave_Dict(self, original: cst.Dict, updated: cst.Dict) -> cst.Dict:
        out: list[cst.BaseDictElement] = []
        for before, after in zip(original.elements, updated.elements, strict=True):
            if before in self.plan.drop_elements:
                continue
            scopes = self.plan.sdk_elements.get(before)
            if scopes is not None and isinstance(after, cst.DictElement):
                previous = out[-1].comma if out else None
                separator = _no_comment(previous) if isinstance(previous, cst.Comma) else \
                    cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
                out.extend(_sdk_elements(after, scopes, separator))
            else:
                out.append(after)
        rbrace = updated.rbrace
        if original.elements and original.elements[-1] in self.plan.drop_elements and out:
            mine, theirs = out[-1].comma, original.elements[-1].comma
            space = rbrace.whitespace_before
            if isinstance(mine, cst.Comma) and isinstance(mine.whitespace_after,
                                                          cst.ParenthesizedWhitespace) and \
                    isinstance(space, cst.ParenthesizedWhitespace):
                rbrace = rbrace.with_changes(whitespace_before=space.with_changes(
                    first_line=mine.whitespace_after.first_line))  # the kept line's comment
            out[-1] = out[-1].with_changes(comma=theirs if not isinstance(theirs, cst.Comma)
                                           or not isinstance(mine, cst.Comma) else
                                           mine.with_changes(whitespace_after=theirs
                                                             .whitespace_after))
        return updated.with_changes(elements=out, rbrace=rbrace)

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        args: list[cst.Arg] = []
        for before, after in zip(original.args, updated.args, strict=True):
            if before in self.plan.drop_args:
                continue
            auth = self.plan.auth_after_arg.get(before)
            if auth is None:
                args.append(after)
            elif isinstance(after.value, cst.Dict) and not after.value.elements:
                args.append(_auth_arg(auth, after))  # the headers were only the token
            else:
                at_end = before is original.args[-1]
                args.append(after.with_changes(comma=_separator(args[-1] if args else None)
                                               if at_end else after.comma,
                                               whitespace_after_arg=cst.SimpleWhitespace("")))
                args.append(_auth_arg(auth, after))
        if original.args and original.args[-1] in self.plan.drop_args and args:
            last = original.args[-1]
            args[-1] = args[-1].with_changes(comma=last.comma,
                                             whitespace_after_arg=last.whitespace_after_arg)
        return updated.with_changes(args=args)

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        return updated.with_changes(body=_without_statements(updated.body, self.doomed))

    def leave_IndentedBlock(self, original: cst.IndentedBlock,
                            updated: cst.IndentedBlock) -> cst.IndentedBlock:
        return updated.with_changes(body=_without_statements(updated.body, self.doomed))

    def leave_Parameters(self, original: cst.Parameters,
                         updated: cst.Parameters) -> cst.Parameters:
        pairs = list(zip(original.params, updated.params, strict=True))
        kept = [a for b, a in pairs if b not in self.plan.drop_params]
        if pairs and pairs[-1][0] in self.plan.drop_params and kept:
            last = pairs[-1][0]
            kept[-1] = kept[-1].with_changes(comma=last.comma,
                                             whitespace_after_param=last.whitespace_after_param)
        return updated.with_changes(params=kept)

    def leave_SimpleStatementLine(
            self, original: cst.SimpleStatementLine, updated: cst.SimpleStatementLine,
    ) -> cst.SimpleStatementLine | cst.FlattenSentinel[cst.BaseStatement] | \
            cst.RemovalSentinel:
        if original in self.drop_statements:
            self.doomed.add(id(updated))  # its block drops it, keeping the lines above it
            return updated
        after = self.plan.statement_after.get(original)
        if after is None:
            return updated
        receiver, auth = after
        assign = cst.SimpleStatementLine(body=[cst.Assign(
            targets=[cst.AssignTarget(cst.Attribute(value=receiver, attr=cst.Name("auth")))],
            value=cst.Call(func=cst.Name(auth)))])
        call = updated.body[0] if len(updated.body) == 1 else None
        if isinstance(call, cst.Expr) and m.matches(call.value, m.Call(args=[m.Arg(
                value=m.Dict(elements=[]))])):
            return assign.with_changes(leading_lines=updated.leading_lines)
        return cst.FlattenSentinel([updated, assign])


def _sdk_elements(token: cst.DictElement, scopes: Sequence[str],
                  separator: cst.Comma) -> list[cst.DictElement]:
    """``"token": …`` → the PrivateKey entries, laid out like the entries before it."""

    def entry(key: str, value: cst.BaseExpression, last: bool = False) -> cst.DictElement:
        return token.with_changes(key=cst.SimpleString(f'"{key}"'), value=value,
                                  comma=token.comma if last else separator)

    def env(name: str) -> cst.BaseExpression:
        return cst.parse_expression(f'os.environ["{name}"]')

    scope_list = cst.parse_expression("[" + ", ".join(f'"{s}"' for s in scopes) + "]")
    return [entry("authorizationMode", cst.SimpleString('"PrivateKey"')),
            entry("clientId", env("OKTA_CLIENT_ID")),
            entry("scopes", scope_list),
            entry("privateKey", env("OKTA_PRIVATE_KEY_FILE"), last=True)]


def _with_imports(module: cst.Module, text: str, module_name: str, classes: Collection[str],
                  needs_os: bool) -> cst.Module:
    """``from okta_oauth import OktaAuth`` (and ``import os``) after the last top-level
    import, unless the file (``text``, as read) has it already."""
    code = text
    lines: list[str] = []
    if needs_os and not re.search(r"^\s*import os\b", text, re.M):
        lines.append("import os")
    wanted = sorted(c for c in classes if f"import {c}" not in code and f", {c}" not in code)
    if wanted:
        lines.append(f"from {module_name} import {', '.join(wanted)}")
    if not lines:
        return module
    body = list(module.body)
    last = max((i for i, s in enumerate(body) if m.matches(s, m.SimpleStatementLine(
        body=[m.Import() | m.ImportFrom()]))), default=-1)
    new = [cst.parse_statement(line + "\n") for line in lines]
    if last >= 0 and wanted and isinstance(new[-1], cst.SimpleStatementLine):  # own group
        new[-1] = new[-1].with_changes(leading_lines=[cst.EmptyLine()])
    if last < 0:
        first = 1 if body and m.matches(body[0], m.SimpleStatementLine(
            body=[m.Expr(m.SimpleString())])) else 0
        return module.with_changes(body=[*body[:first], *new, *body[first:]])
    return module.with_changes(body=[*body[:last + 1], *new, *body[last + 1:]])


def rewrite_ssws(text: str, headers: Sequence[tuple[int, int]], sdk: Sequence[tuple[int, int]],
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
    answered |= {t for t in sdk if finder.sdk_target(*t, scopes)}
    if not answered:
        return None
    plan = finder.plan
    removed: set[cst.CSTNode] = set(plan.drop_elements) | set(plan.drop_args) | set(
        plan.sdk_elements)
    drops = finder.token_reads(removed)
    new = module.visit(_Rewriter(plan, drops))
    new = _with_imports(new, text, module_name, plan.classes, plan.needs_os)
    return Rewrite(new.code, frozenset(answered), frozenset(plan.classes))
