#!/usr/bin/env python3
"""Write docs/rules/*.md (one page per rule), docs/rules/README.md and the compiled catalogue
(rules/compiled-catalogue.json, what a run reads at start-up) from rules/*.yaml.

Run after editing a rule entry: `python scripts/generate_docs.py`. `--check` exits 1 when the
committed pages differ from what the catalogue produces (the test suite runs it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from oinlint.rules.catalogue import (  # noqa: E402
    COMPILED_NAME,
    compile_catalogue,
    load_catalogue,
)
from oinlint.rules.docs import rule_markdown, rules_index_markdown  # noqa: E402

HEADER = "<!-- Generated from rules/{source} by scripts/generate_docs.py. Do not edit. -->\n\n"


def expected_pages() -> dict[Path, str]:
    catalogue = load_catalogue(ROOT / "rules")
    pages = {
        ROOT / spec.docs_path: HEADER.format(source=spec.source.name) + rule_markdown(spec)
        for spec in catalogue.values()
    }
    pages[ROOT / "docs/rules/README.md"] = HEADER.format(source="*.yaml") + rules_index_markdown(
        list(catalogue.values())
    )
    pages[ROOT / "rules" / COMPILED_NAME] = compile_catalogue(ROOT / "rules")
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if pages are stale")
    args = parser.parse_args()
    pages = expected_pages()
    stale = [p for p, text in pages.items() if not p.exists() or p.read_text("utf-8") != text]
    orphans = [
        p for p in (ROOT / "docs/rules").glob("OIN*.md") if p not in pages
    ]
    if args.check:
        for path in [*stale, *orphans]:
            print(f"stale: {path.relative_to(ROOT)}")
        return 1 if stale or orphans else 0
    for path in orphans:
        path.unlink()
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(pages[path], encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
