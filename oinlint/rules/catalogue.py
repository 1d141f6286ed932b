"""The rule catalogue: one YAML file per rule in ``rules/`` (shipped inside the wheel).

Each entry carries what users and reporters need to know about a rule (code, name, severity,
message, docs, examples); the code that finds it lives in ``oinlint.checks`` (the verifier's
outcomes in ``oinlint.live.rules``), and ``oinlint.rules.registry`` pairs the two. Keeping the
text in data lets docs pages, SARIF rule descriptors, ``oinlint explain`` and the example tests
all come from one place; the pages show only examples from ``examples:``, which the tests run.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from oinlint.findings import Severity

# libyaml's safe loader when the wheel has it (ten times faster), else the pure one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

__all__ = ["COMPILED_NAME", "Catalogue", "Example", "ExpectedSpan", "RuleSpec", "catalogue_dir",
           "compile_catalogue", "load_catalogue"]

# The catalogue as one JSON document, generated from the YAMLs (scripts/generate_docs.py):
# parsing 44 YAML files cost ~0.16 s of every run's start-up, reading one JSON ~5 ms.
COMPILED_NAME = "compiled-catalogue.json"


@dataclass(frozen=True, slots=True)
class ExpectedSpan:
    line: int
    column: int | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Example:
    """A bad or good snippet from the rule's YAML; the tests run every one of them."""

    file: str
    code: str
    bad: bool
    expect: tuple[ExpectedSpan, ...] = ()
    note: str = ""
    # Extra files written next to ``file`` (name, text): code plus a submission, for rules
    # that compare the two. ``expect`` spans are in ``file``.
    files: tuple[tuple[str, str], ...] = ()
    # A bad example's files after `oinlint check --fix` (name, whole expected text): the page
    # shows them as "after", tests/fixes runs the fix and compares byte for byte.
    fixed: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class RuleSpec:
    code: str
    name: str
    severity: Severity
    summary: str
    message: str
    fix: str
    scope: str
    keywords: tuple[str, ...]
    tags: tuple[str, ...]
    docs: Mapping[str, Any]
    examples: tuple[Example, ...]
    source: Path = field(compare=False)
    # `oinlint check --fix`: {"safety": "safe"|"unsafe", "what": …, "unsafe_when": …}; empty
    # when the rule has no automatic fix.
    autofix: Mapping[str, str] = field(default_factory=dict)

    @property
    def family(self) -> str:
        return self.code[:4]

    @property
    def docs_path(self) -> str:
        return f"docs/rules/{self.code}-{self.name}.md"

    def format_message(self, args: Mapping[str, str]) -> str:
        return self.message.format_map(_Defaulting(args)) if args else self.message


class _Defaulting(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "…"


class Catalogue(Mapping[str, RuleSpec]):
    """Rules by code, in code order."""

    def __init__(self, rules: Mapping[str, RuleSpec]) -> None:
        self._rules = dict(sorted(rules.items()))

    def __getitem__(self, code: str) -> RuleSpec:
        return self._rules[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def matching(self, selector: str) -> list[str]:
        """Codes a selector names: a prefix (``OIN1``), a full code, or ``ALL``."""
        selector = selector.strip().upper()
        if selector == "ALL":
            return list(self._rules)
        return [code for code in self._rules if code.startswith(selector)]

    def by_name(self, name: str) -> RuleSpec | None:
        for spec in self._rules.values():
            if spec.name == name:
                return spec
        return None


def catalogue_dir() -> Path:
    """Where the rule YAMLs are: inside the installed wheel, else the checkout's ``rules/``."""
    package = Path(__file__).resolve().parent.parent
    shipped = package / "_catalogue"
    if shipped.is_dir():
        return shipped
    return package.parent / "rules"


class CatalogueError(Exception):
    pass


def _parse_rule(path: Path, data: Any) -> RuleSpec:
    if not isinstance(data, dict):
        raise CatalogueError(f"{path}: a rule file must be a mapping")
    try:
        examples = tuple(
            Example(
                file=str(item["file"]),
                code=str(item["code"]),
                bad=bad,
                expect=tuple(
                    ExpectedSpan(int(e["line"]), e.get("column"), e.get("text"))
                    for e in item.get("expect", ())
                ),
                note=str(item.get("note", "")),
                files=tuple((str(k), str(v)) for k, v in (item.get("files") or {}).items()),
                fixed=tuple((str(k), str(v)) for k, v in (item.get("fixed") or {}).items()),
            )
            for bad, key in ((True, "bad"), (False, "good"))
            for item in data.get("examples", {}).get(key, ())
        )
        return RuleSpec(
            code=str(data["code"]),
            name=str(data["name"]),
            severity=Severity.parse(str(data["severity"])),
            summary=str(data["summary"]).strip(),
            message=str(data["message"]).strip(),
            fix=str(data.get("fix", "")).strip(),
            scope=str(data.get("scope", "file")),
            keywords=tuple(str(k) for k in data.get("keywords", ())),
            tags=tuple(str(t) for t in data.get("tags", ())),
            docs=dict(data.get("docs", {})),
            examples=examples,
            source=path,
            autofix={str(k): str(v).strip() for k, v in (data.get("autofix") or {}).items()},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise CatalogueError(f"{path}: malformed rule entry ({exc})") from exc


def _sources(root: Path) -> tuple[list[tuple[Path, bytes]], str]:
    """Every rule YAML's bytes, and one digest of them all (names included)."""
    sources = [(path, path.read_bytes()) for path in sorted(root.glob("OIN*.yaml"))]
    digest = hashlib.sha256()
    for path, data in sources:
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(data).digest())
    return sources, digest.hexdigest()


def compile_catalogue(root: Path) -> str:
    """The compiled form of the YAMLs in ``root``: their documents as JSON, with their digest."""
    sources, digest = _sources(root)
    documents = {path.name: yaml.load(data.decode("utf-8"), Loader=_LOADER)
                 for path, data in sources}
    return json.dumps({"digest": digest, "rules": documents}, ensure_ascii=False, indent=1,
                      sort_keys=True) + "\n"


def _documents(root: Path) -> list[tuple[Path, Any]]:
    """Each rule file's document: from the compiled JSON when it matches the YAMLs' digest.

    The digest is checked on every load (reading 44 small files costs ~1 ms; parsing them
    ~0.16 s), so an edited YAML is never shadowed by a stale compiled form.
    """
    sources, digest = _sources(root)
    try:
        compiled = json.loads((root / COMPILED_NAME).read_bytes())
    except (OSError, ValueError):
        compiled = None
    if (isinstance(compiled, dict) and compiled.get("digest") == digest
            and isinstance(compiled.get("rules"), dict)
            and set(compiled["rules"]) == {path.name for path, _ in sources}):
        return [(path, compiled["rules"][path.name]) for path, _ in sources]
    return [(path, yaml.load(data.decode("utf-8"), Loader=_LOADER)) for path, data in sources]


@functools.cache
def load_catalogue(directory: Path | None = None) -> Catalogue:
    """Every ``OIN*.yaml`` in the catalogue directory (once per process), read through its
    compiled form when that is current."""
    root = directory or catalogue_dir()
    rules: dict[str, RuleSpec] = {}
    for path, document in _documents(root):
        spec = _parse_rule(path, document)
        if spec.code in rules:
            raise CatalogueError(f"{path}: duplicate rule code {spec.code}")
        rules[spec.code] = spec
    return Catalogue(rules)
