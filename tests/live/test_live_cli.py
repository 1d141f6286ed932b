"""``oinlint verify`` and ``oinlint emulator`` as commands: where the secret comes from, exit
codes, one-line errors, every output format — and no secret in any of it."""

from __future__ import annotations

import base64
import io
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fakes import client_secret, run_oinlint
from live_support import free_port, write_submission

from oinlint.cli import main
from oinlint.live.emulator import Emulator
from oinlint.report import VERIFY_FORMATS

SCOPES = ("okta.users.read", "okta.groups.read")


@pytest.fixture
def org() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_submission(tmp_path, SCOPES)
    monkeypatch.chdir(tmp_path)
    for name in ("OINLINT_CLIENT_SECRET", "OINLINT_ORG", "OINLINT_CLIENT_ID", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err, err
    return code, out, err


def test_verify_emulator_is_the_first_command_a_newcomer_runs(project: Path) -> None:
    run = run_oinlint(["verify", "--emulator", "--probe"], project)
    assert run.returncode == 0, run.stderr
    assert "VERIFIED" in run.stdout
    assert "verified:" in run.stdout and "grants exactly the declared scopes" in run.stdout
    assert run.stderr == ""


def test_secret_from_the_environment(org: Emulator, project: Path,
                                     monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    client = org.add_client(scopes=SCOPES)
    monkeypatch.setenv("OINLINT_CLIENT_SECRET", client.client_secret or "")
    code, out, _ = cli(capsys, "verify", "--org", org.url, "--client-id", client.client_id)
    assert code == 0 and "VERIFIED" in out


def test_secret_from_a_file_and_from_stdin(org: Emulator, project: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    client = org.add_client(scopes=SCOPES)
    (project / "secret.txt").write_text(f"{client.client_secret}\n", encoding="utf-8")
    code, _, _ = cli(capsys, "verify", "--org", org.url, "--client-id", client.client_id,
                     "--client-secret-file", "secret.txt")
    assert code == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{client.client_secret}\n"))
    code, _, _ = cli(capsys, "verify", "--org", org.url, "--client-id", client.client_id,
                     "--client-secret-file", "-")
    assert code == 0


def test_secret_on_the_command_line_is_refused_without_echo(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = client_secret()
    code, out, err = cli(capsys, "verify", "--org", "https://acme.okta.com", "--client-id",
                         "0oa1example000000000", "--client-secret", secret)
    assert code == 2
    assert secret not in out + err
    assert "OINLINT_CLIENT_SECRET" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(("org_url", "text"), [
    ("http://acme.okta.com", "https://"),
    ("https://acme.okta.com/oauth2/default", "custom authorization server"),
    ("https://user:pw@acme.okta.com", "credentials in the URL"),
    ("ftp://acme.okta.com", "https://"),
])
def test_bad_org_urls_are_usage_errors(project: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str], org_url: str,
                                       text: str) -> None:
    monkeypatch.setenv("OINLINT_CLIENT_SECRET", client_secret())
    code, _, err = cli(capsys, "verify", "--org", org_url, "--client-id", "0oa1example0000000")
    assert code == 2 and text in err
    assert err.startswith("oinlint: error: ") and len(err.strip().splitlines()) == 1


def test_missing_inputs_are_one_line_usage_errors(project: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "verify", "--org", "https://acme.okta.com", "--client-id", "x")
    assert code == 2 and "no client secret" in err
    code, _, err = cli(capsys, "verify", "--client-id", "x")
    assert code == 2 and "--org is required" in err
    monkeypatch.setenv("OINLINT_CLIENT_SECRET", client_secret())
    code, _, err = cli(capsys, "verify", "--org", "https://acme.okta.com", "--client-id", "x",
                       "--submission", "missing.yaml")
    assert code == 2 and "cannot read submission file missing.yaml" in err
    code, _, err = cli(capsys, "verify", "--emulator", "--private-key", "nope.pem")
    assert code == 2 and "cannot read private key file" in err


def test_unreachable_org_is_exit_3_with_one_line(project: Path) -> None:
    run = run_oinlint(["verify", "--org", f"http://127.0.0.1:{free_port()}", "--client-id",
                       "0oa1example000000000", "--client-secret-file", "-"], project)
    assert run.returncode == 2  # stdin is empty: no secret
    (project / "s.txt").write_text(client_secret(), encoding="utf-8")
    run = run_oinlint(["verify", "--org", f"http://127.0.0.1:{free_port()}", "--client-id",
                       "0oa1example000000000", "--client-secret-file", "s.txt"], project)
    assert run.returncode == 3, run.stderr
    assert "unknown: could not connect to 127.0.0.1" in run.stdout
    assert "not a compliance result" in run.stdout
    assert "Traceback" not in run.stderr


def test_mismatch_is_exit_1_and_json_has_the_documented_shape(
        org: Emulator, project: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    client = org.add_client(scopes=("okta.users.read", "okta.users.manage"))
    monkeypatch.setenv("OINLINT_CLIENT_SECRET", client.client_secret or "")
    code, out, _ = cli(capsys, "verify", "--org", org.url, "--client-id", client.client_id,
                       "--format", "json", "--probe")
    assert code == 1
    doc = json.loads(out)
    assert doc["schema"] == "oinlint-verify/1"
    assert set(doc) == {"schema", "tool", "outcome", "exit_code", "reason", "incomplete", "org",
                        "client", "started_at", "duration_seconds", "submission", "scopes",
                        "scope_matrix", "probes", "replay", "findings", "requests",
                        "request_counts", "notes"}
    assert doc["replay"] is None  # against an org, only with --replay
    assert doc["outcome"] == "failed" and doc["exit_code"] == 1
    assert doc["scopes"]["refused"] == ["okta.groups.read"]
    assert doc["scopes"]["undeclared_granted"] == ["okta.users.manage"]
    assert [f["code"] for f in doc["findings"]] == ["OIN902", "OIN903", "OIN904"]
    assert doc["findings"][2]["path"] == "oin-submission.yaml"
    assert doc["findings"][2]["line"] == 7
    matrix = {row["scope"]: row["granted"] for row in doc["scope_matrix"]}
    assert matrix == {"okta.users.read": True, "okta.groups.read": False,
                      "okta.users.manage": True}
    assert all(set(r) == {"step", "method", "path", "status", "attempt", "error", "scopes",
                          "result", "elapsed_ms"} for r in doc["requests"])
    assert doc["request_counts"]["http"] == len(doc["requests"])


def test_emulator_config_can_show_a_failure(project: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (project / "org.yaml").write_text(
        "clients:\n  - scopes: [okta.users.read]\n    dpop: true\n", encoding="utf-8")
    code, out, _ = cli(capsys, "verify", "--emulator", "--emulator-config", "org.yaml")
    assert code == 1
    assert "OIN904" in out and "okta.groups.read" in out


def test_emulator_with_a_private_key(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    (project / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption()))
    code, out, _ = cli(capsys, "verify", "--emulator", "--private-key", "key.pem",
                       "--key-id", "k1")
    assert code == 0, out
    assert "private_key_jwt" in out and "client_secret_basic" in out  # the OIN note


# --- no secret anywhere -----------------------------------------------------------------------

def _pem_lines(pem: bytes) -> list[str]:
    return [line for line in pem.decode().splitlines() if line and "-----" not in line]


@pytest.mark.parametrize("auth", ["secret", "private_key"])
def test_no_output_contains_a_secret(org: Emulator, project: Path,
                                     monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str],
                                     caplog: pytest.LogCaptureFixture, auth: str) -> None:
    caplog.set_level(logging.DEBUG)
    secret = client_secret()
    secrets: list[str] = [secret]
    args = ["--org", org.url, "--probe"]
    if auth == "secret":
        # DPoP, a refused scope and an undeclared grant: every code path that prints.
        client = org.add_client(scopes=("okta.users.read", "okta.users.manage"),
                                client_secret=secret, dpop=True)
        monkeypatch.setenv("OINLINT_CLIENT_SECRET", secret)
        basic = f"{client.client_id}:{secret}"
        secrets.append(base64.b64encode(basic.encode()).decode())
    else:
        import jwt

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        (project / "key.pem").write_bytes(pem)
        public = jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
        client = org.add_client(scopes=("okta.users.read",), jwks=[public])
        secrets += _pem_lines(pem)
        args += ["--private-key", "key.pem"]
    args += ["--client-id", client.client_id]
    texts: list[str] = []
    for fmt in VERIFY_FORMATS:
        code, out, err = cli(capsys, "verify", *args, "--format", fmt)
        assert code == 1, (fmt, out, err)
        texts += [out, err]
        code, out, err = cli(capsys, "verify", *args, "--format", fmt, "-o", f"out.{fmt}")
        assert code == 1
        texts += [out, err, (project / f"out.{fmt}").read_text(encoding="utf-8")]
    # A wrong secret is the error path most likely to echo it.
    monkeypatch.setenv("OINLINT_CLIENT_SECRET", secret[::-1])
    secrets.append(secret[::-1])
    code, out, err = cli(capsys, "verify", "--org", org.url, "--client-id", client.client_id)
    assert code == 1
    texts += [out, err]
    texts += [record.getMessage() for record in caplog.records]
    assert any("/oauth2/v1/token" in t for t in texts[-len(caplog.records):]), "no debug logs?"
    tokens = [issued.token for issued in org.issued]
    assert tokens, "the org issued no token"
    secrets += tokens
    joined = "\n".join(texts)
    for value in secrets:
        assert value not in joined, f"leaked a secret of length {len(value)}"
    for value in tokens:
        for part in value.split("."):
            assert part not in joined, "leaked part of an access token"


def test_undeclared_scope_check_never_asks_for_a_scope_a_declared_manage_implies() -> None:
    """With okta.users.manage declared, asking for okta.users.read proves nothing."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    submission = root / "examples" / "vulnerable-integration" / "oin-submission.yaml"
    run = subprocess.run(
        [sys.executable, "-m", "oinlint", "verify", "--emulator", "--no-replay", "--submission",
         str(submission), "--format", "json"],
        capture_output=True, text=True, check=False, timeout=120)
    assert run.returncode == 0, run.stderr
    asked = [r["scopes"] for r in json.loads(run.stdout)["requests"] if r.get("scopes")]
    undeclared = asked[-1]
    assert len(undeclared) == 1
    assert undeclared[0] not in {"okta.users.manage", "okta.groups.manage", "okta.logs.read",
                                 "okta.users.read", "okta.groups.read"}
