"""HCL / Terraform: facts from the tree-sitter-hcl tree.

Blocks give the context (``provider.okta``, ``resource.okta_app_oauth.sync``); a ``provider
"okta"`` block is an SDK client whose options are its attributes (``api_token`` is the SSWS
token, ``access_token`` and ``private_key`` are OAuth); ``variable "okta_api_token"`` and
attributes named like an API token provision one; ``{ name = "OKTA_CLIENT_TOKEN", value = … }``
pairs (container environments) provision the named variable. Strings are quoted templates
with ``${…}`` interpolations (holes) and heredocs (``<<EOT``, ``<<-EOT``); a reference such as
``var.okta_api_token`` is never a literal. ``Authorization`` keys are headers, and a ``curl -H
"Authorization: …"`` inside a string (a ``local-exec`` command) is one too. The provider's
``scopes`` (a list of strings, or one comma-separated string) are an ``sdk-config`` scope list
(a variable or interpolation: none, so the request stays open), and every top-level
``resource``/``data`` block of an ``okta_*`` type is a :class:`ManagedResource` the scope
analysis weighs against them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar, Final

import tree_sitter as ts

from oinlint.facts import (
    AuthHeader,
    CredentialSetting,
    ManagedResource,
    ScopeList,
    ScopeRef,
    SdkClient,
    SecretKind,
)
from oinlint.frontends.shared.vocabulary import NESTED_AUTH_HEADER
from oinlint.frontends.text.common import (
    classify_path,
    header_args,
    header_scheme,
)
from oinlint.frontends.text.common import secret_kind as config_secret_kind
from oinlint.frontends.text.tree import camel_case
from oinlint.frontends.treesitter.analyzer import Analyzer
from oinlint.frontends.treesitter.frontend import TreeSitterLanguage
from oinlint.frontends.treesitter.grammars import GrammarSource
from oinlint.frontends.treesitter.values import HOLE, LexicalScope, Part, StrValue
from oinlint.frontends.treesitter.walk import Leave

__all__ = ["HCL", "HclAnalyzer"]

_ESCAPES: Final = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_TEMPLATES: Final = frozenset({"string_lit", "quoted_template", "heredoc_template"})


def _unescape(text: str) -> str:
    text = text.replace("$${", "${").replace("%%{", "%{")
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


@dataclass(slots=True)
class _Provider:
    head: tuple[int, int]
    context: str
    options: list[str] = field(default_factory=list)
    token: tuple[int, int] | None = None


class HclAnalyzer(Analyzer):
    COMMENT_TYPES: ClassVar[frozenset[str]] = frozenset({"comment"})
    STRING_TYPES: ClassVar[frozenset[str]] = _TEMPLATES
    CONCAT_TYPES: ClassVar[frozenset[str]] = frozenset({"template_expr", "literal_value",
                                                        "expression"})
    LANGUAGE_NAME: ClassVar[str] = "HCL"

    def __init__(self, path: str, text: str, language: str, data: bytes) -> None:
        super().__init__(path, text, language, data)
        self.providers: list[_Provider | None] = []

    # -- structure --------------------------------------------------------------------------

    def on_block(self, node: ts.Node) -> Leave:
        kind = ""
        labels: list[tuple[str, ts.Node]] = []
        head_end = node.start_byte
        for child in node.children:
            if child.type == "block_start" or child.type == "{":
                break
            if child.type == "identifier" and not kind:
                kind = self.text_of(child)
            elif child.type in ("string_lit", "identifier"):
                label = self.literal(child) if child.type == "string_lit" else \
                    self.text_of(child)
                labels.append((label or "", child))
            head_end = child.end_byte
        top_level = not self.providers
        leave = self.enter(".".join((kind, *(label for label, _ in labels))), node, "class")
        if top_level and kind in ("resource", "data") and labels and \
                labels[0][0].startswith("okta_"):
            name = labels[1][0] if len(labels) > 1 else ""
            self.facts.append(ManagedResource(
                self.span_bytes(node.start_byte, head_end), self.context,
                "resource" if kind == "resource" else "data", labels[0][0], name))
        if kind == "variable" and labels:
            label, label_node = labels[0]
            kind_of, _ = classify_path((), label)
            if kind_of == "api-token":
                start, end = self.body(label_node)
                self.facts.append(CredentialSetting(self.span_bytes(start, end), "variable",
                                                    label, "api-token", "hcl", False))
        provider = None
        if kind == "provider" and labels and labels[0][0] == "okta":
            provider = _Provider((node.start_byte, head_end), self.context)
        self.providers.append(provider)
        body = next((c for c in node.named_children if c.type == "body"), None)
        if body is not None:
            entries: list[tuple[str, ts.Node]] = []
            for attribute in body.named_children:
                found = self.attribute_key(attribute) if attribute.type == "attribute" else None
                if found is not None and attribute.named_child_count >= 2:
                    entries.append((found[0], attribute.named_children[-1]))
            self.pairs(entries)

        def leave_block() -> None:
            leave()
            finished = self.providers.pop()
            if finished is not None:
                token = self.span_bytes(*finished.token) if finished.token else None
                self.facts.append(SdkClient(self.span_bytes(*finished.head), finished.context,
                                            "terraform", None, tuple(finished.options), token))

        return leave_block

    def provider_scopes(self, value: ts.Node) -> None:
        """``scopes = ["okta.users.read", …]`` or ``"a,b"``: an ``sdk-config`` scope list,
        only when every item is a plain string."""
        items = self.sequence(value, self.scope)
        strings = [node for node, _ in items] if items is not None else [value]
        refs: list[ScopeRef] = []
        for node in strings:
            if self.template_of(node) is None:
                return
            literal = self.literal(node)
            if literal is None:
                return
            start, _ = self.body(node)
            raw = self.data[start : start + len(literal.encode("utf-8"))].decode(
                "utf-8", "replace")
            for word in re.finditer(r"[^\s,]+", raw):
                begin = start + len(raw[: word.start()].encode("utf-8"))
                refs.append(ScopeRef(word.group(), self.span_bytes(
                    begin, begin + len(word.group().encode("utf-8")))))
        if refs:
            self.facts.append(ScopeList(self.span_bytes(value.start_byte, value.end_byte),
                                        self.context, tuple(refs), "sdk-config"))

    def attribute_key(self, node: ts.Node) -> tuple[str, ts.Node] | None:
        key = next((c for c in node.named_children if c.type == "identifier"), None)
        return (self.text_of(key), key) if key is not None else None

    def on_attribute(self, node: ts.Node) -> None:
        found = self.attribute_key(node)
        value = node.named_children[-1] if node.named_child_count >= 2 else None
        if found is None or value is None:
            return
        key, key_node = found
        provider = self.providers[-1] if self.providers else None
        if provider is not None and self.has_value(value):
            option = camel_case(key)
            provider.options.append(option)
            if option == "apiToken":
                provider.token = self.body(value)
            elif option == "scopes":
                self.provider_scopes(value)
        self.entry(key, key_node.start_byte, key_node.end_byte, value)

    def on_object_elem(self, node: ts.Node) -> None:
        key_node = node.child_by_field_name("key")
        value = node.child_by_field_name("val")
        if key_node is None or value is None:
            return
        key = self.key_text(key_node)
        if key is None:
            return
        start, end = self.body(key_node)
        self.entry(key, start, end, value)

    def on_object(self, node: ts.Node) -> None:
        entries: list[tuple[str, ts.Node]] = []
        for elem in node.named_children:
            if elem.type != "object_elem":
                continue
            key_node = elem.child_by_field_name("key")
            value = elem.child_by_field_name("val")
            key = self.key_text(key_node) if key_node is not None else None
            if key is not None and value is not None:
                entries.append((key, value))
        self.pairs(entries)

    def key_text(self, node: ts.Node) -> str | None:
        raw = self.text_of(node).strip()
        if re.fullmatch(r"[A-Za-z_][\w-]*", raw):
            return raw
        return self.literal(node)

    def pairs(self, entries: list[tuple[str, ts.Node]]) -> None:
        """``name = "OKTA_CLIENT_TOKEN"`` (and its ``value``) in one object or block body."""
        named: dict[str, ts.Node] = {}
        for key, value in entries:
            named.setdefault(key.lower(), value)
        name_node = named.get("name")
        if name_node is None:
            return
        variable = self.literal(name_node)
        if not variable:
            return
        kind, _ = classify_path((), variable)
        if kind is None:
            return
        if kind == "api-token":
            start, end = self.body(name_node)
            self.facts.append(CredentialSetting(self.span_bytes(start, end), self.context,
                                                variable, "api-token", "hcl", True))
        secret = named.get("value")
        if secret is not None:
            self.literal_secret(variable, secret)

    def entry(self, key: str, key_start: int, key_end: int, value: ts.Node) -> None:
        kind, reported = classify_path((), key)
        if kind == "api-token":
            self.facts.append(CredentialSetting(self.span_bytes(key_start, key_end),
                                                self.context, reported, "api-token", "hcl",
                                                self.has_value(value)))
        elif kind is not None:
            self.literal_secret(key, value)
        if key.strip().lower() == "authorization":
            string = self.template_of(value)
            text = self.value(value, self.scope)
            if string is not None and text is not None:
                marked = text.marked()
                scheme = header_scheme(marked)
                via = "template" if "\x00" in marked and scheme else "literal"
                start, end = self.body(value)
                self.facts.append(AuthHeader(self.span_bytes(start, end), self.context,
                                             scheme, via))

    def literal_secret(self, name: str, value: ts.Node) -> None:
        if self.template_of(value) is None:
            return
        literal = self.literal(value)
        if literal is None:
            return
        kind = config_secret_kind(name, literal)
        if kind is not None and literal.strip():
            self.secret(value, kind, literal, name)

    def has_value(self, node: ts.Node) -> bool:
        raw = self.text_of(node).strip()
        if self.template_of(node) is not None and node.type != "heredoc_template":
            literal = self.literal(node)
            if literal == "" and raw in ('""', ""):
                return False
        return bool(raw) and raw not in ('""', "null")

    # -- strings ----------------------------------------------------------------------------

    def template_of(self, node: ts.Node) -> ts.Node | None:
        """The string (quoted template, heredoc) an expression is, if it is one."""
        for _ in range(4):
            if node.type in _TEMPLATES:
                return node
            if node.type in ("expression", "literal_value", "template_expr") and \
                    node.named_child_count == 1:
                node = node.named_children[0]
                continue
            return None
        return None

    def body(self, node: ts.Node) -> tuple[int, int]:
        """Byte range of a string's text without quotes or heredoc markers (stripped), or of
        the whole expression."""
        string = self.template_of(node)
        if string is None:
            return node.start_byte, node.end_byte
        if string.type == "heredoc_template":
            start, end = self.heredoc_range(string)
        else:
            start, end = string.start_byte, string.end_byte
            if self.data[start : start + 1] == b'"':
                start += 1
            if end - 1 >= start and self.data[end - 1 : end] == b'"':
                end -= 1
            return start, end
        raw = self.data[start:end]
        stripped = raw.strip()
        if not stripped:
            return start, end
        begin = start + raw.index(stripped)
        return begin, begin + len(stripped)

    def heredoc_range(self, node: ts.Node) -> tuple[int, int]:
        identifiers = [c for c in node.children if c.type == "heredoc_identifier"]
        if not identifiers:
            return node.start_byte, node.end_byte
        first = identifiers[0].end_byte
        newline = self.data.find(b"\n", first, node.end_byte)
        start = node.end_byte if newline < 0 else newline + 1
        end = identifiers[-1].start_byte if len(identifiers) > 1 else node.end_byte
        line_start = self.data.rfind(b"\n", 0, end) + 1
        if len(identifiers) > 1 and not self.data[line_start:end].strip():
            end = line_start
        return start, max(start, end)

    def secret(self, node: ts.Node, kind: SecretKind, value: str, name: str | None) -> None:
        self.secret_at(self.span_bytes(*self.body(node)), kind, value, name)

    def on_quoted_template(self, node: ts.Node) -> None:
        self.nested_script(node)

    on_heredoc_template = on_quoted_template
    on_string_lit = on_quoted_template

    def nested_script(self, node: ts.Node) -> None:
        if not NESTED_AUTH_HEADER.search(self.data[node.start_byte : node.end_byte]):
            return
        raw = self.text_of(node)
        for head, value_end, scheme in header_args(raw):
            begin = node.start_byte + len(raw[:head].encode("utf-8"))
            end = begin + len(raw[head:value_end].encode("utf-8"))
            self.facts.append(AuthHeader(self.span_bytes(begin, end), self.context, scheme,
                                         "curl"))

    # -- values -----------------------------------------------------------------------------

    def evaluate(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue | None:
        kind = node.type
        if kind in ("expression", "literal_value", "template_expr", "collection_value"):
            if node.named_child_count == 1:
                return self.value(node.named_children[0], scope, depth)
            return None
        if kind in ("string_lit", "quoted_template"):
            return self.template(node, node.start_byte + 1, node.end_byte - 1, scope, depth,
                                 _unescape)
        if kind == "heredoc_template":
            start, end = self.heredoc_range(node)
            value = self.template(node, start, end, scope, depth, lambda text: text)
            if self.text_of(node).startswith("<<-"):
                value = _dedent(value)
            return value
        if kind in ("numeric_lit", "bool_lit"):
            return StrValue.of((self.text_of(node),), "literal")
        if kind in ("variable_expr", "function_call", "conditional", "operation", "index",
                    "get_attr", "splat"):
            return StrValue.hole()
        return None

    def template(self, node: ts.Node, start: int, end: int, scope: LexicalScope | None, depth: int,
                 unescape: Callable[[str], str]) -> StrValue:
        parts: list[Part] = []
        via = "literal"
        position = start
        for child in node.children:
            if child.start_byte < start or child.end_byte > end:
                continue
            if child.type in ("template_interpolation", "template_directive"):
                if child.start_byte > position:
                    parts.append(unescape(self.data[position : child.start_byte].decode(
                        "utf-8", "replace")))
                parts.append(HOLE)
                via = "template"
                position = child.end_byte
        if end > position:
            parts.append(unescape(self.data[position:end].decode("utf-8", "replace")))
        return StrValue.of(parts, via)

    def sequence(self, node: ts.Node, scope: LexicalScope) -> list[tuple[ts.Node,
                 LexicalScope]] | None:
        for _ in range(4):
            if node.type == "tuple":
                return [(c, scope) for c in node.named_children if c.type == "expression"]
            if node.type in ("expression", "collection_value") and node.named_child_count == 1:
                node = node.named_children[0]
                continue
            return None
        return None


def _dedent(value: StrValue) -> StrValue:
    """``<<-EOT``: the common leading whitespace of the lines removed."""
    text = value.marked("\x00")
    lines = [line for line in text.split("\n") if line.strip()]
    indent = min((len(line) - len(line.lstrip(" \t")) for line in lines), default=0)
    if not indent:
        return value
    dedented = "\n".join(line[indent:] for line in text.split("\n"))
    parts: list[Part] = []
    for index, piece in enumerate(dedented.split("\x00")):
        if index:
            parts.append(HOLE)
        parts.append(piece)
    return StrValue.of(parts, value.via)


def _load_grammar() -> object:
    """The tree-sitter-hcl grammar, imported with the first HCL file (a run without one never
    loads the wheel)."""
    import tree_sitter_hcl

    return tree_sitter_hcl.language()


HCL: Final = TreeSitterLanguage(
    GrammarSource("hcl", "tree-sitter-hcl", _load_grammar), HclAnalyzer, text_on_syntax_errors=True)
