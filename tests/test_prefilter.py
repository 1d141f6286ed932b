"""The prefilter decides which files are parsed; it must skip ordinary code and keep Okta code."""

from __future__ import annotations

from oinlint.catalogue import load_catalogue
from oinlint.prefilter import Prefilter

CATALOGUE = load_catalogue()
ALL = Prefilter.for_rules(CATALOGUE, CATALOGUE)

ORDINARY = b'''
from django.contrib.auth import password_validation
from django.middleware.csrf import get_token

def login(request, secret_key, private_data):
    token = get_token(request)  # CSRF token
    if not verify(request.session, token):
        raise PermissionError("refused: bad token for http://example.org")
    return {"scopes": [], "grant": None, "claims": {}, "authorization": "Basic x"}
'''


def test_ordinary_code_with_generic_security_words_is_not_parsed() -> None:
    assert not ALL.wants(ORDINARY)


def test_live_rules_contribute_no_keywords() -> None:
    live = {k.lower() for s in CATALOGUE.values() if s.scope == "live" for k in s.keywords}
    others = {k.lower() for s in CATALOGUE.values() if s.scope != "live" for k in s.keywords}
    assert set(ALL.keywords) <= others
    assert all(any(kept in keyword for kept in ALL.keywords) for keyword in others)
    assert live - others  # e.g. "probe", "claims": only the live rules mention them


def test_okta_code_and_token_shapes_are_parsed() -> None:
    assert ALL.wants(b'requests.post(f"https://{org}/oauth2/v1/token", data=form)')
    assert ALL.wants(b"headers = {'Authorization': 'SSWS ' + t}")
    assert ALL.wants(b"X = '00" + b"FAKEoinlintPREFILTERtest_0123456789-abcX" + b"'")
    assert ALL.wants(b"http = httpx.Client(verify=False)")


def test_only_enabled_rules_count() -> None:
    only_ssws = Prefilter.for_rules(CATALOGUE, ["OIN101"])
    assert only_ssws.keywords == ("ssws",)
    assert not only_ssws.wants(b"import okta")


def test_every_declared_keyword_is_found_in_any_case() -> None:
    """Dropping keywords that contain a shorter one must not lose a single declared keyword."""
    declared = {k for s in CATALOGUE.values() if s.scope != "live" for k in s.keywords}
    assert len(ALL.keywords) < len(declared)  # the minimal set is really smaller
    for keyword in declared:
        mixed = "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(keyword))
        assert ALL.wants(b"x = 1\n# " + mixed.encode() + b"\n"), keyword


def test_minimal_keyword_set_keeps_the_shortest() -> None:
    assert Prefilter(["okta.com", "OKTA", "oauth2", "/oauth2/"]).keywords == ("okta", "oauth2")


def test_token_shaped_digests_and_identifiers_are_not_tokens() -> None:
    """Hex digests, zero runs and migration names match "00" + 40 characters; none is parsed."""
    from oinlint.secrets import API_TOKEN

    lookalikes = [
        "00" + "9371a5372c90f73fcf0b4fb8a2ffb6e1ba4e9fd5",  # a hex digest
        "00" + "0000001401400000000000000000000000000000",  # WKB geometry
        "00" + "x" * 40,  # a placeholder
    ]
    for value in lookalikes:
        assert API_TOKEN.fullmatch(value), value  # the shape matches ...
        assert not ALL.wants(f'x = "{value}"\n'.encode()), value  # ... the test does not
    token = "00" + "FAKEprefilterTEST_0123456789-abcdefghijk"
    assert API_TOKEN.fullmatch(token)
    assert ALL.wants(f'x = "{token}"\n'.encode())
