"""A small neutral tree for structured configuration (YAML, JSON) and the facts read from it.

YAML and JSON are parsed into the same three node types, each scalar carrying the offsets of
its text, so that one walker finds credential keys, Kubernetes ``- name: KEY`` entries,
docker-compose ``- KEY=value`` lists, header maps and ``okta.client`` SDK configuration in both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from oinlint.frontends.text.common import Collector, classify_path

__all__ = ["Mapping", "Scalar", "Sequence", "TreeNode", "auth_mode_of", "camel_case",
           "walk_documents"]


@dataclass(slots=True, eq=False)
class Scalar:
    """A scalar; ``start``/``end`` delimit its text without quotes; ``value`` None is null."""

    value: str | None
    start: int
    end: int
    quoted: bool = False


@dataclass(slots=True, eq=False)
class Mapping:
    start: int
    items: list[tuple[Scalar, TreeNode]] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Sequence:
    start: int
    items: list[TreeNode] = field(default_factory=list)


TreeNode = Scalar | Mapping | Sequence

# Keys whose list items are environment entries (``- KEY=value`` or ``- KEY``).
_ENV_LISTS = {
    "environment", "env", "envs", "variables", "args", "build_args", "build-args",
    "buildargs", "secrets", "environment_variables", "env_vars", "envvars",
}
# Keys naming the variable in a {name: KEY, value: …} pair (k8s env, ECS, Postman, HAR).
_NAME_KEYS = ("name", "key", "variable", "envname")
_VALUE_KEYS = ("value", "valuefrom", "default", "defaultvalue")
_ENV_ITEM = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_.\-]*)(?:\s*(=)(.*))?\s*$", re.DOTALL)
_JWK_MEMBER = re.compile(r"[A-Za-z0-9_-]{40,}")
_SDK_OPTION = re.compile(r"[-_ ]+(\w)")
_AUTH_MODE = {
    "ssws": "SSWS",
    "bearer": "Bearer",
    "bearertoken": "Bearer",
    "privatekey": "PrivateKey",
    "private_key": "PrivateKey",
    "jwt": "JWT",
    "jwk": "JWK",
}


def camel_case(name: str) -> str:
    """``api_token`` / ``ApiToken`` / ``api-token`` → ``apiToken``."""
    name = _SDK_OPTION.sub(lambda m: m.group(1).upper(), name.strip())
    return name[:1].lower() + name[1:]


def auth_mode_of(value: str | None) -> str | None:
    """An SDK authorization mode as written in configuration, normalised; "?" if unknown."""
    if value is None or not value.strip():
        return None
    raw = value.strip().strip("\"'")
    last = raw.rsplit(".", 1)[-1]
    return _AUTH_MODE.get(last.lower(), "?" if not last.isidentifier() else last)


def _has_value(node: TreeNode) -> bool:
    if isinstance(node, Scalar):
        return node.value is not None and node.value.strip() not in ("", '""', "''")
    return True


class _Walker:
    def __init__(self, collector: Collector, file_kind: str, sdk_name: str | None) -> None:
        self.c = collector
        self.file_kind = file_kind
        self.sdk_name = sdk_name
        self.visited: set[int] = set()

    def walk(self, node: TreeNode, path: tuple[str, ...]) -> None:
        if id(node) in self.visited:  # YAML aliases: each node once, at its anchor
            return
        self.visited.add(id(node))
        if isinstance(node, Mapping):
            self._mapping(node, path)
        elif isinstance(node, Sequence):
            for item in node.items:
                self.walk(item, path)

    # -- mappings ------------------------------------------------------------------------
    def _mapping(self, node: Mapping, path: tuple[str, ...]) -> None:
        context = ".".join(path)
        # okta.yaml's okta.client is SDK configuration (OIN102), not a provisioned variable.
        sdk_config = self.sdk_name is not None and len(path) >= 2 and \
            path[-1].lower() == "client" and path[-2].lower() == "okta"
        if any(k.value is not None and k.value.lower() in _NAME_KEYS for k, _ in node.items):
            lowered = {k.value.lower(): (k, v) for k, v in node.items if k.value is not None}
            self._name_value_pair(lowered, context)
        for key, value in node.items:
            name = key.value
            if name is None:
                continue
            if name == "<<":
                self.walk(value, path)
                continue
            kind, reported = classify_path(path, name)
            if kind == "api-token" and not sdk_config:
                self.c.setting(key.start, key.end, reported, self.file_kind, _has_value(value),
                               context, kind)
            elif kind is not None and isinstance(value, Scalar) and value.value is not None:
                self.c.secret(name, value.start, value.end, context)
            elif kind == "private-key" and isinstance(value, Mapping):
                self._jwk(name, value, ".".join((*path, name)))
            if name.lower() == "authorization" and isinstance(value, Scalar) and value.value:
                self.c.header_value(value.start, value.end, "literal", context)
            if self.sdk_name is not None and name.lower() == "client" and path and \
                    path[-1].lower() == "okta" and isinstance(value, Mapping):
                self._okta_client(key, value, ".".join((*path, name)))
            if isinstance(value, Sequence) and name.lower() in _ENV_LISTS:
                self._env_list(value, ".".join((*path, name)))
            self.walk(value, (*path, name))

    def _name_value_pair(self, lowered: dict[str, tuple[Scalar, TreeNode]], context: str) -> None:
        """``{name: OKTA_API_TOKEN, valueFrom: …}`` and ``{key: Authorization, value: …}``."""
        for name_key in _NAME_KEYS:
            entry = lowered.get(name_key)
            if entry is None or not isinstance(entry[1], Scalar) or not entry[1].value:
                continue
            named = entry[1]
            assert named.value is not None
            value: TreeNode | None = None
            for value_key in _VALUE_KEYS:
                if value_key in lowered:
                    value = lowered[value_key][1]
                    break
            variable = named.value.strip()
            kind, _ = classify_path((), variable)
            if kind == "api-token":
                self.c.setting(named.start, named.end, variable, self.file_kind,
                               value is not None and _has_value(value), context, kind)
            elif kind is not None and isinstance(value, Scalar) and value.value is not None:
                self.c.secret(variable, value.start, value.end, context)
            if variable.lower() == "authorization" and isinstance(value, Scalar) and value.value:
                self.c.header_value(value.start, value.end, "literal", context)
            return

    def _jwk(self, name: str, node: Mapping, context: str) -> None:
        """A private JWK given inline: its private member ``d`` is the secret."""
        for key, value in node.items:
            if key.value == "d" and isinstance(value, Scalar) and value.value and \
                    _JWK_MEMBER.fullmatch(value.value):
                self.c.secret(name, value.start, value.end, context,
                              kind_override="private-key")

    def _env_list(self, node: Sequence, context: str) -> None:
        """docker-compose ``environment: [KEY=value, KEY]`` and friends."""
        for item in node.items:
            if not isinstance(item, Scalar) or not item.value:
                continue
            raw = self.c.text[item.start : item.end]
            match = _ENV_ITEM.match(raw)
            if match is None or raw != item.value:  # escapes or folding: skip positions
                continue
            name = match.group(1)
            start = item.start + match.start(1)
            end = item.start + match.end(1)
            has_value = bool(match.group(2)) and bool((match.group(3) or "").strip())
            kind, _ = classify_path((), name)
            if kind == "api-token":
                self.c.setting(start, end, name, self.file_kind, has_value, context, kind)
            elif kind is not None and match.group(2):
                self.c.secret(name, item.start + match.start(3), item.start + match.end(3),
                              context)

    def _okta_client(self, key_node: Scalar, node: Mapping, context: str) -> None:
        """``okta: client: {token: …, authorizationMode: …}``: okta.yaml, Spring application.yml."""
        assert self.sdk_name is not None
        options: list[str] = []
        auth_mode: str | None = None
        token: tuple[int, int] | None = None
        mode: tuple[int, int] | None = None
        for key, value in node.items:
            if key.value is None:
                continue
            option = camel_case(key.value)
            if option == "authorizationMode" and isinstance(value, Scalar):
                mode = (value.start, value.end)
                auth_mode = auth_mode_of(value.value)
                if value.value and ("${" in value.value or "{{" in value.value):
                    auth_mode = "?"
            if not _has_value(value):
                continue
            options.append(option)
            if option == "token" and isinstance(value, Scalar):
                token = (value.start, value.end)
        self.c.sdk(key_node.start, key_node.end, self.sdk_name, auth_mode, tuple(options), token,
                   context, mode)


def walk_documents(collector: Collector, documents: list[TreeNode], file_kind: str,
                   sdk_name: str | None = "okta.yaml") -> None:
    """Facts from every document of a structured file.

    ``sdk_name`` names the SDK configuration an ``okta: client:`` mapping is (None: the file
    kind is a settings file whose ``Okta:Client:Token`` is a provisioned variable, OIN104).
    """
    walker = _Walker(collector, file_kind, sdk_name)
    for document in documents:
        walker.walk(document, ())
