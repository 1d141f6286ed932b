"""The prefilter decides which files are parsed; it must skip ordinary code and keep Okta code."""

from __future__ import annotations

from pathlib import Path

from oinlint.engine.prefilter import Prefilter
from oinlint.rules.catalogue import load_catalogue

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
    from oinlint.credentials import API_TOKEN

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


def _module(docstring: str, code: str) -> bytes:
    filler = "".join(f"def f{i}(a, b):\n    return a + b * {i}\n\n" for i in range(400))
    return f'"""{docstring}"""\n\nimport requests\n\n{filler}{code}\n'.encode()


def _second_look(tmp_path: Path, data: bytes) -> bool:
    from oinlint.engine.discovery import Candidate
    from oinlint.engine.scan import SECOND_LOOK_BYTES, scan_all

    assert len(data) >= SECOND_LOOK_BYTES
    path = tmp_path / "big_module.py"
    path.write_bytes(data)
    [scanned] = scan_all([Candidate(str(path), "big_module.py", False)], 1 << 24, ALL, jobs=1)
    return scanned.facts is not None


def test_large_module_with_keywords_only_in_docstrings_is_not_parsed(tmp_path: Path) -> None:
    doc = "Pass verify=False to skip TLS; see the OAuth2 spec and okta.com."
    assert ALL.wants(_module(doc, "x = 1"))  # the first look keeps it ...
    assert not _second_look(tmp_path, _module(doc, "x = 1"))  # ... the second does not
    inner = _module("", 'class C:\n    """Uses okta."""\n    def g(self):\n        "oauth2"\n')
    assert not _second_look(tmp_path, inner)


def test_second_look_keeps_code_comments_and_tokens(tmp_path: Path) -> None:
    doc = "Talks to Okta."
    assert _second_look(tmp_path, _module(doc, 'requests.get(url, verify=False)'))
    assert _second_look(tmp_path, _module(doc, 'URL = "https://{org}/api/v1/users"'))
    assert _second_look(tmp_path, _module(doc, "x = 1  # oinlint: ignore[OIN101] -- old"))
    token = "00" + "FAKEprefilterTEST_0123456789-abcdefghijk"
    assert _second_look(tmp_path, _module(f"Example token {token}", "x = 1"))
    assert _second_look(tmp_path, _module(doc, "def broken(:\n    pass"))  # OIN000 needs it


def test_blanking_keeps_every_other_byte_in_place() -> None:
    from oinlint.frontends.python.docstrings import without_docstrings

    source = ('"""Café ☕ okta."""\r\nx = "okta"  # ☕ okta\n'
              'def f():\n    """ünïcode\n    oauth2"""; y = "oauth2"\n')
    blanked = without_docstrings(source)
    assert blanked is not None
    original = source.encode()
    assert len(blanked) == len(original)
    assert blanked.count(b"okta") == 2 and blanked.count(b"oauth2") == 1
    assert blanked.splitlines() and blanked.count(b"\n") == original.count(b"\n")
    assert without_docstrings("def broken(:\n") is None


def test_the_one_pass_search_agrees_with_one_search_per_keyword() -> None:
    """The automaton answers exactly what one ``in`` per keyword answers, keyword by keyword,
    at the start, the end, in upper case and across a keyword cut in two."""
    assert ALL._automaton is not None  # the dependency is installed: the fast path is tested
    for keyword in ALL.keywords:
        for text in (keyword.upper().encode(), b"x = 1\n" + keyword.encode() + b"\n",
                     b"..." + keyword.encode()[:-1] + b" " + keyword.encode()[-1:]):
            assert ALL.has_keyword(text) == ALL.has_keyword_slowly(text.lower()), text
    assert ALL.has_keyword(b"...OKTA")
    assert not ALL.has_keyword(b"ok ta, s s w s")
    assert not Prefilter(()).has_keyword(b"okta")
