"""Nightly access review: for each customer org, who is active, which groups they are in and
when they last signed in. One CSV per org."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import logging
import os
from collections import defaultdict
from pathlib import Path

import httpx

from . import __version__
from .credentials import OrgCredentials, registry_from_env
from .okta_api import OktaApi, OktaApiError
from .tokens import TokenCache, TokenError

log = logging.getLogger("acme_access_review")


def review(api: OktaApi, since: dt.datetime, until: dt.datetime) -> list[list[str]]:
    member_of: dict[str, list[str]] = defaultdict(list)
    for group in api.groups():
        for member in api.group_members(group["id"]):
            member_of[member["id"]].append(group["profile"]["name"])
    last_sign_in: dict[str, str] = {}
    for event in api.sign_ins(since, until):
        actor = (event.get("actor") or {}).get("id")
        if actor:
            last_sign_in[actor] = max(last_sign_in.get(actor, ""), event["published"])
    return [
        [user["profile"]["login"], user["status"], ";".join(sorted(member_of[user["id"]])),
         last_sign_in.get(user["id"], "")]
        for user in api.users()
    ]


def write_report(org: OrgCredentials, rows: list[list[str]], out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{org.name}-{dt.date.today():%Y-%m-%d}.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["login", "status", "groups", "last_sign_in"])
        writer.writerows(rows)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Acme nightly access review")
    parser.add_argument("--out", type=Path, default=Path(os.environ.get("ACME_REPORT_DIR", ".")))
    parser.add_argument("--days", type=int, default=30, help="sign-in history to read")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    until = dt.datetime.now(dt.UTC).replace(microsecond=0)
    since = until - dt.timedelta(days=args.days)
    failed = 0
    with httpx.Client(timeout=30.0, follow_redirects=False,
                      headers={"User-Agent": f"acme-access-review/{__version__}"}) as http:
        tokens = TokenCache(http)
        for org in registry_from_env().all():
            try:
                rows = review(OktaApi(org, tokens, http), since, until)
            except (httpx.HTTPError, OktaApiError, TokenError) as exc:
                log.error("access review of %s failed: %s", org.domain, exc)
                failed += 1
                continue
            log.info("wrote %s (%d users)", write_report(org, rows, args.out), len(rows))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
