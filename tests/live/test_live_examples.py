"""Every scenario in a live rule's YAML (OIN901–OIN906) is a test against the emulator (the
replay rules' examples, OIN907–OIN909, are code plus a submission: tests/live/test_live_replay.py).

A scenario is one YAML file: ``org`` (the emulator's org.yaml), optional ``verify`` options
(``client_secret`` to send instead of the client's, ``private_key: true`` to authenticate with
a fresh key, ``probe``, ``undeclared_scope``), the submission's ``scopes`` list, and the expected
``outcome``. Bad scenarios must produce the rule's finding at each expected line (the lines
are in the scenario file, which is also the submission); good ones must not produce it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jwt
import pytest
import yaml
from cryptography.hazmat.primitives.asymmetric import rsa
from live_support import Sleeper

from oinlint.live.client import Policy
from oinlint.live.declared import load_declared_scopes
from oinlint.live.emulator import Emulator
from oinlint.live.verify import Credentials, PrivateKey, VerifyOptions, run_verify
from oinlint.rules.catalogue import Example, RuleSpec, load_catalogue

CATALOGUE = load_catalogue()
LIVE = [spec for spec in CATALOGUE.values() if spec.scope == "live"]


def _cases() -> list[tuple[RuleSpec, int, Example]]:
    return [(spec, i, ex) for spec in LIVE for i, ex in enumerate(spec.examples)
            if ex.file == "scenario.yaml"]


def test_the_live_rules_are_oin901_to_oin909() -> None:
    assert [spec.code for spec in LIVE] == [f"OIN90{i}" for i in range(1, 10)]


@pytest.mark.parametrize(
    ("spec", "index", "example"), _cases(),
    ids=[f"{s.code}-{'bad' if e.bad else 'good'}-{i}" for s, i, e in _cases()])
def test_live_scenario(tmp_path: Path, spec: RuleSpec, index: int, example: Example) -> None:
    scenario: dict[str, Any] = yaml.safe_load(example.code)
    path = tmp_path / example.file
    path.write_text(example.code, encoding="utf-8")
    options: dict[str, Any] = scenario.get("verify") or {}
    with Emulator(scenario.get("org")) as org:
        client = org.clients[0]
        key: PrivateKey | None = None
        if options.get("private_key"):
            private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            public = jwt.algorithms.RSAAlgorithm.to_jwk(private.public_key(), as_dict=True)
            client.jwks = (public,)
            key = PrivateKey(private, "RS256", None)
        secret = None if key else options.get("client_secret", client.client_secret)
        result = run_verify(VerifyOptions(
            org_url=org.url,
            credentials=Credentials(client.client_id, secret, key),
            declared=load_declared_scopes(path, example.file),
            probe=bool(options.get("probe")),
            undeclared_scope=options.get("undeclared_scope"),
            policy=Policy(timeout=5.0, retries=2),
            sleep=Sleeper(),
        ))
    found = [f for f in result.findings if f.code == spec.code]
    summary = f"{result.outcome}: {[(f.code, f.span.line) for f in result.findings]} " \
              f"{result.reason} {result.notes}"
    assert result.outcome == scenario["outcome"], summary
    if not example.bad:
        assert found == [], summary
        return
    assert found, f"{spec.code} missed: {example.note} {summary}"
    for expected in example.expect:
        assert expected.line in {f.span.line for f in found}, summary
