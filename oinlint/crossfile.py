"""Cross-file resolution: wrappers and scope constants that live in another module.

Front ends see one file at a time (their facts are cached per file), so a call
``okta_client.get("/users")`` in ``sync.py`` of a wrapper defined in ``okta_client.py``, or a
token request sending ``SCOPES`` imported from ``settings.py``, is only half a fact in each file:
a ``HelperCall`` / ``ScopeImport`` here, a ``HelperDef`` / constant ``ScopeList`` there. This
pass joins the halves over facts, never re-parsing: it names every Python file by its dotted
module paths (every suffix, so ``src/pkg/okta.py`` is ``pkg.okta`` and ``okta`` too), resolves
each call's callee (relative imports from the caller's folder, else the nearest module of that
name, none when two are equally near), evaluates the wrapper's URL with the call's arguments
(through wrappers of wrappers, to any depth, cycles cut) and yields the ``ApiCall`` /
``HttpApiUse`` / ``Unresolved`` / ``ScopeList`` facts at the call site that the file would have
had if the wrapper were defined in it. Facts the file already has at that site, and the
wrapper's own unresolved inner call, are superseded.

An Okta SDK client made in one module (a module-level client, a function returning one) and
used in another (``ImportedSdkCall``) gives an ``ApiCall`` at each operation called on it.
A token fetched in one module and kept in another is joined the same way: a ``TokenHandoff``
whose callee returns a fresh token (``TokenRequest.exported_by``) becomes a ``HandedToken`` at
the call site, and the request's "not called here" ``Unresolved`` is superseded. Go and Java
files call each other without imports: ``go:#Client.token`` is the method of that name of a
``.go`` file in the caller's directory (its package), ``java:#TokenService.fetchToken`` the
method of the project's one class of that name (the file named after it, or the file whose
token request names it; two such files: no guess).
"""

from __future__ import annotations

import os
import posixpath
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from oinlint.facts import (
    ApiCall,
    Fact,
    FileFacts,
    HandedToken,
    HelperArg,
    HelperCall,
    HelperDef,
    HttpApiUse,
    ImportedSdkCall,
    ImportedUrlCall,
    ReExport,
    ResponseHandling,
    ReturnedUrl,
    ScopeImport,
    ScopeList,
    SdkClientExport,
    ServedToken,
    Span,
    TemplatePart,
    TokenHandoff,
    TokenRequest,
    Unresolved,
)
from oinlint.okta import lookup, match, normalise_path
from oinlint.okta.apiurl import method_from_name, okta_api_url

__all__ = ["Resolution", "resolve", "with_resolved"]

MAX_DEPTH = 8
_LANGUAGES = frozenset({"python", "javascript", "typescript", "tsx", "go", "java"})
# callees of files that share functions without imports: a Go package's (the caller's
# directory's ``.go`` files), a Java project's classes (``Class.m``, the class named once)
_GO_PACKAGE = "go:#"
_JAVA_CLASS = "java:#"
# what ``./okta`` may name: the file itself, with an extension, or a folder's index
_JS_SUFFIXES = ("", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts")
_JS_INDEX = ("/index.ts", "/index.tsx", "/index.js", "/index.jsx", "/index.mjs")
# TypeScript's ESM style names the emitted file: ``./okta.js`` is ``okta.ts``
_JS_EMITTED = {".js": (".ts", ".tsx"), ".mjs": (".mts",), ".cjs": (".cts",)}
_SUPERSEDED = (ApiCall, HttpApiUse, Unresolved)


@dataclass(frozen=True)
class Resolution:
    """Facts added at call sites and the spans whose API facts they replace, per path."""

    added: dict[str, tuple[Fact, ...]] = field(default_factory=dict)
    superseded: dict[str, frozenset[Span]] = field(default_factory=dict)


def _from_root(path: str, root: str | None) -> str:
    """A file's path from the project root (a run in a subfolder names its files from there:
    ``users.py`` is ``pkg/users.py``, so that ``pkg.http`` is found)."""
    if root is None:
        return path
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    return path if relative.startswith("..") else relative.replace(os.sep, "/")


def _module_names(path: str) -> Iterator[str]:
    """``src/pkg/okta.py`` → ``src.pkg.okta``, ``pkg.okta``, ``okta`` (packages as their
    ``__init__``)."""
    stem = posixpath.splitext(path.replace("\\", "/"))[0]
    parts = [p for p in stem.split("/") if p not in ("", ".")]
    if parts and parts[-1] == "__init__":
        parts.pop()
    for start in range(len(parts)):
        yield ".".join(parts[start:])


def _shared_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a.split("/"), b.split("/"), strict=False):
        if x != y:
            break
        count += 1
    return count


