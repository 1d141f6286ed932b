"""``verify`` against a hostile org on 127.0.0.1: bodies that never end or never stop growing,
JSON nested past the parser's stack, error text that is huge, full of escapes or echoes the
secret. Each case is ``unknown`` (exit 3) or a finding with a clear reason, in a few seconds."""

from __future__ import annotations

import base64
import contextlib
import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fakes import client_secret
from live_support import declared, verify, write_submission

from oinlint.cli import main
from oinlint.live.client import Policy
from oinlint.live.server_text import server_text
from oinlint.live.verify import VerifyResult

TOKEN = "/oauth2/v1/token"
Answer = Callable[[BaseHTTPRequestHandler, threading.Event], None]


class HostileOrg:
    """A loopback HTTP server: a valid discovery document, then ``token`` for the token
    endpoint. ``stop`` ends the handlers that would otherwise go on forever."""

    def __init__(self, token: Answer, discovery: dict[str, str] | None = None) -> None:
        self.stop = threading.Event()
        org = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                body = json.dumps(discovery or {"issuer": org.url,
                                                "token_endpoint": org.url + TOKEN})
                send(self, 200, body.encode())

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("content-length") or 0))
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    token(self, org.stop)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> HostileOrg:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes,
         length: int | None = None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body) if length is None else length))
    handler.end_headers()
    handler.wfile.write(body)


