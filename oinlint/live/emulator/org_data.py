"""The emulated org's small in-memory data set: users, groups, apps and System Log events.

Okta's JSON shapes with deterministic ids and timestamps, so that tests and golden outputs are
stable; ``data`` in ``org.yaml`` replaces the defaults.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from oinlint.live.emulator.org_config import ALNUM, EmulatorConfigError

__all__ = ["DEFAULT_APPS", "DEFAULT_GROUPS", "DEFAULT_LOGS", "DEFAULT_USERS", "OrgData"]


def _okta_id(prefix: str, seed: str) -> str:
    digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()
    body = "".join(ALNUM[int(digest[i : i + 2], 16) % len(ALNUM)] for i in range(0, 34, 2))
    return prefix + body


_EPOCH = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


DEFAULT_USERS: tuple[dict[str, Any], ...] = (
    {"login": "ada.admin@example.com", "firstName": "Ada", "lastName": "Admin"},
    {"login": "bo.builder@example.com", "firstName": "Bo", "lastName": "Builder"},
    {"login": "cy.contractor@example.com", "firstName": "Cy", "lastName": "Contractor",
     "status": "SUSPENDED"},
)
DEFAULT_GROUPS: tuple[dict[str, Any], ...] = (
    {"name": "Everyone", "description": "All users in your organization",
     "type": "BUILT_IN",
     "members": ["ada.admin@example.com", "bo.builder@example.com", "cy.contractor@example.com"]},
    {"name": "Engineering", "description": "Builders", "members": ["bo.builder@example.com"]},
)
DEFAULT_APPS: tuple[dict[str, Any], ...] = (
    {"label": "Acme Access Review", "name": "oidc_client", "signOnMode": "OPENID_CONNECT",
     "users": ["ada.admin@example.com"]},
    {"label": "Wiki", "name": "bookmark", "signOnMode": "BOOKMARK",
     "users": ["ada.admin@example.com", "bo.builder@example.com"]},
)
DEFAULT_LOGS: tuple[dict[str, Any], ...] = (
    {"eventType": "user.session.start", "displayMessage": "User login to Okta",
     "actor": "ada.admin@example.com"},
    {"eventType": "user.session.start", "displayMessage": "User login to Okta",
     "actor": "bo.builder@example.com"},
    {"eventType": "group.user_membership.add", "displayMessage": "Add user to group membership",
     "actor": "ada.admin@example.com"},
    {"eventType": "user.lifecycle.suspend", "displayMessage": "Suspend Okta user",
     "actor": "ada.admin@example.com"},
    {"eventType": "application.user_membership.add",
     "displayMessage": "Add user to application membership", "actor": "ada.admin@example.com"},
)


class OrgData:
    """Users, groups, apps and System Log events in Okta's JSON shapes, kept in memory."""

    def __init__(self, raw: Mapping[str, Any] | None = None) -> None:
        raw = raw or {}
        self.users: dict[str, dict[str, Any]] = {}
        self.groups: dict[str, dict[str, Any]] = {}
        self.apps: dict[str, dict[str, Any]] = {}
        self.logs: list[dict[str, Any]] = []
        self.group_members: dict[str, list[str]] = {}
        self.app_users: dict[str, list[str]] = {}
        for i, user in enumerate(self._list(raw, "users", DEFAULT_USERS)):
            self.add_user(user, created=_EPOCH + timedelta(days=i))
        for i, group in enumerate(self._list(raw, "groups", DEFAULT_GROUPS)):
            self.add_group(group, created=_EPOCH + timedelta(days=i))
        for i, app in enumerate(self._list(raw, "apps", DEFAULT_APPS)):
            self.add_app(app, created=_EPOCH + timedelta(days=i))
        for i, event in enumerate(self._list(raw, "logs", DEFAULT_LOGS)):
            self.add_log(event, published=_EPOCH + timedelta(hours=i))

    @staticmethod
    def _list(raw: Mapping[str, Any], key: str,
              default: Sequence[Mapping[str, Any]]) -> Sequence[Mapping[str, Any]]:
        value = raw.get(key, default)
        if not isinstance(value, list | tuple) or not all(isinstance(v, Mapping) for v in value):
            raise EmulatorConfigError(f"data.{key}: must be a list of mappings")
        return value

    def user_id(self, id_or_login: str) -> str | None:
        if id_or_login in self.users:
            return id_or_login
        for uid, user in self.users.items():
            if user["profile"]["login"].lower() == id_or_login.lower():
                return uid
        return None

    def add_user(self, raw: Mapping[str, Any], created: datetime | None = None) -> dict[str, Any]:
        profile = dict(raw.get("profile", {}))
        for key in ("login", "firstName", "lastName", "email"):
            if key in raw:
                profile[key] = raw[key]
        login = str(profile.get("login") or profile.get("email") or "")
        if not login:
            raise EmulatorConfigError("data.users: each user needs a login")
        profile.setdefault("email", login)
        profile.setdefault("firstName", login.split("@")[0])
        profile.setdefault("lastName", "")
        uid = str(raw.get("id") or _okta_id("00u", login))
        when = _iso(created or datetime.now(UTC))
        user = {
            "id": uid,
            "status": str(raw.get("status", "ACTIVE")),
            "created": when,
            "activated": when,
            "statusChanged": when,
            "lastLogin": None,
            "lastUpdated": when,
            "passwordChanged": None,
            "type": {"id": "oty1examplestdusr"},
            "profile": profile,
            "credentials": {"provider": {"type": "OKTA", "name": "OKTA"}},
            "_links": {},
        }
        self.users[uid] = user
        return user

    def add_group(self, raw: Mapping[str, Any], created: datetime | None = None) -> dict[str, Any]:
        profile = dict(raw.get("profile", {}))
        for key in ("name", "description"):
            if key in raw:
                profile[key] = raw[key]
        name = str(profile.get("name") or "")
        if not name:
            raise EmulatorConfigError("data.groups: each group needs a name")
        gid = str(raw.get("id") or _okta_id("00g", name))
        when = _iso(created or datetime.now(UTC))
        group = {"id": gid, "created": when, "lastUpdated": when, "lastMembershipUpdated": when,
                 "objectClass": ["okta:user_group"], "type": str(raw.get("type", "OKTA_GROUP")),
                 "profile": {"name": name, "description": profile.get("description", "")},
                 "_links": {}}
        self.groups[gid] = group
        members = [self.user_id(str(m)) for m in raw.get("members", [])]
        self.group_members[gid] = [m for m in members if m]
        return group

    def add_app(self, raw: Mapping[str, Any], created: datetime | None = None) -> dict[str, Any]:
        label = str(raw.get("label") or "")
        if not label:
            raise EmulatorConfigError("data.apps: each app needs a label")
        aid = str(raw.get("id") or _okta_id("0oa", label))
        when = _iso(created or datetime.now(UTC))
        app = {"id": aid, "name": str(raw.get("name", "bookmark")), "label": label,
               "status": str(raw.get("status", "ACTIVE")), "created": when, "lastUpdated": when,
               "signOnMode": str(raw.get("signOnMode", "BOOKMARK")), "features": [],
               "_links": {}}
        self.apps[aid] = app
        users = [self.user_id(str(u)) for u in raw.get("users", [])]
        self.app_users[aid] = [u for u in users if u]
        return app

    def add_log(self, raw: Mapping[str, Any], published: datetime | None = None) -> dict[str, Any]:
        actor_login = str(raw.get("actor", "system@okta.com"))
        actor_id = self.user_id(actor_login) or "0oa1system"
        when = published or datetime.now(UTC)
        event = {
            "uuid": str(raw.get("uuid") or hashlib.sha1(
                f"{actor_login}{when.isoformat()}{raw.get('eventType')}".encode(),
                usedforsecurity=False).hexdigest()),
            "published": _iso(when),
            "eventType": str(raw.get("eventType", "user.session.start")),
            "version": "0",
            "severity": str(raw.get("severity", "INFO")),
            "displayMessage": str(raw.get("displayMessage", "")),
            "actor": {"id": actor_id, "type": "User", "alternateId": actor_login,
                      "displayName": actor_login.split("@")[0]},
            "outcome": {"result": str(raw.get("outcome", "SUCCESS"))},
            "target": [],
        }
        self.logs.append(event)
        return event
