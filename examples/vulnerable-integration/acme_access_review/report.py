"""Nightly access review: for each customer org, who is active, which groups they are in and
which apps exist. One CSV per org."""

from __future__ import annotations

import argparse
import asyncio
import csv
import datetime as dt
import logging
import os
from pathlib import Path

from . import legacy, okta_api
from .config import Tenant, load_tenants

log = logging.getLogger("acme_access_review")


def review(tenant: Tenant) -> list[list[str]]:
    if tenant.legacy:
        users = legacy.legacy_users(tenant.domain)
        groups = asyncio.run(legacy.legacy_groups(tenant.domain))
        members: dict[str, list[dict]] = {}
        apps: list[dict] = []
    else:
        users = okta_api.list_users(tenant)
        groups = okta_api.list_groups(tenant)
        members = {g["id"]: okta_api.list_group_members(tenant, g["id"]) for g in groups}
        apps = okta_api.list_apps(tenant)
    # TODO: last sign-in per user from /api/v1/logs (user.session.start).
    group_names = {g["id"]: g["profile"]["name"] for g in groups}
    rows = []
    for user in users:
        in_groups = sorted(group_names[gid] for gid, ms in members.items()
                           if any(m["id"] == user["id"] for m in ms))
        rows.append([user["profile"]["login"], user["status"], ";".join(in_groups),
                     str(len(apps))])
    return rows


def write_report(tenant: Tenant, rows: list[list[str]], out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{tenant.name}-{dt.date.today():%Y-%m-%d}.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["login", "status", "groups", "apps_in_org"])
        writer.writerows(rows)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Acme nightly access review")
    parser.add_argument("--out", type=Path, default=Path(os.environ.get("ACME_REPORT_DIR", ".")))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    for tenant in load_tenants():
        path = write_report(tenant, review(tenant), args.out)
        log.info("wrote %s", path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