def trickle(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
    """A body a byte at a time, each well inside the per-read timeout, never ending."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.end_headers()
    handler.wfile.write(b"{")
    while not stop.wait(0.1):
        handler.wfile.write(b" ")
        handler.wfile.flush()


def endless(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
    """A body without Content-Length that goes on (64 MiB at most) until the client leaves."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.end_headers()
    chunk = b" " * 65536
    for _ in range(1024):
        if stop.is_set():
            return
        handler.wfile.write(chunk)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_submission(tmp_path, ("okta.users.read",))
    monkeypatch.chdir(tmp_path)
    for name in ("OINLINT_CLIENT_SECRET", "OINLINT_ORG", "OINLINT_CLIENT_ID", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def run_against(token: Answer, tmp_path: Path, policy: Policy | None = None,
                secret: str | None = None) -> tuple[VerifyResult, float]:
    with HostileOrg(token) as org:
        started = time.monotonic()
        result = verify(org.url, None, declared(tmp_path, ["okta.users.read"]),
                        secret=secret or client_secret(),
                        policy=policy or Policy(timeout=2.0, connect_timeout=1.0))
        return result, time.monotonic() - started


def test_body_trickled_past_the_deadline_is_unknown_in_bounded_time(tmp_path: Path) -> None:
    result, took = run_against(trickle, tmp_path,
                               Policy(timeout=1.0, connect_timeout=1.0, deadline=1.0))
    assert result.outcome == "unknown" and result.exit_code == 3
    assert result.reason.endswith(f"did not finish answering {TOKEN} within 1 s (the deadline "
                                  "for one request)")
    assert took < 4.0
    assert result.exchanges[-1].status == 200 and result.exchanges[-1].error == result.reason


def test_endless_body_stops_at_the_size_cap_as_unknown(tmp_path: Path) -> None:
    result, took = run_against(endless, tmp_path)
    assert result.outcome == "unknown" and result.exit_code == 3
    assert result.reason.endswith(f"answered {TOKEN} with a body over 1 MiB; the rest was not "
                                  "read")
    assert took < 4.0


def test_declared_oversized_body_is_refused_before_reading_it(tmp_path: Path) -> None:
    def huge(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        send(handler, 200, b"{}", length=1 << 30)  # says 1 GiB, sends two bytes

    result, _ = run_against(huge, tmp_path,
                            Policy(timeout=2.0, connect_timeout=1.0, max_body=4096))
    assert result.outcome == "unknown"
    assert result.reason.endswith(f"answered {TOKEN} with a body over 4,096 bytes; the rest "
                                  "was not read")


@pytest.mark.parametrize("status", [200, 400])
def test_deeply_nested_token_reply_is_unknown_not_an_internal_error(tmp_path: Path,
                                                                    status: int) -> None:
    def nested(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        send(handler, status, b"[" * 200_000 + b"]" * 200_000)

    result, _ = run_against(nested, tmp_path)
    assert result.outcome == "unknown" and result.exit_code == 3
    assert result.reason == (f"the token endpoint answered HTTP {status} with JSON nested too "
                             "deeply to read")


def refusal(description: str) -> Answer:
    def answer(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        send(handler, 401, json.dumps({"error": "invalid_client",
                                       "error_description": description}).encode())
    return answer


def test_server_error_description_is_shortened_escaped_and_redacted(tmp_path: Path) -> None:
    secret = client_secret()
    description = f"bad secret {secret}\x1b[2J\x1b]0;owned\x07\n::error::x " + "A" * 100_000
    result, _ = run_against(refusal(description), tmp_path, secret=secret)
    assert result.outcome == "failed" and [f.code for f in result.findings] == ["OIN901"]
    message = result.findings[0].message
    assert secret not in message
    assert "\x1b" not in message and "\x07" not in message and "\n" not in message
    assert "\\x1b[2J" in message and "\\x0a::error::x" in message
    assert "more characters not shown" in message
    assert len(message) < 600


def test_secret_echoed_with_control_characters_inside_is_not_shown(tmp_path: Path) -> None:
    secret = client_secret()
    result, _ = run_against(refusal(f"got {secret[:20]}\x1b[0m{secret[20:]}"), tmp_path,
                            secret=secret)
    message = result.findings[0].message
    assert secret[:20] not in message and secret[20:] not in message
    assert "got " in message


def never_asked(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
    raise AssertionError("no token request was expected")


@pytest.mark.parametrize("field", ["issuer", "token_endpoint"])
def test_discovery_url_that_cannot_be_parsed_is_unknown_not_an_internal_error(
        tmp_path: Path, field: str) -> None:
    with HostileOrg(never_asked, {"issuer": "http://127.0.0.1", "token_endpoint": "x",
                                  field: "https://[not-an-address"}) as org:
        result = verify(org.url, None, declared(tmp_path, ["okta.users.read"]),
                        secret=client_secret(), policy=Policy(timeout=2.0))
    assert result.outcome == "unknown" and result.exit_code == 3
    assert result.reason == (f"the discovery document's {field} is not a valid URL; no "
                             "credentials were sent")


def test_hostile_issuer_is_shown_escaped_and_shortened(tmp_path: Path) -> None:
    issuer = "https://evil.example/oauth2/\x1b]0;owned\x07" + "C" * 100_000
    with HostileOrg(never_asked, {"issuer": issuer,
                                  "token_endpoint": "x"}) as org:
        result = verify(org.url, None, declared(tmp_path, ["okta.users.read"]),
                        secret=client_secret(), policy=Policy(timeout=2.0))
    assert result.outcome == "failed" and [f.code for f in result.findings] == ["OIN901"]
    message = result.findings[0].message
    assert "\x1b" not in message and "\\x1b]0;owned\\x07" in message
    assert "more characters not shown" in message and len(message) < 600
    assert result.issuer is not None and len(result.issuer) < 200


def test_redirect_to_a_location_that_cannot_be_parsed_is_unknown_not_an_internal_error(
        tmp_path: Path) -> None:
    def redirect(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        handler.send_response(307)
        handler.send_header("Location", "http://[not-an-address/")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    result, _ = run_against(redirect, tmp_path)
    assert result.outcome == "unknown" and result.exit_code == 3
    assert result.reason == (f"{TOKEN} answered HTTP 307, a redirect to ?; redirects are "
                             "not followed and no credentials were sent there")


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def test_hostile_granted_token_response_is_shown_escaped_not_an_internal_error(
        tmp_path: Path) -> None:
    nested = b"[" * 100_000 + b"]" * 100_000
    token = ".".join([_b64(b'{"alg":"none"}'), _b64(nested), _b64(b"sig")])

    def granted(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        send(handler, 200, json.dumps({
            "access_token": token, "token_type": "\x1b[2J" + "D" * 10_000,
            "expires_in": 3600, "scope": "okta.users.read"}).encode())

    result, _ = run_against(granted, tmp_path)
    assert [f.code for f in result.findings] == ["OIN905"]
    message = result.findings[0].message
    assert "\x1b" not in message and "\\x1b[2J" in message and len(message) < 600
    assert "the access token is opaque (not a JWT): claims not read" in result.notes


def test_server_text_keeps_short_plain_text_as_it_is() -> None:
    assert server_text("The client secret is invalid.") == "The client secret is invalid."
    assert server_text("x" * 250) == "x" * 200 + "… (50 more characters not shown)"


def test_error_description_in_the_cli_output_has_no_escape_and_no_secret(
        project: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    secret = client_secret()
    monkeypatch.setenv("OINLINT_CLIENT_SECRET", secret)
    with HostileOrg(refusal(f"\x1b[31m{secret}\x1b[0m" + "B" * 50_000)) as org:
        code = main(["verify", "--org", org.url, "--client-id", "0oa1example000000000",
                     "--timeout", "2"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "invalid_client" in out
    assert secret not in out + err and "\x1b" not in out + err
    assert len(out) < 5_000


def test_client_secret_file_given_the_secret_itself_is_not_echoed(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = client_secret()
    code = main(["verify", "--org", "https://acme.okta.com", "--client-id",
                 "0oa1example000000000", "--client-secret-file", secret])
    _, err = capsys.readouterr()
    assert code == 2
    assert "the client secret file could not be read (No such file or directory)" in err
    assert secret not in err
    assert "Traceback" not in err


def test_client_secret_file_that_is_not_text_names_no_value(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "s.bin").write_bytes(b"\xff\xfe" + client_secret().encode())
    code = main(["verify", "--org", "https://acme.okta.com", "--client-id",
                 "0oa1example000000000", "--client-secret-file", "s.bin"])
    _, err = capsys.readouterr()
    assert code == 2
    assert "the client secret file could not be read (it is not UTF-8 text)" in err
