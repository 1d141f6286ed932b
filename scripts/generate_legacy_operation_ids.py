#!/usr/bin/env python3
"""Generate ``oinlint/okta/data/legacy_operation_ids.json``: the operationIds of Okta's 2.x
management spec that the current spec renamed, each with the current operationId of the same
method and path.

Why: the SDK generations built from the 2.x spec (okta-sdk-golang v2, okta-sdk-python 1-2,
okta-sdk-nodejs up to 6, okta-sdk-dotnet 5) name their methods after its operationIds, and much
real integration code still uses them: ``client.Group.AddUserToGroup(ctx, g, u)``,
``client.add_user_to_group(g, u)``, ``client.getLogs()``. The current spec calls these
``assignUserToGroup`` and ``listLogEvents``; without the old names such calls are not Okta calls
to the scope rules.

Usage::

    python scripts/generate_legacy_operation_ids.py OLD_SPEC.yaml --commit SHA

``OLD_SPEC.yaml`` is ``resources/spec.yaml`` of ``okta/okta-management-openapi-spec`` (Swagger
2.0, Apache-2.0), last 2.x revision; it is not kept in this repository, only what is derived
from it (a name table, no spec text). The match is by method and path with parameter names
ignored; ``x-okta-multi-operation`` variants count as their path's operation. An old id that
is still a current one is left out (the current meaning wins), and so is one whose method and
path no current operation has (removed APIs: nothing to map to).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "oinlint" / "okta" / "data"
_METHODS = ("get", "post", "put", "patch", "delete")
_PARAM = re.compile(r"\{[^}]+\}")


def _shape(method: str, path: str) -> tuple[str, str]:
    return method.upper(), _PARAM.sub("{}", path.rstrip("/"))


def _old_operations(spec: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(operationId, method, path) of every operation of the old spec."""
    found: list[tuple[str, str, str]] = []
    for path, item in (spec.get("paths") or {}).items():
        for method in _METHODS:
            operation = (item or {}).get(method)
            if not isinstance(operation, dict):
                continue
            ids = [operation.get("operationId")]
            ids += [m.get("operationId") for m in operation.get("x-okta-multi-operation") or ()
                    if isinstance(m, dict)]
            found += [(i, method, path) for i in ids if isinstance(i, str) and i]
    return found


def derive(spec: dict[str, Any], current: list[dict[str, Any]]) -> dict[str, str]:
    by_shape: dict[tuple[str, str], list[str]] = {}
    current_ids: set[str] = set()
    for row in current:
        if row["family"] != "management":
            continue
        current_ids.add(row["operationId"])
        by_shape.setdefault(_shape(row["method"], row["path"]), []).append(row["operationId"])
    aliases: dict[str, str] = {}
    for old_id, method, path in _old_operations(spec):
        if old_id in current_ids:
            continue
        targets = by_shape.get(_shape(method, path), [])
        if len(targets) == 1:
            aliases[old_id] = targets[0]
    return dict(sorted(aliases.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("spec", type=Path, help="the 2.x spec (resources/spec.yaml)")
    parser.add_argument("--commit", required=True, help="the spec's commit, for provenance")
    parser.add_argument("--out", type=Path, default=DATA / "legacy_operation_ids.json")
    args = parser.parse_args(argv)
    spec = yaml.safe_load(args.spec.read_text(encoding="utf-8"))
    if not isinstance(spec, dict) or spec.get("swagger") != "2.0":
        print("error: not the Swagger 2.0 spec", file=sys.stderr)
        return 2
    current = json.loads((DATA / "operations.json").read_text(encoding="utf-8"))["operations"]
    aliases = derive(spec, current)
    document = {
        "meta": {
            "generator": "scripts/generate_legacy_operation_ids.py",
            "source": {"repo": "okta/okta-management-openapi-spec", "path": "resources/spec.yaml",
                       "commit": args.commit, "licence": "Apache-2.0",
                       "version": str((spec.get("info") or {}).get("version", ""))},
            "count": len(aliases),
        },
        "aliases": aliases,
    }
    args.out.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(aliases)} renamed operationIds -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
