"""Score the token-lifecycle rules (OIN301-OIN305) on the lifecycle study set.

The study set (``tests/corpus/lifecycle-study/``) is public client-credentials code of providers
other than Okta (Auth0, Entra, Keycloak, Zoom, ...): the real-world Okta corpus holds little
OAuth code, and the lifecycle analysis (where a token is kept, whether its expiry is read, whether
a 401 is answered) does not depend on the provider. Its files live outside the repository, under
``--files`` as ``<owner>__<repo>/<original path>``; labels were made blind
(``tests/corpus/lifecycle-study/LABELLING.md``).

Each repository is checked as one project, with the lifecycle rules told that every file is an
Okta file (the only provider-specific gate), and scored as ``score_realworld.py`` scores: same
slack, same ``also:`` duplicates, same tune/holdout halves by a hash of the repository's name.

    python scripts/score_lifecycle_study.py [--files DIR] [--misses] [--json out.json]
                                            [--batch N]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import score_realworld as realworld

import oinlint.checks.lifecycle as lifecycle_rules
from oinlint.facts import FileFacts

STUDY = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "lifecycle-study"
CODES = ("OIN301", "OIN302", "OIN303", "OIN304", "OIN305")


def _every_file_is_okta(facts: FileFacts) -> str:
    return "the study set's provider, taken for Okta"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=STUDY)
    parser.add_argument("--files", type=Path, default=Path("/work/realworld/study/files"))
    parser.add_argument("--slack", type=int, default=2)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--misses", action="store_true",
                        help="list every FP and FN of the tune half (the holdout stays unseen)")
    parser.add_argument("--misses-all", action="store_true")
    parser.add_argument("--batch", type=int, help="score only this batch of the manifest")
    args = parser.parse_args(argv)
    if not args.files.is_dir():
        print(f"{args.files}: no study files there", file=sys.stderr)
        return 2
    labels, unsure, judged = realworld.load_labels(args.corpus / "labels")
    if args.batch is not None:
        labels, unsure, judged = realworld.of_batch(args.corpus, args.batch, labels, unsure,
                                                    judged)
    if not judged:
        print(f"no labels under {args.corpus / 'labels'}", file=sys.stderr)
        return 2
    setattr(lifecycle_rules, "okta_evidence_of", _every_file_is_okta)  # noqa: B010
    repos = {name.split("/", 1)[0] for name in judged}
    found = [m for m in realworld.findings_of(args.files, repos)
             if m.path in judged and m.code in CODES]
    labels = [m for m in labels if m.code in CODES]
    tallies = realworld.score(labels, unsure, found, args.slack)
    figures = {"codes": _per_code(labels, found, unsure, args.slack),
               "families": realworld.summarise(tallies, 1),
               "languages": realworld.summarise(tallies, 2),
               "labels": len(labels), "files": len(judged), "repos": len(repos)}
    realworld.print_rows(figures["families"])  # type: ignore[arg-type]
    realworld.print_rows(figures["languages"])  # type: ignore[arg-type]
    for code, row in figures["codes"].items():  # type: ignore[attr-defined]
        print(f"all      {code:12} tp={row['tp']} fp={row['fp']} fn={row['fn']}")
    if args.misses or args.misses_all:
        realworld.print_misses(tallies, args.misses_all)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


def _per_code(labels: list[realworld.Mark], found: list[realworld.Mark],
              unsure: list[realworld.Mark], slack: int) -> dict[str, dict[str, int]]:
    """tp / fp / fn per rule code over both halves (counts only)."""
    out: dict[str, dict[str, int]] = {}
    for code in CODES:
        tallies = realworld.score([m for m in labels if m.code == code], unsure,
                                  [m for m in found if m.code == code], slack)
        total = realworld.Tally()
        for tally in tallies.values():
            total.add(tally)
        out[code] = {"tp": total.tp, "fp": total.fp, "fn": total.fn}
    return out


if __name__ == "__main__":
    raise SystemExit(main())
