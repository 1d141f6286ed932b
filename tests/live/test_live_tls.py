"""The emulator over HTTPS (a throwaway CA written to a file), with TLS verification on."""

from __future__ import annotations

import signal
import ssl
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from fakes import clean_env, run_oinlint
from live_support import declared, verify

from oinlint.cli import main
from oinlint.live.emulator import Emulator


def test_https_emulator_is_trusted_through_its_ca_file_only(tmp_path: Path) -> None:
    ca_file = tmp_path / "ca.pem"
    with Emulator(https=True, ca_file=ca_file) as org:
        assert org.url.startswith("https://127.0.0.1:")
        assert org.ca_file == ca_file and "BEGIN CERTIFICATE" in ca_file.read_text()
        client = org.add_client(scopes=["okta.users.read"])
        trusted = ssl.create_default_context(cafile=str(ca_file))
        assert trusted.verify_mode == ssl.CERT_REQUIRED and trusted.check_hostname
        with httpx.Client(verify=trusted) as http:
            token = http.post(org.token_url, auth=(client.client_id, client.client_secret or ""),
                              data={"grant_type": "client_credentials",
                                    "scope": "okta.users.read"})
            assert token.status_code == 200
            users = http.get(f"{org.url}/api/v1/users", headers={
                "Authorization": f"Bearer {token.json()['access_token']}"})
            assert users.status_code == 200
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            httpx.get(f"{org.url}/.well-known/oauth-authorization-server")
    assert ca_file.exists()  # the caller's file stays; the server key is gone


def test_verify_against_https_emulator_with_its_ca_and_without(tmp_path: Path) -> None:
    scopes = declared(tmp_path, ["okta.users.read"])
    with Emulator(https=True) as org:
        client = org.add_client(scopes=["okta.users.read"])
        assert org.ca_file is not None
        trusting = httpx.HTTPTransport(verify=ssl.create_default_context(cafile=str(org.ca_file)))
        assert verify(org, client, scopes, transport=trusting).outcome == "verified"
        org.clear_log()
        untrusted = verify(org, client, scopes)
        assert untrusted.outcome == "unknown" and org.token_requests == []
        assert untrusted.incomplete and "TLS verification failed" in untrusted.incomplete


def test_verify_ca_file_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    declared(tmp_path, ["okta.users.read"])
    monkeypatch.chdir(tmp_path)
    with Emulator(https=True, ca_file=tmp_path / "ca.pem") as org:
        client = org.add_client(scopes=["okta.users.read"])
        monkeypatch.setenv("OINLINT_CLIENT_SECRET", client.client_secret or "")
        code = main(["verify", "--org", org.url, "--client-id", client.client_id,
                     "--ca-file", "ca.pem"])
        out, err = capsys.readouterr()
        assert code == 0, out + err
        assert "VERIFIED" in out and org.url.removeprefix("https://") in out
        (tmp_path / "bad.pem").write_text("not a certificate\n", encoding="utf-8")
        code = main(["verify", "--org", org.url, "--client-id", client.client_id,
                     "--ca-file", "bad.pem"])
        out, err = capsys.readouterr()
        assert code == 2 and "--ca-file bad.pem: cannot be used" in err
        assert "Traceback" not in err and (client.client_secret or "") not in out + err


def test_emulator_command_refuses_a_ca_file_without_https(tmp_path: Path) -> None:
    run = run_oinlint(["emulator", "--ca-file", "ca.pem"], tmp_path)
    assert run.returncode == 2 and "--ca-file is for --https" in run.stderr
    assert not (tmp_path / "ca.pem").exists()


def test_emulator_command_serves_https_and_names_its_ca_file(tmp_path: Path) -> None:
    ca_file = tmp_path / "ca.pem"
    process = subprocess.Popen(
        [sys.executable, "-m", "oinlint", "emulator", "--https", "--ca-file", str(ca_file)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=clean_env())
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("https://127.0.0.1:")
        trusted = ssl.create_default_context(cafile=str(ca_file))
        reply = httpx.get(f"{url}/.well-known/oauth-authorization-server", verify=trusted)
        assert reply.status_code == 200 and reply.json()["issuer"] == url
    finally:
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert f"trust {ca_file}" in err and "Traceback" not in err
