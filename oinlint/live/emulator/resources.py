"""The management resources the emulator serves from its data: users, groups, apps, logs, org.

Okta's JSON shapes, ``limit``/``after`` paging with ``Link`` headers, the ``q``/``filter``
searches integrations use most, and the lifecycle and membership calls.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

from oinlint.live.emulator.replies import Reply, json_reply, okta_error
from oinlint.live.emulator.state import OrgState

__all__ = ["Resources"]


class Resources:
    """The handful of management resources the emulator serves from :class:`OrgData`."""

    def __init__(self, org: OrgState, query: Mapping[str, list[str]], body: bytes) -> None:
        self.org, self.data, self.query, self.body = org, org.data, query, body

    def arg(self, name: str, default: str = "") -> str:
        return self.query.get(name, [default])[0]

    def payload(self) -> dict[str, Any]:
        try:
            value = json.loads(self.body or b"{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def dispatch(self, method: str, path: str) -> Reply | None:
        parts = path.rstrip("/").split("/")[3:]  # after /api/v1
        if path.startswith("/api/v1/") and parts:
            routes: dict[str, Callable[[str, list[str]], Reply | None]] = {
                "users": self.users, "groups": self.groups, "apps": self.apps,
                "logs": self.logs, "org": self.org_settings,
            }
            route = routes.get(parts[0])
            if route is not None:
                return route(method, parts[1:])
        return None

    # paging -------------------------------------------------------------------------------

    def page(self, path: str, items: list[dict[str, Any]], key: str = "id",
             max_limit: int = 200) -> Reply:
        try:
            limit = max(1, min(max_limit, int(self.arg("limit", str(max_limit)))))
        except ValueError:
            return okta_error(400, "E0000001", "Api validation failed: limit")
        after = self.arg("after")
        start = 0
        if after:
            ids = [str(i[key]) for i in items]
            start = ids.index(after) + 1 if after in ids else len(items)
        chunk = items[start : start + limit]
        reply = json_reply(200, chunk)
        params = {k: v[0] for k, v in self.query.items() if k != "after"}
        base = f"{self.org.url}{path}"
        reply.header("Link", f'<{base}?{urlencode(params)}>; rel="self"')
        if start + limit < len(items) and chunk:
            nxt = urlencode({**params, "after": str(chunk[-1][key])})
            reply.header("Link", f'<{base}?{nxt}>; rel="next"')
        return reply

    @staticmethod
    def not_found(kind: str, ident: str) -> Reply:
        return okta_error(404, "E0000007", f"Not found: Resource not found: {ident} ({kind})")

    # users --------------------------------------------------------------------------------

    def users(self, method: str, rest: list[str]) -> Reply | None:
        data = self.data
        if not rest:
            if method == "GET":
                items = list(data.users.values())
                q = self.arg("q").lower()
                if q:
                    items = [u for u in items if any(
                        str(u["profile"].get(f, "")).lower().startswith(q)
                        for f in ("login", "email", "firstName", "lastName"))]
                status = self._status_filter()
                if status:
                    items = [u for u in items if u["status"] == status]
                return self.page("/api/v1/users", items)
            if method == "POST":
                profile = dict(self.payload().get("profile") or {})
                login = str(profile.get("login") or "")
                if not login:
                    return okta_error(400, "E0000001", "Api validation failed: login",
                                      ["login: The field cannot be left blank"])
                if data.user_id(login):
                    return okta_error(400, "E0000001", "Api validation failed: login", [
                        "login: An object with this field already exists in the current "
                        "organization"])
                user = data.add_user({"profile": profile, "id": "00u" + secrets.token_hex(8)[:17]})
                user["status"] = "ACTIVE" if self.arg("activate", "true") != "false" else "STAGED"
                return json_reply(200, user)
            return None
        uid = data.user_id(rest[0])
        if uid is None:
            return self.not_found("User", rest[0])
        user = data.users[uid]
        if len(rest) == 1:
            if method == "GET":
                return json_reply(200, user)
            if method in ("POST", "PUT"):
                profile = dict(self.payload().get("profile") or {})
                user["profile"] = {**user["profile"], **profile} if method == "POST" else profile
                return json_reply(200, user)
            if method == "DELETE":
                if user["status"] != "DEPROVISIONED":
                    user["status"] = "DEPROVISIONED"
                else:
                    del data.users[uid]
                    for members in data.group_members.values():
                        if uid in members:
                            members.remove(uid)
                return Reply(204)
            return None
        if rest[1:] == ["groups"] and method == "GET":
            return json_reply(200, [data.groups[g] for g, m in data.group_members.items()
                                    if uid in m])
        if len(rest) == 3 and rest[1] == "lifecycle" and method == "POST":
            states = {"activate": "ACTIVE", "deactivate": "DEPROVISIONED",
                      "suspend": "SUSPENDED", "unsuspend": "ACTIVE", "reactivate": "ACTIVE",
                      "unlock": "ACTIVE"}
            if rest[2] in states:
                user["status"] = states[rest[2]]
                return json_reply(200, {})
        return None

    def _status_filter(self) -> str:
        text = self.arg("filter") or self.arg("search")
        marker = 'status eq "'
        if marker in text:
            return text.split(marker, 1)[1].split('"', 1)[0]
        return ""

    # groups -------------------------------------------------------------------------------

    def groups(self, method: str, rest: list[str]) -> Reply | None:
        data = self.data
        if not rest:
            if method == "GET":
                items = list(data.groups.values())
                q = self.arg("q").lower()
                if q:
                    items = [g for g in items if g["profile"]["name"].lower().startswith(q)]
                return self.page("/api/v1/groups", items)
            if method == "POST":
                profile = dict(self.payload().get("profile") or {})
                if not profile.get("name"):
                    return okta_error(400, "E0000001", "Api validation failed: name")
                return json_reply(200, data.add_group({"profile": profile,
                                                       "id": "00g" + secrets.token_hex(8)[:17]}))
            return None
        gid = rest[0]
        if gid not in data.groups:
            return self.not_found("Group", gid) if rest[0] != "rules" else None
        group = data.groups[gid]
        if len(rest) == 1:
            if method == "GET":
                return json_reply(200, group)
            if method == "PUT":
                group["profile"] = dict(self.payload().get("profile") or group["profile"])
                return json_reply(200, group)
            if method == "DELETE":
                del data.groups[gid]
                data.group_members.pop(gid, None)
                return Reply(204)
            return None
        members = data.group_members.setdefault(gid, [])
        if rest[1] == "users":
            if len(rest) == 2 and method == "GET":
                return self.page(f"/api/v1/groups/{gid}/users",
                                 [data.users[u] for u in members if u in data.users])
            if len(rest) == 3:
                uid = data.user_id(rest[2])
                if uid is None:
                    return self.not_found("User", rest[2])
                if method == "PUT":
                    if uid not in members:
                        members.append(uid)
                    return Reply(204)
                if method == "DELETE":
                    if uid in members:
                        members.remove(uid)
                    return Reply(204)
        return None

    # apps ---------------------------------------------------------------------------------

    def apps(self, method: str, rest: list[str]) -> Reply | None:
        data = self.data
        if not rest:
            if method == "GET":
                items = list(data.apps.values())
                q = self.arg("q").lower()
                if q:
                    items = [a for a in items if a["label"].lower().startswith(q)]
                return self.page("/api/v1/apps", items)
            return None
        aid = rest[0]
        if aid not in data.apps:
            return self.not_found("AppInstance", aid)
        if len(rest) == 1 and method == "GET":
            return json_reply(200, data.apps[aid])
        if rest[1:] == ["users"] and method == "GET":
            app_users = []
            for uid in data.app_users.get(aid, []):
                user = data.users.get(uid)
                if user is not None:
                    app_users.append({"id": uid, "scope": "USER", "status": "ACTIVE",
                                      "credentials": {"userName": user["profile"]["login"]},
                                      "profile": {}, "_links": {}})
            return self.page(f"/api/v1/apps/{aid}/users", app_users)
        if rest[1:] == ["groups"] and method == "GET":
            return self.page(f"/api/v1/apps/{aid}/groups", [])
        return None

    # logs and org -------------------------------------------------------------------------

    def logs(self, method: str, rest: list[str]) -> Reply | None:
        if rest or method != "GET":
            return None
        items = list(self.data.logs)
        since, until = self.arg("since"), self.arg("until")
        if since:
            items = [e for e in items if e["published"] >= since]
        if until:
            items = [e for e in items if e["published"] < until]
        if self.arg("sortOrder", "ASCENDING").upper() == "DESCENDING":
            items.reverse()
        reply = self.page("/api/v1/logs", items, key="uuid", max_limit=1000)
        if not any('rel="next"' in v for k, v in reply.headers if k == "Link"):
            params = {k: v[0] for k, v in self.query.items() if k != "after"}
            last = items[-1]["uuid"] if items else ""
            nxt = urlencode({**params, "after": last})
            reply.header("Link", f'<{self.org.url}/api/v1/logs?{nxt}>; rel="next"')
        return reply

    def org_settings(self, method: str, rest: list[str]) -> Reply | None:
        if rest or method != "GET":
            return None
        return json_reply(200, {"id": "00o1emulatedorg", "companyName": "Emulated Org",
                                "subdomain": "emulated", "status": "ACTIVE",
                                "website": "https://example.com", "_links": {}})
