"""``oinlint emulator --org-config`` names the org.yaml; ``--config`` (which everywhere else names
oinlint.toml) still works there, with a one-line deprecation warning."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import httpx
from fakes import clean_env, client_secret, run_oinlint

CLIENT = "0oa1orgconfigclient01"


def _org(tmp_path: Path) -> tuple[Path, str]:
    secret = client_secret()
    config = tmp_path / "org.yaml"
    config.write_text(f"clients:\n  - client_id: {CLIENT}\n    client_secret: {secret}\n"
                      "    scopes: [okta.users.read]\n", encoding="utf-8")
    return config, secret


def _serve(option: str, config: Path, secret: str) -> str:
    """Start the emulator with ``option config``, get a token from it, stop it: its stderr."""
    process = subprocess.Popen(
        [sys.executable, "-m", "oinlint", "emulator", option, str(config), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=clean_env())
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        reply = httpx.post(f"{url}/oauth2/v1/token", auth=(CLIENT, secret),
                           data={"grant_type": "client_credentials", "scope": "okta.users.read"})
        assert reply.status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert "Traceback" not in err and CLIENT in err  # the org of the file was served
    return err


def test_org_config_serves_the_org_without_a_warning(tmp_path: Path) -> None:
    err = _serve("--org-config", *_org(tmp_path))
    assert "deprecated" not in err


def test_deprecated_config_still_works_with_one_warning_line(tmp_path: Path) -> None:
    err = _serve("--config", *_org(tmp_path))
    warnings = [line for line in err.splitlines() if "deprecated" in line]
    assert warnings == ["oinlint: warning: `oinlint emulator --config` is deprecated; use "
                        "--org-config (it names the org.yaml)"]


def test_both_spellings_at_once_are_a_usage_error(tmp_path: Path) -> None:
    config, _secret = _org(tmp_path)
    run = run_oinlint(["emulator", "--org-config", str(config), "--config", str(config)],
                      tmp_path, timeout=30)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        "oinlint: error: --config is the deprecated spelling of --org-config; give only "
        "--org-config"]