class _Project:
    """The project's files' facts indexed by module name (Python) or path (JavaScript) and
    by symbol."""

    def __init__(self, files: Sequence[FileFacts], root: str | None = None) -> None:
        self.modules: dict[str, list[str]] = defaultdict(list)
        self.defs: dict[tuple[str, str], list[HelperDef]] = defaultdict(list)
        self.forwards: dict[tuple[str, str], list[HelperCall]] = defaultdict(list)
        self.constants: dict[tuple[str, str], ScopeList] = {}
        self.exports: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.tokens: dict[tuple[str, str], list[TokenRequest]] = defaultdict(list)
        self.served: dict[tuple[str, str], list[TokenRequest]] = defaultdict(list)
        self.clients: dict[tuple[str, str], SdkClientExport] = {}
        self.paths: set[str] = set()
        self.packages: dict[str, list[str]] = defaultdict(list)  # Go: directory → files
        self.classes: dict[str, set[str]] = defaultdict(set)  # Java: class → files
        self.paging: set[tuple[str, str]] = set()  # functions that follow next links
        self.decided: dict[Span, bool] = {}  # forwards that are calls themselves (_decided)
        # (file, function) → the URLs it returns, by tuple item (-1: the whole value)
        self.returns: dict[tuple[str, str], dict[int, tuple[TemplatePart, ...]]] = \
            defaultdict(dict)
        for facts in files:
            if facts.language not in _LANGUAGES:
                continue
            self.paths.add(facts.path)
            if facts.language == "python":
                for name in _module_names(_from_root(facts.path, root)):
                    self.modules[name].append(facts.path)
            elif facts.language == "go":
                self.packages[_folder(facts.path)].append(facts.path)
            elif facts.language == "java":
                self.classes[_stem(facts.path)].add(facts.path)
            for fact in facts.facts:
                if isinstance(fact, ReExport):
                    self.exports[(facts.path, fact.name)].append(fact.target)
                elif isinstance(fact, ResponseHandling) and fact.kind == "pagination":
                    self.paging.add((facts.path, fact.context))
                if isinstance(fact, HelperDef):
                    self.defs[(facts.path, fact.name)].append(fact)
                elif isinstance(fact, HelperCall) and fact.params:
                    self.forwards[(facts.path, fact.context)].append(fact)
                elif isinstance(fact, ScopeList) and fact.role == "constant" and fact.name:
                    self.constants[(facts.path, fact.name)] = fact
                elif isinstance(fact, TokenRequest):
                    # the function returning a fresh token, and the getter of a kept one
                    for symbol, table in ((fact.exported_by, self.tokens),
                                          (fact.served_by, self.served)):
                        if symbol:
                            table[(facts.path, symbol)].append(fact)
                            if facts.language == "java":
                                self.classes[symbol.split(".", 1)[0]].add(facts.path)
                elif isinstance(fact, SdkClientExport):
                    self.clients[(facts.path, fact.name)] = fact
                elif isinstance(fact, ReturnedUrl):
                    self.returns[(facts.path, fact.name)][fact.item] = fact.url

    def module(self, name: str, caller: str) -> str | None:
        """The file of a module imported by ``caller``: the nearest one of that name."""
        if name.startswith("."):
            level = len(name) - len(name.lstrip("."))
            folder = posixpath.dirname(caller.replace("\\", "/"))
            for _ in range(level - 1):
                folder = posixpath.dirname(folder)
            rest = name[level:].replace(".", "/")
            for candidate in (f"{rest}.py", f"{rest}/__init__.py") if rest else ("__init__.py",):
                path = posixpath.join(folder, candidate) if folder else candidate
                if path in self.paths:
                    return path
            return None
        found = self.modules.get(name, [])
        if len(found) <= 1:
            return found[0] if found else None
        ranked = sorted(found, key=lambda p: -_shared_prefix(p, caller))
        if _shared_prefix(ranked[0], caller) == _shared_prefix(ranked[1], caller):
            return None  # two modules of that name, equally near: do not guess
        return ranked[0]

    def js_module(self, spec: str, caller: str) -> str | None:
        """The file ``import … from './okta'`` names (relative specifiers only: a package
        such as ``axios`` is never the project's)."""
        if not spec.startswith("."):
            return None
        base = posixpath.normpath(posixpath.join(posixpath.dirname(
            caller.replace("\\", "/")), spec))
        stem, ext = posixpath.splitext(base)
        candidates = [base + s for s in _JS_SUFFIXES] + [base + i for i in _JS_INDEX]
        candidates += [stem + s for s in _JS_EMITTED.get(ext, ())]
        return next((c for c in candidates if c in self.paths), None)

    def defined(self, path: str, symbol: str) -> bool:
        key = (path, symbol)
        return (key in self.defs or key in self.forwards or key in self.constants
                or key in self.tokens or key in self.served or key in self.clients)

    def exported(self, path: str, symbol: str, seen: frozenset[tuple[str, str]] = frozenset()
                 ) -> tuple[str, str] | None:
        """(file, symbol) a module's ``symbol`` is defined as: itself, or through its
        re-exports (``export { x } from``, ``export *``, ``export default``; cycles cut)."""
        if self.defined(path, symbol) or (path, symbol) in seen or len(seen) > MAX_DEPTH:
            return path, symbol
        seen = seen | {(path, symbol)}
        head, _, rest = symbol.partition(".")
        for name, tail in ((head, rest), ("default", symbol)):
            for target in self.exports.get((path, name or "default"), ()):
                found = self.locate(target + ("." + tail if tail and not target.endswith(
                    "#") else tail), path, seen)
                if found is not None and self.defined(*found):
                    return found
        for target in self.exports.get((path, "*"), ()):
            found = self.locate(target + symbol, path, seen)
            if found is not None and self.defined(*found):
                return found
        return path, symbol

    def locate(self, callee: str, caller: str, seen: frozenset[tuple[str, str]] = frozenset()
               ) -> tuple[str, str] | None:
        """(file, symbol in it) of ``okta.get`` / ``.okta.Client.get`` / ``:get`` /
        ``./okta#get``."""
        if callee.startswith(":"):
            return self.exported(caller, callee[1:], seen)
        if callee.startswith((_GO_PACKAGE, _JAVA_CLASS)):
            return self.package_symbol(callee, caller)
        if "#" in callee:
            spec, _, symbol = callee.partition("#")
            path = self.js_module(spec, caller)
            return self.exported(path, symbol, seen) if path is not None else None
        level = len(callee) - len(callee.lstrip("."))
        parts = callee[level:].split(".")
        for cut in range(len(parts) - 1, -1, -1):
            module = "." * level + ".".join(parts[:cut])
            if not module:
                continue
            path = self.module(module, caller)
            if path is not None:
                return path, ".".join(parts[cut:])
        return None

    def package_symbol(self, callee: str, caller: str) -> tuple[str, str] | None:
        """(file, symbol) of ``go:#Client.token`` (the caller's package: the ``.go`` file of
        its directory that defines a token-returning ``Client.token``; build-tag variants are
        one symbol) or ``java:#TokenService.fetchToken`` (the project's one class of that name;
        two classes of that name: None, no guess)."""
        if callee.startswith(_GO_PACKAGE):
            symbol = callee[len(_GO_PACKAGE):]
            found = sorted(p for p in self.packages.get(_folder(caller), ())
                           if (p, symbol) in self.tokens or (p, symbol) in self.served
                           or (p, symbol) in self.clients)
            return (found[0], symbol) if found else None
        symbol = callee[len(_JAVA_CLASS):]
        paths = self.classes.get(symbol.split(".", 1)[0], set())
        return (next(iter(paths)), symbol) if len(paths) == 1 else None


