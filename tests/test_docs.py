from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from oinlint.rules.catalogue import load_catalogue
from oinlint.rules.docs import rule_markdown

ROOT = Path(__file__).resolve().parent.parent


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
