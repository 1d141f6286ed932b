"""YAML: docker-compose, Kubernetes, CI pipelines, okta.yaml, Helm values and the rest.

Structure comes from ``yaml.compose_all`` (node tree with character offsets; libyaml when
present), so keys get exact spans and nested ``okta: client: token:`` is recognised. A file
that does not parse (or a Helm template, which is not YAML until rendered) is still scanned
line by line from the first document that failed, with an indentation stack for key paths.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

import yaml

from oinlint.frontends.text.common import Collector, classify_path, scan_header_args
from oinlint.frontends.text.tree import Mapping, Scalar, Sequence, TreeNode, walk_documents

__all__ = ["parse_yaml", "yaml_file_kind"]

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULL_TAG = "tag:yaml.org,2002:null"
_TEMPLATE = re.compile(r"(?<!\$)\{\{|\{%")
_K8S_API = re.compile(r"^apiVersion:[ \t]*\S", re.MULTILINE)
_K8S_KIND = re.compile(r"^kind:[ \t]*\S", re.MULTILINE)
_COMPOSE_SERVICE = re.compile(r"^[ \t]+(?:image|build):", re.MULTILINE)
_COMPOSE_NAME = re.compile(r"^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$")
_COMPOSE_BODY = re.compile(r"^services:[ \t]*(?:#.*)?$", re.MULTILINE)
_CI_NAMES = {
    ".gitlab-ci.yml", ".gitlab-ci.yaml", ".travis.yml", ".drone.yml", "bitbucket-pipelines.yml",
    "appveyor.yml", "cloudbuild.yaml", "cloudbuild.yml", "codemagic.yaml", "buildspec.yml",
    "action.yml", "action.yaml", ".woodpecker.yml", "wercker.yml",
}
_CI_DIRS = (".github/workflows/", ".circleci/", ".gitlab/", ".buildkite/", ".woodpecker/",
            ".tekton/", ".azure-pipelines/")


def yaml_file_kind(path: str, text: str) -> str:
    """compose, kubernetes, ci or yaml: named after how the file is deployed."""
    posix = path.replace("\\", "/")
    name = PurePosixPath(posix).name.lower()
    lowered = "/" + posix.lower()
    if name in _CI_NAMES or name.startswith("azure-pipelines") or \
            any("/" + d in lowered for d in _CI_DIRS):
        return "ci"
    if _COMPOSE_NAME.match(name):
        return "compose"
    if _K8S_API.search(text) and _K8S_KIND.search(text):
        return "kubernetes"
    if _COMPOSE_BODY.search(text) and _COMPOSE_SERVICE.search(text):
        return "compose"
    return "yaml"


class _Converter:
    """yaml nodes → tree nodes, keeping character offsets; aliases stay shared."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Keyed by id() of a yaml node, so each node is kept alive with its tree node: a node
        # freed after its document would let a later document's node reuse the id and be
        # mistaken for it (a flaky loss of every finding after a YAML alias).
        self.memo: dict[int, tuple[yaml.Node, TreeNode]] = {}

    def convert(self, node: yaml.Node) -> TreeNode:
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        known = self.memo.get(id(node))
        if known is not None:
            return known[1]
        if isinstance(node, yaml.MappingNode):
            mapping = Mapping(node.start_mark.index)
            self.memo[id(node)] = (node, mapping)
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    scalar = self.convert(key)
                    assert isinstance(scalar, Scalar)
                    mapping.items.append((scalar, self.convert(value)))
            return mapping
        if isinstance(node, yaml.SequenceNode):
            sequence = Sequence(node.start_mark.index)
            self.memo[id(node)] = (node, sequence)
            sequence.items.extend(self.convert(item) for item in node.value)
            return sequence
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Scalar:
        start, end = node.start_mark.index, node.end_mark.index
        style = getattr(node, "style", None)
        value: str | None = node.value if isinstance(node.value, str) else None
        if node.tag == _NULL_TAG:
            value = None
        text = self.text
        if style in ('"', "'") and end - start >= 2:
            return Scalar(value, start + 1, end - 1, True)
        if style in ("|", ">"):
            newline = text.find("\n", start, end)
            start = end if newline < 0 else newline + 1
            while start < end and text[start] in " \t\r\n":
                start += 1
        while end > start and text[end - 1] in " \t\r\n":
            end -= 1
        return Scalar(value, start, end, False)