def _folder(path: str) -> str:
    return posixpath.dirname(path.replace("\\", "/"))


def _stem(path: str) -> str:
    return posixpath.splitext(posixpath.basename(path.replace("\\", "/")))[0]


def _bind(params: tuple[str, ...], args: tuple[HelperArg, ...]
          ) -> dict[str, tuple[TemplatePart, ...]]:
    bound: dict[str, tuple[TemplatePart, ...]] = {}
    positional = [a for a in args if not a.keyword]
    for index, param in enumerate(params):
        if index < len(positional):
            bound[param] = positional[index].parts
    for arg in args:
        if arg.keyword in params:
            bound[arg.keyword] = arg.parts
    return bound


def _substitute(parts: tuple[TemplatePart, ...], bound: dict[str, tuple[TemplatePart, ...]]
                ) -> tuple[TemplatePart, ...]:
    out: list[TemplatePart] = []
    for part in parts:
        if not part.param:
            out.append(part)
        else:
            out.extend(bound.get(part.param) or (TemplatePart("{}"),))
    return tuple(out)


def _text(parts: tuple[TemplatePart, ...]) -> str:
    return "".join(p.text if not p.param else "{}" for p in parts)


def _literal(parts: tuple[TemplatePart, ...]) -> str | None:
    if parts and all(not p.param and "{}" not in p.text for p in parts):
        return "".join(p.text for p in parts)
    return None


