"""Replaying the code's token requests (OIN907–OIN909): the rules' examples, the two example
projects, and the outputs that show the replay — with no secret in any of them."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pytest
from fakes import client_secret, run_oinlint
from live_support import Sleeper

from oinlint.config import Settings
from oinlint.engine.run import check
from oinlint.live.client import Policy
from oinlint.live.declared import load_declared_scopes
from oinlint.live.emulator import Emulator
from oinlint.live.verify import Credentials, VerifyOptions, VerifyResult, run_verify
from oinlint.live.verify.replay_plan import plan_from_facts
from oinlint.report import VERIFY_FORMATS
from oinlint.rules.catalogue import Example, RuleSpec, load_catalogue

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CATALOGUE = load_catalogue()
REPLAY = [spec for spec in CATALOGUE.values() if spec.code in ("OIN907", "OIN908", "OIN909")]


def _cases() -> list[tuple[RuleSpec, int, Example]]:
    return [(spec, i, ex) for spec in REPLAY for i, ex in enumerate(spec.examples)]


def replay_project(root: Path, submission: str = "oin-submission.yaml") -> VerifyResult:
    """What ``verify --emulator`` does: a client granted exactly the declared scopes, and the
    project's token requests replayed against it."""
    declared = load_declared_scopes(root / submission, submission)
    project = check([str(root)], Settings(root=root))
    plan = plan_from_facts(project.files, project.scope_analysis, lambda span: replace(
        span, path=Path(span.path).resolve().relative_to(root.resolve()).as_posix()))
    with Emulator() as org:
        client = org.add_client(scopes=declared.scopes)
        return run_verify(VerifyOptions(
            org_url=org.url, credentials=Credentials(client.client_id, client.client_secret),
            declared=declared, policy=Policy(timeout=5.0, retries=1), sleep=Sleeper(),
            emulator=True, replay=plan))


@pytest.mark.parametrize(
    ("spec", "index", "example"), _cases(),
    ids=[f"{s.code}-{'bad' if e.bad else 'good'}-{i}" for s, i, e in _cases()])
def test_replay_example(tmp_path: Path, spec: RuleSpec, index: int, example: Example) -> None:
    (tmp_path / example.file).write_text(example.code, encoding="utf-8")
    for name, text in example.files:
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = replay_project(tmp_path)
    found = [f for f in result.findings if f.code == spec.code]
    summary = (f"{result.outcome}: {[(f.code, f.span.path, f.span.line) for f in result.findings]}"
               f" {result.notes}")
    if not example.bad:
        assert found == [], summary
        return
    assert result.outcome == "failed", summary
    for expected in example.expect:
        assert (example.file, expected.line) in {(f.span.path, f.span.line) for f in found}, \
            summary


def test_vulnerable_example_fails_naming_the_scope_and_the_call(tmp_path: Path) -> None:
    root = tmp_path / "vulnerable"
    shutil.copytree(EXAMPLES / "vulnerable-integration", root)
    result = replay_project(root)
    assert result.outcome == "failed"
    by_code = {f.code: f for f in result.findings}
    call = by_code["OIN908"]
    assert (call.span.path, call.span.line) == ("acme_access_review/okta_api.py", 75)
    assert "okta.apps.read" in call.message
    assert "acme_access_review/okta_api.py:19" in call.message  # the token request
    unused = by_code["OIN909"]
    assert "okta.logs.read" in unused.message and unused.span.path == "oin-submission.yaml"
    assert result.replayed is not None
    assert [(r.request.where, r.outcome) for r in result.replayed] == [
        ("acme_access_review/okta_api.py:19", "granted")]


def test_clean_example_stays_verified_with_its_constructor_default_scopes_replayed(
        tmp_path: Path) -> None:
    """The token cache's scopes are its constructor's default (a module constant): replayed
    and granted (issue 15; before, the request was listed as unresolved)."""
    root = tmp_path / "clean"
    shutil.copytree(EXAMPLES / "clean-integration", root)
    result = replay_project(root)
    assert result.outcome == "verified", [f.message for f in result.findings]
    assert result.replayed is not None
    assert [(r.request.where, r.outcome) for r in result.replayed] == [
        ("acme_access_review/tokens.py:59", "granted")]


def test_verify_emulator_fails_for_the_vulnerable_example_and_shows_the_replay(
        tmp_path: Path) -> None:
    root = tmp_path / "vulnerable"
    shutil.copytree(EXAMPLES / "vulnerable-integration", root)
    run = run_oinlint(["verify", "--emulator"], root)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "FAILED" in run.stdout
    assert "acme_access_review/okta_api.py:75:12: OIN908" in run.stdout
    assert "replayed token requests" in run.stdout
    assert "acme_access_review/okta_api.py:19" in run.stdout
    document = json.loads(run_oinlint(["verify", "--emulator", "--format", "json"],
                                      root).stdout)
    assert document["replay"]["requests"][0]["outcome"] == "granted"
    assert document["replay"]["unused_declared"] == ["okta.logs.read"]


