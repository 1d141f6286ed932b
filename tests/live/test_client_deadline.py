"""Issue 13, item 13: one total deadline bounds a whole request against a hostile server on
loopback — a status line and headers trickled a byte at a time, a body whose bytes come just
inside the per-read timeout, a TLS handshake that never ends, a proxy from the environment that
trickles its CONNECT answer. Each ends as ``unknown`` with the deadline's one-line reason soon
after the deadline (asserted with generous slack, never tightly), where before it lasted until
the per-read timeouts or for ever."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import socket
import threading
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, repeat
from pathlib import Path

import pytest
from fakes import client_secret
from live_support import declared, verify

from oinlint.live.client import OrgClient, Policy, RequestParts, Undecidable
from oinlint.live.verify import VerifyResult

Script = Callable[[socket.socket, bytes, threading.Event], None]
GAP = 0.3  # seconds between two trickled bytes: well inside every per-read timeout here
SLACK = 4.0  # how long after the deadline a request may still end: generous, never tight


class RawServer:
    """A loopback TCP server: reads each request's head, then runs ``script`` on the socket;
    ``stop`` ends the scripts that would otherwise go on for ever."""

    def __init__(self, script: Script) -> None:
        self.script, self.stop = script, threading.Event()
        self.heads: list[bytes] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            conn.settimeout(5)
            head = conn.recv(65536)
            self.heads.append(head)
            self.script(conn, head, self.stop)

    def __enter__(self) -> RawServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(5)
        self.listener.close()


def trickle(conn: socket.socket, data: Iterable[bytes], stop: threading.Event) -> None:
    for byte in data:
        if stop.wait(GAP):
            return
        conn.sendall(byte)


def endless_head(status_line: bytes) -> Iterator[bytes]:
    """A status line and a header that never ends, a byte at a time."""
    return chain((bytes([b]) for b in status_line + b"\r\nX-Pad: "), repeat(b"a"))


def trickled_head(conn: socket.socket, head: bytes, stop: threading.Event) -> None:
    trickle(conn, endless_head(b"HTTP/1.1 200 OK"), stop)


def send_in_thread(client: OrgClient, path: str = "/x") -> tuple[threading.Thread, list[str]]:
    """``client.send`` in a thread, so that a request that never ends cannot hang the test."""
    reasons: list[str] = []

    def run() -> None:
        try:
            client.send("discovery", "GET", client.url(path), RequestParts, credentials=False)
            reasons.append("answered")
        except Undecidable as exc:
            reasons.append(str(exc))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, reasons


def overran(host: str, path: str, deadline: str) -> str:
    return (f"{host} did not finish answering {path} within {deadline} s (the deadline for "
            "one request)")


def test_headers_trickled_past_the_deadline_end_the_request_as_undecidable() -> None:
    policy = Policy(timeout=5, connect_timeout=5, deadline=1.5, retries=0)
    with RawServer(trickled_head) as server, OrgClient(server.url, policy=policy) as client:
        thread, reasons = send_in_thread(client)
        thread.join(1.5 + SLACK)
        assert not thread.is_alive(), "the request outlived its deadline"
        assert reasons == [overran(f"127.0.0.1:{server.port}", "/x", "1.5")]
        assert client.exchanges[-1].status is None
        assert client.exchanges[-1].error == reasons[0]


def test_body_bytes_just_inside_the_read_timeout_end_at_the_deadline() -> None:
    def slow_body(conn: socket.socket, head: bytes, stop: threading.Event) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 100\r\n\r\n{")
        while not stop.wait(7.0):  # each byte inside the 10 s per-read timeout
            conn.sendall(b" ")

    policy = Policy(timeout=10, connect_timeout=5, deadline=1.0, retries=0)
    with RawServer(slow_body) as server, OrgClient(server.url, policy=policy) as client:
        thread, reasons = send_in_thread(client)
        thread.join(1.0 + SLACK)  # before: ended when the first byte after the deadline came
        assert not thread.is_alive(), "the request outlived its deadline"
        assert reasons == [overran(f"127.0.0.1:{server.port}", "/x", "1")]
        assert client.exchanges[-1].status == 200


def test_a_tls_handshake_trickled_past_the_deadline_is_undecidable() -> None:
    def handshake(conn: socket.socket, head: bytes, stop: threading.Event) -> None:
        # a TLS handshake record announcing 16 KB, whose bytes then come one at a time
        trickle(conn, chain([b"\x16", b"\x03", b"\x03", b"\x40", b"\x00"], repeat(b"\0")), stop)

    policy = Policy(timeout=10, connect_timeout=10, deadline=1.0, retries=0)
    with RawServer(handshake) as server, OrgClient(f"https://127.0.0.1:{server.port}",
                                                   policy=policy) as client:
        thread, reasons = send_in_thread(client)
        thread.join(1.0 + SLACK)
        assert not thread.is_alive(), "the handshake outlived the request's deadline"
        assert reasons == [overran(f"127.0.0.1:{server.port}", "/x", "1")]


def test_a_proxy_from_the_environment_is_used_and_bounded_by_the_deadline(
        monkeypatch: pytest.MonkeyPatch) -> None:
    policy = Policy(timeout=5, connect_timeout=5, deadline=1.0, retries=0)
    with RawServer(trickled_head) as proxy:
        for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTP_PROXY",
                     "http_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        with OrgClient("https://acme.example.test", policy=policy) as client:
            thread, reasons = send_in_thread(client)
            thread.join(1.0 + SLACK)
            assert not thread.is_alive(), "the proxy's answer outlived the request's deadline"
        assert reasons == [overran("acme.example.test", "/x", "1")]
        # a CONNECT tunnel to the org, nothing else: the proxy never sees a request or its headers
        assert proxy.heads[0].startswith(b"CONNECT acme.example.test:443 HTTP/1.1\r\n")


def test_verify_against_a_token_endpoint_trickling_its_headers_is_unknown(
        tmp_path: Path) -> None:
    def org(conn: socket.socket, head: bytes, stop: threading.Event) -> None:
        if head.startswith(b"GET "):
            url = f"http://127.0.0.1:{conn.getsockname()[1]}"
            body = json.dumps({"issuer": url, "token_endpoint": url + "/oauth2/v1/token"})
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                         b"Content-Length: %d\r\n\r\n%s" % (len(body), body.encode()))
            conn.recv(65536)  # a keep-alive connection: wait for the next request or the end
        trickled_head(conn, head, stop)

    secret = client_secret()
    found: list[VerifyResult] = []
    with RawServer(org) as server:
        thread = threading.Thread(target=lambda: found.append(verify(
            server.url, None, declared(tmp_path, ["okta.users.read"]), secret=secret,
            policy=Policy(timeout=5, connect_timeout=5, deadline=1.0, retries=0))),
            daemon=True)
        thread.start()
        thread.join(2 * (1.0 + SLACK))
        assert not thread.is_alive(), "verify outlived the request's deadline"
    result = found[0]
    assert result.outcome == "unknown" and result.exit_code == 3
    reason = result.reason
    assert reason.endswith("did not finish answering /oauth2/v1/token within 1 s (the "
                           "deadline for one request)")
    assert secret not in reason


@pytest.mark.skipif(importlib.util.find_spec("socksio") is not None,
                    reason="socksio is installed: a SOCKS proxy is usable")
def test_a_socks_proxy_without_socksio_is_a_one_line_reason(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ALL_PROXY", "socks5://127.0.0.1:9")
    with (OrgClient("https://acme.example.test", policy=Policy(retries=0)) as client,
          pytest.raises(Undecidable) as raised):
        client.send("discovery", "GET", client.url("/x"), RequestParts, credentials=False)
    assert str(raised.value) == ("the proxy for acme.example.test failed (the environment's "
                                 "SOCKS proxy needs the socksio package, which is not "
                                 "installed)")
