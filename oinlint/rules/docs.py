"""A rule's documentation page, rendered from its catalogue entry.

The same Markdown feeds ``oinlint explain``, ``docs/rules/*.md`` (``scripts/generate_docs.py``)
and SARIF's ``help.markdown``, so the three can never disagree. The page's examples are the
first bad and good entries of the rule's ``examples:``, the ones the tests run (like Fixit's
INVALID and VALID): a page never shows an example that is not a test. Token-shaped strings in
them are masked as every oinlint output masks them (SARIF's help passes through
:func:`oinlint.redact.redact`), so the three still read the same.
"""

from __future__ import annotations

from typing import Any

from oinlint.credentials import API_TOKEN, redact_value
from oinlint.rules.catalogue import Example, RuleSpec

__all__ = ["mask_secret_shapes", "rule_markdown", "rules_index_markdown"]

SHOWN = 2  # bad and good examples on a page; every example in the YAML is a test
_LIVE_EXAMPLES = (
    "Each example is a scenario the tests run against oinlint's Okta emulator\n"
    "([live check](../live-check.md#the-emulator)): the org's set-up (`org:`), options of\n"
    "`oinlint verify` (`verify:`), the submission's `scopes:` and the run's `outcome:`."
)
_REPLAY_EXAMPLES = (
    "Each example is a project the tests run `oinlint verify --emulator` on: its code and\n"
    "its `oin-submission.yaml`; the emulated org grants exactly the declared scopes\n"
    "([replaying the code's token requests](../live-check.md#replaying-the-codes-token-requests))."
)
_REPLAY_SUPPRESSING = (
    "A live finding is what the org answered to the code's own requests: it cannot be "
    "suppressed. Fix the code or the submission and run `oinlint verify` again "
    "([live check](../live-check.md)).")


def _replayed(spec: RuleSpec) -> bool:
    """A live rule whose examples are projects replayed (OIN907–OIN909), not org scenarios."""
    return any(e.file != "scenario.yaml" for e in spec.examples)


_MASKED = ("*Token-shaped strings are masked here (`00ab…`), as in every oinlint output; the "
           "rule's YAML holds the examples whole.*")

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


def mask_secret_shapes(code: str) -> str:
    """An example's code as a page shows it: Okta API token shapes masked."""
    return API_TOKEN.sub(lambda match: redact_value(match.group(0)), code)


def _one_block(name: str, code: str) -> str:
    fence = _fence(Example(file=name, code=code, bad=False))
    return f"```{fence}\n# {name}\n{mask_secret_shapes(code).rstrip()}\n```"


def _block(example: Example) -> str:
    blocks = [_one_block(example.file, example.code)]
    blocks += [_one_block(name, code) for name, code in example.files]
    if example.fixed:
        blocks.append("After `oinlint check --fix`:")
        blocks += [_one_block(name, code) for name, code in example.fixed]
    if example.note:
        blocks.insert(0, f"*{example.note}*")
    return "\n\n".join(blocks)


def _examples(examples: list[Example]) -> list[str]:
    """The first examples of one kind, separated by blank lines."""
    shown: list[str] = []
    for example in examples[:SHOWN]:
        shown += [_block(example), ""]
    return shown[:-1]


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
    if spec.scope == "live":
        parts += [_REPLAY_EXAMPLES if _replayed(spec) else _LIVE_EXAMPLES, ""]
    parts += _examples(bad)
    parts += ["", "## Use instead", ""]
    parts += _examples(good)
    shown = [*bad[:SHOWN], *good[:SHOWN]]
    if any(mask_secret_shapes(code) != code
           for e in shown
           for code in (e.code, *(text for _, text in (*e.files, *e.fixed)))):
        parts += ["", _MASKED]
    more = len(spec.examples) - len(shown)
    if more:
        parts += ["", f"{more} more examples, each one a test, are in "
                      f"`rules/{spec.source.name}`."]
    parts += ["", "## How to fix", "", spec.fix or _text(docs, "fix")]
    if spec.autofix:
        safety = spec.autofix.get("safety", "unsafe")
        flag = "--fix" if safety == "safe" else "--fix --unsafe-fixes"
        parts += ["", f"Automatic fix ({safety}, `oinlint check {flag}`): "
                      + spec.autofix.get("what", "")]
        if spec.autofix.get("unsafe_when"):
            parts[-1] += " Only with `--unsafe-fixes` when " + spec.autofix["unsafe_when"]
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
            _REPLAY_SUPPRESSING if _replayed(spec) else
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
