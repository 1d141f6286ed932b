from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from oinlint.rules.catalogue import load_catalogue
from oinlint.rules.docs import mask_secret_shapes, rule_markdown

ROOT = Path(__file__).resolve().parents[2]


def test_generated_rule_pages_are_current() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts/generate_docs.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, "run `python scripts/generate_docs.py`:\n" + result.stdout


def test_every_rule_page_has_the_sections_reviewers_need() -> None:
    for spec in load_catalogue().values():
        page = rule_markdown(spec)
        for heading in ("## What it does", "## Why it matters for OIN review", "## Example",
                        "## Use instead", "## How to fix"):
            assert heading in page, f"{spec.code} lacks {heading}"
        assert spec.summary and spec.message and spec.fix, spec.code
        assert spec.docs.get("what") and spec.docs.get("why"), spec.code


def _fenced_blocks(markdown: str) -> list[str]:
    """The bodies of the fenced code blocks, without the ``# file`` line the pages add."""
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```$", markdown, flags=re.MULTILINE | re.DOTALL)
    return [block.split("\n", 1)[1].rstrip("\n") for block in blocks]


def test_rule_pages_show_only_examples_the_tests_run() -> None:
    for spec in load_catalogue().values():
        assert "example" not in spec.docs and "use_instead" not in spec.docs, (
            f"{spec.code}: write examples under `examples:` (with `expect:`), where tests run them")
        page = rule_markdown(spec)
        shown = page.split("## Example", 1)[1].split("## How to fix", 1)[0]
        tested = {mask_secret_shapes(code).rstrip("\n") for example in spec.examples
                  for code in (example.code,
                               *(text for _, text in (*example.files, *example.fixed)))}
        blocks = _fenced_blocks(shown)
        assert blocks, f"{spec.code}: the page shows no example"
        for block in blocks:
            assert block in tested, f"{spec.code}: the page shows an example no test runs:\n{block}"
        bad = next(e for e in spec.examples if e.bad)
        good = next(e for e in spec.examples if not e.bad)
        for first in (bad, good):
            assert mask_secret_shapes(first.code).rstrip("\n") in blocks, spec.code


def test_rule_pages_survive_redaction_unchanged() -> None:
    """Every output is redacted (SARIF's rule help too): a page must not change under it, or
    the help would differ from the page. A fresh process: no secret remembered."""
    script = ("from oinlint.redact import redact\n"
              "from oinlint.rules.catalogue import load_catalogue\n"
              "from oinlint.rules.docs import rule_markdown\n"
              "for spec in load_catalogue().values():\n"
              "    page = rule_markdown(spec)\n"
              "    if redact(page) != page:\n"
              "        print(spec.code)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    assert result.stdout == "", f"pages that redaction would change: {result.stdout.split()}"
