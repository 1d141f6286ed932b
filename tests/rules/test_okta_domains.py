"""The ``okta-domains`` setting (issue 15): an Okta org reached through a custom domain is
Okta code's, as ``*.okta.com`` is; facts stay setting-free (matched after the cache)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from oinlint.config import ConfigError, Settings, settings_from_table
from oinlint.engine import check
from oinlint.rules.catalogue import load_catalogue

CATALOGUE = load_catalogue()
DOMAINS = ("login.acme.com",)


def _codes(tmp_path: Path, source: str, domains: tuple[str, ...] = DOMAINS,
           name: str = "client.py") -> list[tuple[str, int]]:
    (tmp_path / name).write_text(textwrap.dedent(source), encoding="utf-8")
    settings = Settings(root=tmp_path, okta_domains=domains)
    result = check([str(tmp_path / name)], settings)
    return sorted((f.code, f.span.line) for f in result.findings if f.code.startswith("OIN40"))


TLS_OFF = """\
    import requests

    BASE = "https://login.acme.com"

    def users(session):
        return requests.get(BASE + "/api/v2/things", verify=False)
    """


def test_custom_domain_with_tls_off_is_oin403_only_with_the_setting(tmp_path: Path) -> None:
    assert _codes(tmp_path, TLS_OFF) == [("OIN402", 3), ("OIN403", 6)]
    assert _codes(tmp_path, TLS_OFF, domains=()) == []


def test_custom_domain_evidence_is_named_in_the_message(tmp_path: Path) -> None:
    (tmp_path / "client.py").write_text(textwrap.dedent(TLS_OFF), encoding="utf-8")
    result = check([str(tmp_path / "client.py")], Settings(root=tmp_path, okta_domains=DOMAINS))
    [tls] = [f for f in result.findings if f.code == "OIN403"]
    assert "Okta custom domain `login.acme.com` (okta-domains), line 3" in tls.message


def test_plain_http_custom_domain_is_oin403(tmp_path: Path) -> None:
    source = 'import requests\n\nHOME = "http://login.acme.com/home"\nrequests.get(HOME)\n'
    assert ("OIN403", 3) in _codes(tmp_path, source)
    assert _codes(tmp_path, source, domains=()) == []


def test_custom_domain_matches_case_insensitively(tmp_path: Path) -> None:
    source = 'import requests\nrequests.get("https://LOGIN.ACME.COM/x", verify=False)\n'
    assert ("OIN403", 2) in _codes(tmp_path, source)


@pytest.mark.parametrize("host", ["login.acme.com.evil.io", "evil-login.acme.com",
                                  "acme.com", "xlogin.acme.com"])
def test_lookalike_host_is_not_the_custom_domain(tmp_path: Path, host: str) -> None:
    source = f'import requests\nrequests.get("https://{host}/x", verify=False)\n'
    assert _codes(tmp_path, source) == []


def test_custom_domain_in_a_comment_is_not_evidence(tmp_path: Path) -> None:
    source = ('import requests\n# see https://login.acme.com/admin\n'
              'requests.get("https://cache.internal/x", verify=False)\n')
    assert _codes(tmp_path, source) == []


def test_custom_domain_in_javascript(tmp_path: Path) -> None:
    source = """\
        const https = require("https");
        const agent = new https.Agent({ rejectUnauthorized: false });
        fetch("https://login.acme.com/api/v1/groups", { agent });
        """
    codes = _codes(tmp_path, source, name="client.js")
    assert ("OIN403", 2) in codes and ("OIN402", 3) in codes


def test_okta_domains_setting_is_read(tmp_path: Path) -> None:
    settings = settings_from_table({"okta-domains": ["Login.Acme.com", "id.corp.example"]},
                                   tmp_path / "oinlint.toml", CATALOGUE)
    assert settings.okta_domains == ("login.acme.com", "id.corp.example")


@pytest.mark.parametrize("value", ["login.acme.com", ["https://login.acme.com"], [3],
                                   ["login"], ["login.acme.com/path"], ["-bad.acme.com"]])
def test_okta_domains_must_be_a_list_of_host_names(tmp_path: Path, value: object) -> None:
    with pytest.raises(ConfigError, match="'okta-domains' must be a list of host names"):
        settings_from_table({"okta-domains": value}, tmp_path / "oinlint.toml", CATALOGUE)
