"""One total deadline for a whole request: connect, TLS handshake, write, headers and body.

httpx bounds each socket operation (a read, a write, the connect) but not their sum, so a server
that trickles its status line one byte at a time keeps a request alive for ever. Here every
socket operation is given ``min(its own timeout, the time left until the deadline)``, through an
httpcore network backend that every connection pool of the client uses — the direct one and the
one through an environment proxy alike — so no part of a request escapes the deadline. Running
out raises :class:`DeadlinePassed`, which the client reports as the request's deadline.
"""

from __future__ import annotations

import ipaddress
import ssl
import time
import typing
import urllib.request
from collections.abc import Iterable, Iterator, Mapping

import httpcore
import httpx

__all__ = ["Deadline", "DeadlinePassed", "DeadlineTransport", "proxy_mounts"]


class DeadlinePassed(httpcore.TimeoutException):
    """The request's total deadline passed (httpx reports it as a ``TimeoutException``)."""


class Deadline:
    """The current request's deadline on the monotonic clock; :meth:`start` it per request."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._ends = time.monotonic() + seconds

    def start(self) -> None:
        self._ends = time.monotonic() + self.seconds

    def left(self) -> float:
        return self._ends - time.monotonic()

    def bound(self, timeout: float | None) -> float:
        """The timeout for one socket operation: never beyond the deadline."""
        left = self.left()
        if left <= 0:
            raise DeadlinePassed(f"the {self.seconds:g} s deadline passed")
        return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every operation ends by the deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._inner, self._deadline = inner, deadline

    def _run(self, timeout: float | None, call: typing.Callable[[float], typing.Any]) -> typing.Any:
        bounded = self._deadline.bound(timeout)
        try:
            return call(bounded)
        except httpcore.TimeoutException:
            if self._deadline.left() <= 0:
                raise DeadlinePassed(f"the {self._deadline.seconds:g} s deadline passed") from None
            raise

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data: bytes = self._run(timeout, lambda t: self._inner.read(max_bytes, t))
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._run(timeout, lambda t: self._inner.write(buffer, t))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        inner: httpcore.NetworkStream = self._run(
            timeout, lambda t: self._inner.start_tls(ssl_context, server_hostname, t))
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.SyncBackend):
    """httpcore's socket backend, with every connection bounded by the deadline."""

    def __init__(self, deadline: Deadline) -> None:
        self._deadline = deadline

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[typing.Any] | None = None,
                    ) -> httpcore.NetworkStream:
        bounded = self._deadline.bound(timeout)
        try:
            stream = super().connect_tcp(host, port, bounded, local_address, socket_options)
        except httpcore.TimeoutException:
            if self._deadline.left() <= 0:
                raise DeadlinePassed(f"the {self._deadline.seconds:g} s deadline passed") from None
            raise
        return _DeadlineStream(stream, self._deadline)


# httpcore's exceptions as httpx's, most specific first (what httpx's own transport does).
_AS_HTTPX: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ProxyError, httpx.ProxyError),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
)


def _raise_as_httpx(exc: Exception) -> typing.NoReturn:
    for source, target in _AS_HTTPX:
        if isinstance(exc, source):
            raise target(str(exc)) from exc
    raise exc


class _Body(httpx.SyncByteStream):
    def __init__(self, inner: Iterable[bytes]) -> None:
        self._inner = inner

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._inner
        except Exception as exc:  # the same mapping as for the headers
            _raise_as_httpx(exc)

    def close(self) -> None:
        close = getattr(self._inner, "close", None)
        if close is not None:
            close()


class DeadlineTransport(httpx.BaseTransport):
    """An httpx transport over an httpcore pool (direct, or through ``proxy``) whose
    connections all end by ``deadline``."""

    def __init__(self, deadline: Deadline, *, verify: ssl.SSLContext,
                 proxy: str | None = None) -> None:
        backend = _DeadlineBackend(deadline)
        self._pool: httpcore.ConnectionPool
        self._unusable = ""
        if proxy is None:
            self._pool = httpcore.ConnectionPool(ssl_context=verify, network_backend=backend)
            return
        spec = httpx.Proxy(url=proxy)
        url = httpcore.URL(scheme=spec.url.raw_scheme, host=spec.url.raw_host,
                           port=spec.url.port, target=spec.url.raw_path)
        if spec.url.scheme in ("socks5", "socks5h"):
            try:
                self._pool = httpcore.SOCKSProxy(proxy_url=url, proxy_auth=spec.raw_auth,
                                                 ssl_context=verify, network_backend=backend)
            except (ImportError, RuntimeError):  # no socksio: say so on the first request
                self._pool = httpcore.ConnectionPool(ssl_context=verify, network_backend=backend)
                self._unusable = ("the environment's SOCKS proxy needs the socksio package, "
                                  "which is not installed")
        else:
            self._pool = httpcore.HTTPProxy(proxy_url=url, proxy_auth=spec.raw_auth,
                                            proxy_headers=spec.headers.raw, ssl_context=verify,
                                            proxy_ssl_context=spec.ssl_context,
                                            network_backend=backend)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.SyncByteStream)
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=request.url.raw_scheme, host=request.url.raw_host,
                             port=request.url.port, target=request.url.raw_path),
            headers=request.headers.raw, content=request.stream,
            extensions=request.extensions)
        if self._unusable:
            raise httpx.ProxyError(self._unusable)
        try:
            answer = self._pool.handle_request(core)
        except Exception as exc:
            _raise_as_httpx(exc)
        assert isinstance(answer.stream, Iterable)
        return httpx.Response(status_code=answer.status, headers=answer.headers,
                              stream=_Body(answer.stream), extensions=answer.extensions)

    def close(self) -> None:
        self._pool.close()


def proxy_mounts(deadline: Deadline, verify: ssl.SSLContext
                 ) -> Mapping[str, httpx.BaseTransport | None]:
    """The environment's proxies (HTTP(S)_PROXY, ALL_PROXY, NO_PROXY) as httpx mounts, each
    bounded by ``deadline``: the routing httpx itself applies with ``trust_env``, which it
    switches off as soon as a transport of one's own is given."""
    found = urllib.request.getproxies()
    mounts: dict[str, httpx.BaseTransport | None] = {}
    for scheme in ("http", "https", "all"):
        if found.get(scheme):
            url = found[scheme] if "://" in found[scheme] else f"http://{found[scheme]}"
            mounts[f"{scheme}://"] = DeadlineTransport(deadline, verify=verify, proxy=url)
    for host in (part.strip() for part in found.get("no", "").split(",")):
        if host == "*":
            return {}
        if host:
            mounts[_no_proxy_pattern(host)] = None
    return mounts


def _no_proxy_pattern(host: str) -> str:
    """A NO_PROXY entry as an httpx URL pattern (curl's rules, as httpx reads them)."""
    if "://" in host:
        return host
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return f"all://{host}" if host.lower() == "localhost" else f"all://*{host}"
    return f"all://[{host}]" if address.version == 6 else f"all://{host}"
