"""Issue 13, item 13: the live checker's client against a hostile server on loopback: a small
gzip body that inflates to tens of MB is capped on its decoded bytes."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from oinlint.live.client import MAX_BODY, OrgClient, Policy, RequestParts, Undecidable

INFLATED = 24 << 20  # 24 MiB of zeros: about 24 KB compressed


class _GzipBomb(BaseHTTPRequestHandler):
    body = gzip.compress(b"\0" * INFLATED, compresslevel=9)

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

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