def parse_yaml(collector: Collector) -> None:
    text = collector.text
    file_kind = yaml_file_kind(collector.path, text)
    converter = _Converter(text)
    documents: list[TreeNode] = []
    resume: int | None = None
    last_end = 0
    try:
        for node in yaml.compose_all(text, Loader=_LOADER):
            documents.append(converter.convert(node))
            last_end = node.end_mark.index
    except yaml.YAMLError as exc:
        resume = last_end
        if not _TEMPLATE.search(text):
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            offset = mark.index if mark is not None else 0
            line = collector.lexed.lines.position(min(offset, len(text)))[0]
            collector.problem(offset, f"invalid YAML at line {line}: {problem}")
    except RecursionError:
        resume = last_end
        collector.problem(0, "YAML is nested too deeply to analyse")
    try:
        walk_documents(collector, documents, file_kind)
    except RecursionError:
        collector.problem(0, "YAML is nested too deeply to analyse")
    if resume is not None:
        scan_yaml_lines(collector, file_kind, resume)
    scan_header_args(collector)


# -- line-based fallback --------------------------------------------------------------------
_KEY_LINE = re.compile(
    r"^(?P<indent>[ \t]*(?:-[ \t]+)*)(?:(?P<q>[\"'])(?P<qkey>[^\"'\r\n]+)(?P=q)|"
    r"(?P<key>[A-Za-z_$][\w.$/-]*))[ \t]*:(?:[ \t]+(?P<value>.*?))?[ \t]*$",
    re.MULTILINE,
)
_ITEM_LINE = re.compile(
    r"^[ \t]*-[ \t]+(?P<q>[\"']?)(?P<key>[A-Za-z_][\w.]*)(?:=(?P<value>[^\"'\r\n]*))?(?P=q)"
    r"[ \t]*$",
    re.MULTILINE,
)


def _unquote(raw: str, start: int) -> tuple[int, int]:
    end = start + len(raw)
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        return start + 1, end - 1
    return start, end


def scan_yaml_lines(collector: Collector, file_kind: str, start: int = 0) -> None:
    """Keys and list items of a YAML file that did not parse, from ``start`` on."""
    code = collector.lexed.code
    stack: list[tuple[int, str]] = []
    for match in _KEY_LINE.finditer(code, start):
        key = match.group("qkey") or match.group("key") or ""
        indent = len(match.group("indent"))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        path = tuple(k for _, k in stack)
        context = ".".join(path)
        key_start = match.start("qkey") if match.group("qkey") else match.start("key")
        raw = match.group("value") or ""
        value_start, value_end = _unquote(raw, match.start("value")) if raw else (0, 0)
        declared = bool(raw) and raw not in ('""', "''")
        has_value = declared and not raw.startswith(("|", ">"))
        kind, reported = classify_path(path, key)
        sdk_config = len(path) >= 2 and path[-1].lower() == "client" and \
            path[-2].lower() == "okta"
        if kind == "api-token" and not sdk_config:
            collector.setting(key_start, key_start + len(key), reported, file_kind, declared,
                              context, kind)
        elif kind is not None and has_value:
            collector.secret(key, value_start, value_end, context)
        elif key == "name" and raw:
            variable = collector.text[value_start:value_end]
            vkind, _ = classify_path((), variable)
            if vkind == "api-token":
                collector.setting(value_start, value_end, variable, file_kind, True, context,
                                  vkind)
        if key.lower() == "authorization" and has_value:
            collector.header_value(value_start, value_end, "literal", context)
        stack.append((indent, key))
    for match in _ITEM_LINE.finditer(code, start):
        name = match.group("key")
        kind, _ = classify_path((), name)
        if kind == "api-token":
            collector.setting(match.start("key"), match.end("key"), name, file_kind,
                              bool(match.group("value")), "", kind)
        elif kind is not None and match.group("value"):
            collector.secret(name, match.start("value"), match.end("value"))