def test_verify_emulator_passes_for_the_clean_example(tmp_path: Path) -> None:
    root = tmp_path / "clean"
    shutil.copytree(EXAMPLES / "clean-integration", root)
    run = run_oinlint(["verify", "--emulator"], root)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "acme_access_review/tokens.py:59" in run.stdout and "granted" in run.stdout
    assert "unresolved" not in run.stdout


def test_no_replay_turns_the_replay_off(tmp_path: Path) -> None:
    root = tmp_path / "vulnerable"
    shutil.copytree(EXAMPLES / "vulnerable-integration", root)
    run = run_oinlint(["verify", "--emulator", "--no-replay", "--format", "json"], root)
    assert run.returncode == 0, run.stdout + run.stderr
    assert json.loads(run.stdout)["replay"] is None


UNDECLARED = '''import requests


def fetch_token(org: str, client_id: str) -> str:
    resp = requests.post(
        f"https://{org}/oauth2/v1/token",
        auth=(client_id, "SECRET"),
        data={"grant_type": "client_credentials", "scope": "okta.users.read okta.apps.read"},
    )
    return resp.json()["access_token"]


def fetch_token_posted(org: str, client_id: str, client_secret: str) -> str:
    resp = requests.post(
        f"https://{org}/oauth2/v1/token",
        data={"grant_type": "client_credentials", "scope": "okta.users.read",
              "client_id": client_id, "client_secret": client_secret},
    )
    return resp.json()["access_token"]
'''


def test_no_replay_output_contains_a_secret(tmp_path: Path) -> None:
    """The code's own hard-coded secret and the emulated client's (sent in a Basic header and,
    replaying the second request, in the form body) never reach an output."""
    secret, code_secret = client_secret(), client_secret()
    (tmp_path / "app.py").write_text(UNDECLARED.replace("SECRET", code_secret),
                                     encoding="utf-8")
    (tmp_path / "oin-submission.yaml").write_text(
        "name: Acme\nauth:\n  method: client_secret_basic\nscopes:\n"
        "  - name: okta.users.read\n    reason: List users.\n", encoding="utf-8")
    (tmp_path / "org.yaml").write_text(
        "clients:\n  - client_id: 0oa1replayclient0001\n"
        f"    client_secret: {secret}\n    scopes: [okta.users.read]\n", encoding="utf-8")
    texts = []
    for fmt in VERIFY_FORMATS:
        run = run_oinlint(["verify", "--emulator", "--emulator-config", "org.yaml",
                           "--format", fmt], tmp_path)
        assert run.returncode == 1, (fmt, run.stdout, run.stderr)
        texts += [run.stdout, run.stderr]
    joined = "\n".join(texts)
    assert "OIN907" in joined and "okta.apps.read" in joined and "invalid_client" in joined
    assert secret not in joined and code_secret not in joined
    assert quote(secret, safe="") not in joined


TWO_REQUESTS = '''import requests


def token_for_users(org: str, client_id: str, client_secret: str) -> str:
    return requests.post(f"https://{org}/oauth2/v1/token", auth=(client_id, client_secret),
                         data={"grant_type": "client_credentials", "scope": "okta.users.read"},
                         ).json()["access_token"]


def token_again(org: str, client_id: str, client_secret: str) -> str:
    return requests.post(f"https://{org}/oauth2/v1/token", auth=(client_id, client_secret),
                         data={"grant_type": "client_credentials", "scope": "okta.users.read"},
                         ).json()["access_token"]
'''


def test_identical_requests_are_replayed_once_and_each_is_listed(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(TWO_REQUESTS, encoding="utf-8")
    (tmp_path / "oin-submission.yaml").write_text(
        "name: Acme\nauth:\n  method: client_secret_basic\nscopes:\n"
        "  - name: okta.users.read\n    reason: List users.\n", encoding="utf-8")
    result = replay_project(tmp_path)
    assert result.replayed is not None
    assert [(r.request.span.line, r.outcome) for r in result.replayed] == [
        (5, "granted"), (11, "granted")]
    assert sum(1 for e in result.exchanges if e.step == "replay") == 1
    assert result.outcome == "verified", [f.message for f in result.findings]


def test_emulator_findings_keep_their_fingerprint_from_run_to_run(tmp_path: Path) -> None:
    """The emulator listens on a new port each run; a baseline of verify's findings must still
    match the next run, so the port is not part of a fingerprint."""
    root = tmp_path / "vulnerable"
    shutil.copytree(EXAMPLES / "vulnerable-integration", root)
    first, second = replay_project(root), replay_project(root)
    assert first.findings and first.org_url != second.org_url
    assert ([f.fingerprint for f in first.findings]
            == [f.fingerprint for f in second.findings])
