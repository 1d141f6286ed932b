"""A rule's documentation page, rendered from its catalogue entry.

The same Markdown feeds ``oinlint explain``, ``docs/rules/*.md`` (``scripts/generate_docs.py``)
and SARIF's ``help.markdown``, so the three can never disagree.
"""

from __future__ import annotations

from typing import Any

from oinlint.rules.catalogue import Example, RuleSpec

__all__ = ["rule_markdown", "rules_index_markdown"]

_FENCE = {
    ".py": "python", ".js": "javascript", ".ts": "typescript", ".go": "go", ".java": "java",
    ".cs": "csharp", ".rb": "ruby", ".php": "php", ".sh": "bash", ".yaml": "yaml",
    ".yml": "yaml", ".json": "json", ".toml": "toml", ".tf": "hcl", ".env": "dotenv",
}


def _fence(example: Example) -> str:
    for suffix, lang in _FENCE.items():
        if example.file.endswith(suffix):
            return lang
    name = example.file.lower()
    if name.startswith(".env"):
        return "dotenv"
    if "dockerfile" in name:
        return "dockerfile"
    return "text"


def _one_block(name: str, code: str) -> str:
    fence = _fence(Example(file=name, code=code, bad=False))
    return f"```{fence}\n# {name}\n{code.rstrip()}\n```"


def _block(example: Example) -> str:
    blocks = [_one_block(example.file, example.code)]
    blocks += [_one_block(name, code) for name, code in example.files]
    return "\n\n".join(blocks)


def _text(docs: dict[str, Any], key: str) -> str:
    return str(docs.get(key, "")).strip()


def rule_markdown(spec: RuleSpec) -> str:
    docs = dict(spec.docs)
    parts = [
        f"# {spec.name} ({spec.code})",
        "",
        f"**Severity:** {spec.severity.label} · **Scope:** {spec.scope} · "
        f"**Tags:** {', '.join(spec.tags) or '—'}",
        "",
        f"> {spec.summary}",
        "",
        "## What it does",
        "",
        _text(docs, "what"),
        "",
        "## Why it matters for OIN review",
        "",
        _text(docs, "why"),
        "",
        "## Example",
        "",
    ]
    bad = [e for e in spec.examples if e.bad]
    good = [e for e in spec.examples if not e.bad]
    example = _text(docs, "example")
    parts += [example] if example else [_block(e) for e in bad[:2]]
    parts += ["", "## Use instead", ""]
    use_instead = _text(docs, "use_instead")
    parts += [use_instead] if use_instead else [_block(e) for e in good[:2]]
    parts += ["", "## How to fix", "", spec.fix or _text(docs, "fix")]
    references = docs.get("references") or []
    if references:
        parts += ["", "## References", ""]
        for ref in references:
            if isinstance(ref, dict):
                parts.append(f"- [{ref.get('title', ref.get('url'))}]({ref.get('url')})")
            else:
                parts.append(f"- {ref}")
    if spec.scope == "live":
        parts += [
            "",
            "## Suppressing",
            "",
            "A live finding describes the org, not a line of code: it cannot be suppressed. Fix "
            "the test instance or the submission and run `oinlint verify` again "
            "([live check](../live-check.md)).",
        ]
        return "\n".join(parts).rstrip() + "\n"
    parts += [
        "",
        "## Suppressing",
        "",
        f"`# oinlint: ignore[{spec.code}] -- reason` on the line or the line above "
        f"(`// …` in C-like languages), or `ignore = [\"{spec.code}\"]` in the configuration.",
    ]
    return "\n".join(parts).rstrip() + "\n"


def rules_index_markdown(specs: list[RuleSpec]) -> str:
    rows = ["# Rules", "", "| code | name | severity | summary |", "|---|---|---|---|"]
    for spec in specs:
        rows.append(
            f"| [{spec.code}]({spec.code}-{spec.name}.md) | `{spec.name}` | "
            f"{spec.severity.label} | {spec.summary} |"
        )
    return "\n".join(rows) + "\n"
