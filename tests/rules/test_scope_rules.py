"""OIN201-OIN207 and the scope analysis behind them, end to end over code plus a submission:
manage covers read, AND-sets (group push), unresolved and ambiguous calls, the gates that keep
projects without Okta calls quiet, the matrix, ``init`` prefill and the submission fallback."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from submission_text import SUBMISSION_FIELDS

from oinlint.cli import main
from oinlint.config import Settings
from oinlint.engine import check
from oinlint.findings import Finding
from oinlint.scope_analysis import analyse, minimal_scopes
from oinlint.submission.template import required_scopes

HEAD = SUBMISSION_FIELDS + """\
scopes:
"""


def submission(*names: str) -> str:
    return HEAD + "".join(f"  - name: {n}\n    reason: Needed for the review job.\n"
                          for n in names)


def get(path: str, method: str = "get", name: str = "call") -> str:
    return (f"def {name}(org, token, **kw):\n"
            f"    return requests.{method}(f\"https://{{org}}{path}\")\n\n")


def project(tmp_path: Path, code: str | None, declared: tuple[str, ...] | None) -> list[Finding]:
    if code is not None:
        (tmp_path / "app.py").write_text("import requests\n\n" + textwrap.dedent(code))
    if declared is not None:
        (tmp_path / "oin-submission.yaml").write_text(submission(*declared))
    result = check([str(tmp_path)], Settings(root=tmp_path, respect_gitignore=False))
    return [f for f in result.findings if f.code.startswith("OIN2")]


def codes(findings: list[Finding]) -> list[tuple[str, str]]:
    """(code, scope named first in the message) pairs, sorted."""
    return sorted((f.code, f.message.split()[0]) for f in findings)


def test_manage_covers_read_but_oin202_says_read_suffices(tmp_path: Path) -> None:
    found = project(tmp_path, get("/api/v1/users"), ("okta.users.manage",))
    assert codes(found) == [("OIN202", "okta.users.manage")]
    assert "okta.users.read suffices" in found[0].message
    assert found[0].span.path.endswith("oin-submission.yaml") and found[0].span.line == 8
    assert found[0].related and found[0].related[0].span.path.endswith("app.py")


def test_a_write_call_needs_manage(tmp_path: Path) -> None:
    code = get("/api/v1/users") + get("/api/v1/users", "post", "create")
    assert project(tmp_path, code, ("okta.users.manage",)) == []


def test_oin204_names_the_missing_scope_at_the_call(tmp_path: Path) -> None:
    found = project(tmp_path, get("/api/v1/apps"), ("okta.users.read",))
    assert ("OIN204", "GET") in codes(found)
    hit = next(f for f in found if f.code == "OIN204")
    assert "needs okta.apps.read" in hit.message and "listApplications" in hit.message
    assert hit.span.path.endswith("app.py") and hit.span.line == 4
    assert hit.related[0].span.path.endswith("oin-submission.yaml")
    assert hit.related[0].span.line == 8  # the declared scopes list
    # the declared scope nothing needs is OIN203 at its declaration
    assert ("OIN203", "okta.users.read") in codes(found)


def test_group_push_needs_both_scopes_of_the_and_set(tmp_path: Path) -> None:
    code = get("/api/v1/apps/{app_id}/group-push/mappings")
    found = project(tmp_path, code, ("okta.apps.read",))
    hit = next(f for f in found if f.code == "OIN204")
    assert "needs okta.groups.read," in hit.message
    assert project(tmp_path, code, ("okta.apps.read", "okta.groups.read")) == []


def test_group_push_write_needs_both_manage_scopes(tmp_path: Path) -> None:
    code = get("/api/v1/apps/{app_id}/group-push/mappings", "post")
    found = project(tmp_path, code, ("okta.apps.manage", "okta.groups.read"))
    hit = next(f for f in found if f.code == "OIN204")
    assert "needs okta.groups.manage" in hit.message
    # apps.manage is really needed here: no OIN202
    assert not [f for f in found if f.code == "OIN202"]


def test_oin203_for_a_declared_scope_no_call_needs(tmp_path: Path) -> None:
    found = project(tmp_path, get("/api/v1/users"), ("okta.users.read", "okta.logs.read"))
    assert codes(found) == [("OIN203", "okta.logs.read")]
    assert "none of the 1 Okta call(s)" in found[0].message


def test_unresolved_call_keeps_oin203_and_oin202_silent(tmp_path: Path) -> None:
    code = get("/api/v1/users") + get("/api/v1/{path}", name="anything").replace(
        "org, token", "org, path, token")
    assert project(tmp_path, code, ("okta.users.manage", "okta.logs.read")) == []


def test_oin203_mentions_unresolved_calls_that_cannot_need_the_scope(tmp_path: Path) -> None:
    code = get("/api/v1/users") + get("/api/v1/groups/{gid}/{rest}", name="x").replace(
        "org, token", "org, gid, rest, token")
    found = project(tmp_path, code, ("okta.users.read", "okta.logs.read"))
    hit = next(f for f in found if f.code == "OIN203")
    assert "okta.logs.read" in hit.message and "could not resolve cannot need it" in hit.message


def test_ambiguous_call_whose_candidates_disagree_is_counted_not_guessed(tmp_path: Path) -> None:
    # an unknown function with no method hint: GET or POST /api/v1/users (read vs manage)
    code = "def f(org):\n    return helper(f\"https://{org}/api/v1/users\")\n"
    result = analyse(check([str(_write(tmp_path, code))],
                           Settings(root=tmp_path, respect_gitignore=False)).files)
    assert result.calls == () and len(result.unresolved) == 1
    assert "different scopes" in result.unresolved[0].reason
    assert project(tmp_path, None, ("okta.users.read",)) == []


def test_ambiguous_call_whose_candidates_agree_counts(tmp_path: Path) -> None:
    # /users/{}/lifecycle/{}: ten lifecycle operations, all needing okta.users.manage
    code = get("/api/v1/users/{uid}/lifecycle/{action}", "post").replace(
        "org, token", "org, uid, action, token")
    files = check([str(_write(tmp_path, code))],
                  Settings(root=tmp_path, respect_gitignore=False)).files
    result = analyse(files)
    assert len(result.calls) == 1 and result.calls[0].status == "ambiguous"
    assert result.calls[0].alternatives == (("okta.users.manage",),)
    found = project(tmp_path, None, ("okta.users.read",))
    assert sorted(f.code for f in found) == ["OIN203", "OIN204"]
    assert "needs okta.users.manage" in next(f.message for f in found if f.code == "OIN204")


def test_generic_url_without_an_okta_path_is_not_a_call(tmp_path: Path) -> None:
    code = "def f(base, gid):\n    return requests.get(f\"{base}/groups/{gid}/users\")\n"
    files = check([str(_write(tmp_path, code))],
                  Settings(root=tmp_path, respect_gitignore=False)).files
    assert analyse(files).calls == () and analyse(files).unresolved == ()


def _write(tmp_path: Path, code: str) -> Path:
    (tmp_path / "app.py").write_text("import requests\n\n" + code)
    return tmp_path


def test_no_okta_calls_no_oin202_203_204(tmp_path: Path) -> None:
    assert project(tmp_path, "x = 1\n", ("okta.users.manage", "okta.logs.read")) == []


def test_calls_without_submission_no_oin203_204_205(tmp_path: Path) -> None:
    found = project(tmp_path, get("/api/v1/apps"), None)
    assert found == []


def test_oin205_requested_not_declared_at_the_scope_in_code(tmp_path: Path) -> None:
    code = """\
        def token(org):
            return requests.post(f"https://{org}/oauth2/v1/token",
                                 data={"grant_type": "client_credentials",
                                       "scope": "okta.users.read okta.groups.read"})

        def users(org):
            return requests.get(f"https://{org}/api/v1/users")
        """
    found = project(tmp_path, code, ("okta.users.read",))
    hits = [f for f in found if f.code == "OIN205"]
    assert len(hits) == 1 and hits[0].message.startswith("okta.groups.read is requested")
    assert hits[0].span.path.endswith("app.py") and hits[0].span.line == 6
    # requested but needed by no call: OIN203 at the scope in code too
    assert ("OIN203", "okta.groups.read") in codes(found)


def test_oin206_read_and_manage_pair(tmp_path: Path) -> None:
    found = project(tmp_path, None, ("okta.users.read", "okta.users.manage"))
    assert codes(found) == [("OIN206", "okta.users.read")]
    assert found[0].related[0].span.line == 10


def test_oin201_did_you_mean(tmp_path: Path) -> None:
    found = project(tmp_path, None, ("okta.user.read",))
    assert codes(found) == [("OIN201", "okta.user.read")]
    assert "did you mean okta.users.read" in found[0].message


def test_oin207_self_scope_with_replacement(tmp_path: Path) -> None:
    found = project(tmp_path, None, ("okta.users.read.self",))
    assert codes(found) == [("OIN207", "okta.users.read.self")]
    assert "use okta.users.read instead" in found[0].message


def test_sdk_method_counts_as_a_call(tmp_path: Path) -> None:
    code = """\
        from okta.client import Client

        async def run(config):
            client = Client(config)
            await client.list_log_events()
        """
    found = project(tmp_path, code, ("okta.users.read",))
    assert ("OIN204", "GET") in codes(found)
    assert any("okta.logs.read" in f.message for f in found if f.code == "OIN204")


def test_minimal_scopes_prefer_read_and_fold_read_into_manage(tmp_path: Path) -> None:
    code = (get("/api/v1/users") + get("/api/v1/groups", name="g")
            + get("/api/v1/groups", "post", "mk"))
    files = check([str(_write(tmp_path, code))],
                  Settings(root=tmp_path, respect_gitignore=False)).files
    needed = minimal_scopes(analyse(files))
    assert sorted(needed) == ["okta.groups.manage", "okta.users.read"]
    assert needed == required_scopes(files)
    assert all(p.endswith(("app.py:4", "app.py:7", "app.py:10")) for ps in needed.values()
               for p in ps)


def test_matrix_in_json_and_unresolved_count(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    code = get("/api/v1/users") + get("/api/v1/{p}", name="x").replace("org, token",
                                                                       "org, p, token")
    _write(tmp_path, code)
    (tmp_path / "oin-submission.yaml").write_text(submission("okta.users.manage"))
    monkeypatch.chdir(tmp_path)
    main(["check", "--isolated", "--no-cache", "--format", "json", "."])
    document = json.loads(capsys.readouterr().out)
    assert document["summary"]["unresolved_calls"] == 1
    rows = {row["scope"]: row for row in document["scopes"]}
    assert rows["okta.users.manage"]["declared"][0]["line"] == 8
    assert rows["okta.users.read"]["covered_by"] == "okta.users.manage"
    assert rows["okta.users.read"]["required_by"][0]["operations"] == ["listUsers"]
    assert rows["okta.users.read"]["granted"] is None
    assert document["unresolved"][0]["url_path"] == "/api/v1/{}"


def test_show_scopes_and_show_unresolved_text(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    code = get("/api/v1/users") + get("/api/v1/{p}", name="x").replace("org, token",
                                                                       "org, p, token")
    _write(tmp_path, code)
    (tmp_path / "oin-submission.yaml").write_text(submission("okta.users.read"))
    monkeypatch.chdir(tmp_path)
    main(["check", "--isolated", "--no-cache", "--show-scopes", "--show-unresolved", "."])
    out = capsys.readouterr().out
    assert "Scopes" in out and "okta.users.read" in out and "listUsers" in out
    assert "Unresolved Okta calls: 1" in out and "app.py:7: GET /api/v1/{}" in out


def test_submission_found_next_to_the_one_directory_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project_dir = tmp_path / "integration"
    project_dir.mkdir()
    _write(project_dir, get("/api/v1/users"))
    (project_dir / "oin-submission.yaml").write_text(submission("okta.users.read"))
    monkeypatch.chdir(tmp_path)
    main(["check", "--no-cache", "--format", "json", "integration"])
    document = json.loads(capsys.readouterr().out)
    assert [f["code"] for f in document["findings"] if f["code"][:4] in ("OIN2", "OIN6")] == []
    assert document["scopes"][0]["declared"][0]["path"] == "integration/oin-submission.yaml"