def _calls(project: _Project, path: str, callee: str, args: tuple[HelperArg, ...],
           depth: int, seen: frozenset[tuple[str, str]], trail: tuple[Span, ...] = (),
           paged: bool = False) -> Iterator[tuple[str | None, str, tuple[Span, ...], bool]]:
    """(method, URL template, the wrappers' inner calls on the way, whether a wrapper on the
    way follows next links) of every HTTP call a call reaches."""
    found = project.locate(callee, path)
    if found is None or found in seen or depth > MAX_DEPTH:
        return
    target = found[0]
    paged = paged or found in project.paging
    for helper in project.defs.get(found, ()):
        bound = _bind(helper.params, args)
        method = helper.method
        if method is None and helper.method_param:
            verb = _literal(bound.get(helper.method_param, ()))
            method = verb.upper() if verb else None
        yield method, _returned(project, target, _substitute(helper.url, bound)), \
            (*trail, helper.span), paged
    for inner in project.forwards.get(found, ()):
        if _decided(project, target, inner, depth, seen | {found}):
            continue  # the call itself, judged where it is (its parameters fill the host, ids)
        bound = _bind(inner.params, args)
        new_args = tuple(HelperArg(a.keyword, _substitute(a.parts, bound)) for a in inner.args)
        yield from _calls(project, target, inner.callee, new_args, depth + 1, seen | {found},
                          (*trail, inner.span), paged)


