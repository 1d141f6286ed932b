#!/usr/bin/env python3
"""Print oinlint's precision and recall on the labelled credential corpus as Markdown.

    python scripts/corpus_metrics.py                 # tables, false positives, misses
    python scripts/corpus_metrics.py --summary       # tables only
    python scripts/corpus_metrics.py --show-labels   # every labelled line, to eyeball labels
    python scripts/corpus_metrics.py --check         # exit 1 when a threshold is missed

Same numbers as ``pytest -s tests/rules/test_corpus.py`` (both use tests/support/corpus_metrics.py).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def _helper() -> ModuleType:
    # Loaded by path: ``tests`` is not a package, and this script shares the helper's name.
    path = ROOT / "tests" / "support" / "corpus_metrics.py"
    spec = importlib.util.spec_from_file_location("oinlint_corpus_metrics", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None,
                        help="corpus directory (default: tests/corpus/credentials)")
    parser.add_argument("--summary", action="store_true",
                        help="tables only, without the lists of false positives and misses")
    parser.add_argument("--show-labels", action="store_true",
                        help="print each labelled (path, code, line) with its source line")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a precision or recall threshold is missed")
    args = parser.parse_args(argv)

    cm = _helper()
    corpus = (args.corpus or cm.CORPUS).resolve()
    labels = cm.load_labels(corpus)
    if args.show_labels:
        for path, code, line in sorted(labels.expected):
            text = (corpus / path).read_text(encoding="utf-8").splitlines()[line - 1].strip()
            print(f"{code} {path}:{line}: {text}")
        return 0
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # run from a checkout without installing oinlint
    metrics = cm.compute(labels.expected, cm.run_oinlint(corpus))
    print(cm.render_markdown(metrics, corpus, details=not args.summary), end="")
    return 1 if args.check and cm.failures(metrics) else 0


if __name__ == "__main__":
    sys.exit(main())
