"""Issue 13, item 13: the live checker's client against a hostile server on loopback: a small
gzip body that inflates to tens of MB is capped on its decoded bytes, and never inflated past
the cap in memory; no compression is asked for, and one not asked for and not known is refused."""

from __future__ import annotations

import gzip
import threading
import tracemalloc
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from oinlint.live.client import MAX_BODY, OrgClient, Policy, RequestParts, Undecidable

INFLATED = 24 << 20  # 24 MiB of zeros: about 24 KB compressed


class _GzipBomb(BaseHTTPRequestHandler):
    body = gzip.compress(b"\0" * INFLATED, compresslevel=9)
    small = gzip.compress(b'{"issuer": "x"}')
    asked: ClassVar[list[str]] = []  # the Accept-Encoding of each request

    def do_GET(self) -> None:
        self.asked.append(self.headers.get("accept-encoding", ""))
        encoding, body = {"/small": ("gzip", self.small),
                          "/brotli": ("br", b"\x1b\x00\x00")}.get(self.path, ("gzip", self.body))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def bomb_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _GzipBomb)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_gzip_bomb_is_capped_on_its_decoded_bytes(bomb_url: str) -> None:
    assert len(_GzipBomb.body) < MAX_BODY  # the compressed body alone is under the cap
    with OrgClient(bomb_url, policy=Policy(timeout=5, retries=0)) as client:
        with pytest.raises(Undecidable, match="with a body over 1 MiB; the rest was not read"):
            client.send("discovery", "GET", client.url("/x"), RequestParts, credentials=False)
        assert client.exchanges[-1].status == 200


def test_a_gzip_bomb_is_never_inflated_past_the_cap_in_memory(bomb_url: str) -> None:
    with OrgClient(bomb_url, policy=Policy(timeout=5, retries=0)) as client:
        tracemalloc.start()
        try:
            with pytest.raises(Undecidable, match="with a body over 1 MiB"):
                client.send("discovery", "GET", client.url("/x"), RequestParts,
                            credentials=False)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 4 * MAX_BODY  # before: one network chunk inflated to over 20 MiB at once


def test_no_compression_is_asked_for(bomb_url: str) -> None:
    _GzipBomb.asked.clear()
    with OrgClient(bomb_url, policy=Policy(timeout=5, retries=0)) as client:
        reply = client.send("discovery", "GET", client.url("/small"), RequestParts,
                            credentials=False)
    assert _GzipBomb.asked == ["identity"]
    assert reply.json("discovery document") == {"issuer": "x"}  # sent anyway: still read


def test_an_encoding_not_asked_for_and_not_known_is_undecidable(bomb_url: str) -> None:
    with (OrgClient(bomb_url, policy=Policy(timeout=5, retries=0)) as client,
          pytest.raises(Undecidable) as raised):
        client.send("discovery", "GET", client.url("/brotli"), RequestParts, credentials=False)
    assert str(raised.value) == (f"{client.host} answered /brotli with Content-Encoding br, "
                                 "which was not asked for")