def _decided(project: _Project, path: str, inner: HelperCall, depth: int,
             seen: frozenset[tuple[str, str]]) -> bool:
    """Does a call a function makes with its parameters reach one Okta operation whatever
    they hold (``cachedFetch(`https://${env.OKTA_DOMAIN}/api/v1/users`)``)? Then that call is
    the API call, as a direct HTTP call so written is, and its function is no wrapper. (What
    else the wrapper sends, its cache's ``KV.get(key)``, is not Okta's and does not count.)"""
    known = project.decided.get(inner.span)
    if known is not None:  # whatever the caller: it depends on the forward's own arguments
        return known
    project.decided[inner.span] = False  # a cycle back to this forward decides nothing
    name = inner.callee.rpartition("#")[2].rsplit(".", 1)[-1].lstrip(":")
    found = [(method or method_from_name(name) or _verb_argument(inner.args), template)
             for method, template, _, _ in _calls(project, path, inner.callee, inner.args,
                                                  depth + 1, seen)]
    okta = [(method, template) for method, template in found if okta_api_url(template)]
    decided = bool(okta) and all(method is not None and _whole_segments(template)
                                 and match(method, template).status == "matched"
                                 for method, template in okta)
    project.decided[inner.span] = decided
    return decided


def _whole_segments(template: str) -> bool:
    """Is every unknown part of the URL's path a whole segment (an id: ``/users/{}``), not a
    piece of one that a parameter may turn into another path (``/users{}``)?"""
    rest = template.split("://", 1)[1] if "://" in template else template
    if "://" in template:
        rest = rest[rest.find("/"):] if "/" in rest else ""
    path = rest.split("?", 1)[0].split("#", 1)[0]
    return all(segment == "{}" or "{}" not in segment for segment in path.split("/"))


_HTTP_VERBS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"})


def _verb_argument(args: tuple[HelperArg, ...]) -> str | None:
    """The HTTP method a call spells out as an argument (``api(url, 'GET')``) when the
    wrapper's own code does not say which parameter it is (``(method || 'GET').toUpperCase()``)."""
    verbs = {text.upper() for a in args if (text := _literal(a.parts)) is not None
             and text.upper() in _HTTP_VERBS}
    return verbs.pop() if len(verbs) == 1 else None


def _api_facts(span: Span, context: str, method: str | None, template: str, via: str
               ) -> list[Fact]:
    """The facts of one Okta API call at ``span`` (as the Python front end makes them)."""
    path = normalise_path(template)
    out: list[Fact] = []
    if method is not None and "/api/v1/" in path:
        out.append(HttpApiUse(span, context, method,
                              path[path.index("/api/v1/"):].split("?", 1)[0]))
    if match(method, template).status == "unresolved":
        out.append(Unresolved(span, context, "api-call", f"{method or 'ANY'} {path}"))
        return out
    base = template[: len(template) - len(template.split("/api/", 1)[-1]) - 5] \
        if "/api/" in template else None
    out.append(ApiCall(span, context, method, path, via, None, base or None))
    return out


def resolve(files: Sequence[FileFacts], root: str | None = None) -> Resolution:
    """Every helper call and imported scope constant of the project, resolved.

    A call inside a wrapper of a wrapper resolves at its own site with the parameters as
    holes, and again at each caller with their arguments; when a caller reaches it, the
    callers' facts stand and its own are dropped (as one file's wrappers are judged)."""
    project = _Project(files, root)
    added: dict[str, list[Fact]] = defaultdict(list)
    sites: set[Span] = set()
    reached: set[Span] = set()
    for facts in files:
        if facts.path not in project.paths:
            continue
        added[facts.path].extend(_served_tokens(project, facts))
        for fact in facts.facts:
            if isinstance(fact, HelperCall):
                name = fact.callee.rpartition("#")[2].rsplit(".", 1)[-1].lstrip(":")
                # ``send(requests.get(url))`` with ``send`` reading the next link, or a
                # wrapper (of a wrapper) that walks the pages for its callers
                pages = bool(project.paging) and (
                    project.locate(fact.callee, facts.path) in project.paging)
                for method, template, trail, paged in _calls(project, facts.path, fact.callee,
                                                             fact.args, 0, frozenset()):
                    if not okta_api_url(template):
                        continue
                    verb = method or method_from_name(name) or _verb_argument(fact.args)
                    added[facts.path].extend(_api_facts(fact.span, fact.context, verb,
                                                        template, f"wrapper:{name}"))
                    pages = pages or paged
                    sites.add(fact.span)
                    reached.update(trail)
                if pages:
                    added[facts.path].append(ResponseHandling(fact.span, fact.context,
                                                              "pagination"))
            elif isinstance(fact, ImportedSdkCall):
                found = project.locate(fact.callee, facts.path)
                client = project.clients.get(found) if found is not None else None
                op = lookup(fact.method) if client is not None else None
                if client is not None and op is not None:
                    added[facts.path].append(ApiCall(fact.span, fact.context, op.method,
                                                     op.path, client.sdk, op.operation_id))
            elif isinstance(fact, TokenHandoff):
                found = project.locate(fact.callee, facts.path)
                for request in project.tokens.get(found, ()) if found is not None else ():
                    added[facts.path].append(HandedToken(fact.span, fact.context, request, fact))
                    reached.add(request.span)
            elif isinstance(fact, ImportedUrlCall):
                template = _returned(project, facts.path, fact.url)
                if okta_api_url(template):
                    added[facts.path].extend(_api_facts(fact.span, fact.context, fact.method,
                                                        template, fact.via))
            elif isinstance(fact, ScopeImport):
                found = project.locate(fact.symbol, facts.path)
                constant = project.constants.get(found) if found is not None else None
                if constant is not None:
                    added[facts.path].append(ScopeList(fact.span, fact.context,
                                                       constant.scopes, fact.role))
    superseded: dict[str, set[Span]] = defaultdict(set)
    for span in sites | reached:
        superseded[span.path].add(span)
    return Resolution(
        {p: tuple(f for f in found if not (isinstance(f, _SUPERSEDED) and f.span in reached))
         for p, found in added.items()},
        {p: frozenset(s) for p, s in superseded.items()})


def _returned(project: _Project, path: str, parts: tuple[TemplatePart, ...]) -> str:
    """The URL template with what imported functions return filled in (a hole where the
    function is not the project's or returns no URL there)."""
    out: list[TemplatePart] = []
    for part in parts:
        if not part.returned:
            out.append(part)
            continue
        symbol, _, item = part.returned.rpartition("#")
        found = project.locate(symbol, path)
        value = project.returns.get(found, {}).get(int(item)) if found is not None and (
            item.lstrip("-").isdigit()) else None
        out.extend(value if value is not None else (TemplatePart("{}"),))
    return _text(tuple(out))


def _served_tokens(project: _Project, facts: FileFacts) -> Iterator[ServedToken]:
    """A ``ServedToken`` at each call of another file's getter of a kept token (a call is a
    ``HelperCall`` or a ``TokenHandoff``, or both: one per site)."""
    if not project.served:
        return
    seen: set[Span] = set()
    for fact in facts.facts:
        if not isinstance(fact, (HelperCall, TokenHandoff)) or fact.span in seen:
            continue
        found = project.locate(fact.callee, facts.path)
        if found is None or found[0] == facts.path:
            continue
        requests = project.served.get(found, ())
        if requests:
            seen.add(fact.span)
        for request in requests:
            yield ServedToken(fact.span, fact.context, request)


def with_resolved(files: Sequence[FileFacts], resolution: Resolution) -> tuple[FileFacts, ...]:
    """Each file's facts with the resolved ones added and the ones they replace dropped."""
    out: list[FileFacts] = []
    for facts in files:
        drop = resolution.superseded.get(facts.path, frozenset())
        extra = resolution.added.get(facts.path, ())
        if not drop and not extra:
            out.append(facts)
            continue
        kept = tuple(f for f in facts.facts
                     if not (isinstance(f, _SUPERSEDED) and f.span in drop))
        out.append(replace(facts, facts=kept + extra))
    return tuple(out)
