"""The live checker's HTTP transport: the rules that keep credentials safe and answers honest.

Every request goes through :meth:`OrgClient.send`, which enforces them in one place: TLS
verification always on (httpx's default, never switched off), ``http://`` only for loopback
addresses, no redirects followed, credentials only ever sent to the org's own origin, a timeout
on every read and one total deadline on every request — connect, TLS, headers and body, through
an environment proxy too (see :mod:`oinlint.live._deadline`: a server trickling its answer a
byte at a time never times out a read), a cap on the size of a response body (read as a stream,
so a 1 GB answer costs at most the cap; no compression asked for, and a compressed body the
server sends anyway is inflated a bounded slice at a time), 429s waited out until
``X-Rate-Limit-Reset`` within a bounded budget, 5xx retried with exponential backoff a bounded
number of times. Anything that leaves the answer undecided raises :class:`Undecidable` (the
run's outcome becomes ``unknown``, never "failed").
Sleeping and the clock are injectable so that tests of waits and retries take no time.
"""

from __future__ import annotations

import email.utils
import functools
import ipaddress
import logging
import ssl
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from oinlint._version import __version__
from oinlint.live._deadline import Deadline, DeadlinePassed, DeadlineTransport, proxy_mounts
from oinlint.live.server_text import server_text
from oinlint.redact import redact

__all__ = [
    "Exchange",
    "OrgClient",
    "OrgUrlError",
    "Policy",
    "Reply",
    "Undecidable",
    "is_loopback",
    "normalise_org_url",
]

log = logging.getLogger("oinlint.live")

RETRYABLE = frozenset({500, 502, 503, 504})
MAX_BODY = 1 << 20  # 1 MiB: a token response or a discovery document is a few KB


class _BodyRefused(Exception):
    """The body was not read to its end: too large, or the request's deadline passed."""


class Undecidable(Exception):
    """The org could not be asked or answered oddly: the outcome is ``unknown``."""


class OrgUrlError(ValueError):
    """``--org`` is not a usable org base URL (a usage error, exit 2)."""


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalise_org_url(text: str) -> str:
    """``acme.okta.com`` → ``https://acme.okta.com``; refuse what cannot be an org base URL."""
    raw = text.strip()
    if not raw:
        raise OrgUrlError("--org is empty")
    if "://" not in raw:
        raw = "https://" + raw
    parts = urlsplit(raw)
    if parts.scheme not in ("https", "http"):
        raise OrgUrlError(f"--org must be an https:// URL, not {parts.scheme}://")
    if not parts.hostname:
        raise OrgUrlError(f"--org {text!r} has no host")
    if parts.username or parts.password:
        raise OrgUrlError("--org must not carry credentials in the URL")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise OrgUrlError("--org must use https:// (http:// is refused except for loopback "
                          "addresses such as the emulator)")
    if parts.query or parts.fragment:
        raise OrgUrlError("--org must be the org's base URL, without query or fragment")
    path = parts.path.rstrip("/")
    if path:
        hint = (" (a custom authorization server: OIN API service integrations must use the "
                "org authorization server)" if path.startswith("/oauth2") else "")
        raise OrgUrlError(f"--org must be the org's base URL such as https://acme.okta.com, "
                          f"without a path{hint}")
    try:
        port = parts.port
    except ValueError:
        raise OrgUrlError(f"--org {text!r} has an invalid port") from None
    netloc = parts.hostname.lower()
    if ":" in netloc:
        netloc = f"[{netloc}]"
    if port is not None:
        netloc += f":{port}"
    return f"{parts.scheme}://{netloc}"


def origin_of(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    default = 443 if parts.scheme == "https" else 80
    return parts.scheme, (parts.hostname or "").lower(), parts.port or default


@dataclass(frozen=True)
class Policy:
    """Bounds on patience: per-read timeouts, a total deadline per request (``deadline``;
    ``None``: three times ``timeout``, at least 30 s), the body size cap, 5xx retries, the 429
    wait budget."""

    timeout: float = 10.0
    connect_timeout: float = 5.0
    retries: int = 3
    backoff: float = 0.5
    max_wait: float = 60.0
    max_rate_limited: int = 5
    deadline: float | None = None
    max_body: int = MAX_BODY

    @property
    def request_deadline(self) -> float:
        return self.deadline if self.deadline is not None else max(30.0, 3 * self.timeout)


@dataclass(frozen=True)
class Exchange:
    """One HTTP request made, as recorded for the report: never headers or bodies."""

    step: str
    method: str
    path: str
    status: int | None
    attempt: int = 1
    error: str | None = None
    scopes: tuple[str, ...] = ()
    result: str | None = None
    elapsed: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"step": self.step, "method": self.method, "path": self.path,
                "status": self.status, "attempt": self.attempt, "error": self.error,
                "scopes": list(self.scopes), "result": self.result,
                "elapsed_ms": round(self.elapsed * 1000, 1)}


@dataclass
class RequestParts:
    """What to send; built afresh for each attempt (assertions and DPoP proofs are one-use)."""

    headers: dict[str, str] = field(default_factory=dict)
    form: Mapping[str, str] | None = None
    auth: tuple[str, str] | None = None


@dataclass
class Reply:
    status: int
    headers: httpx.Headers
    body: bytes
    index: int  # position of this answer in OrgClient.exchanges

    def json(self, what: str) -> Any:
        """The body as JSON; an unparseable body makes the run undecidable."""
        try:
            return httpx.Response(self.status, content=self.body).json()
        except ValueError:
            raise Undecidable(f"the {what} answered HTTP {self.status} with a body that is "
                              "not valid JSON") from None
        except RecursionError:  # e.g. 100,000 nested arrays: the parser's stack runs out
            raise Undecidable(f"the {what} answered HTTP {self.status} with JSON nested too "
                              "deeply to read") from None


class OrgClient:
    """Talks to one org (its origin only) under :class:`Policy`."""

    def __init__(self, org_url: str, *, policy: Policy | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.time,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.org_url = normalise_org_url(org_url)
        self.origin = origin_of(self.org_url)
        self.host = urlsplit(self.org_url).netloc
        self.policy = policy or Policy()
        self._sleep, self._clock = sleep, clock
        self.exchanges: list[Exchange] = []
        self.waited = 0.0
        self._rate_limited = 0
        self._deadline = Deadline(self.policy.request_deadline)
        loopback = is_loopback(self.origin[1])
        verify = _tls_context(not loopback)  # certificate verification is never switched off
        mounts: Mapping[str, httpx.BaseTransport | None] = {}
        if transport is None:
            transport = DeadlineTransport(self._deadline, verify=verify)
            # proxies from the environment, not for 127/8: only ever a CONNECT tunnel to the
            # org (http:// is loopback-only), so credentials stay inside TLS to the org
            mounts = {} if loopback else proxy_mounts(self._deadline, verify)
        self._http = httpx.Client(
            verify=verify,
            follow_redirects=False,
            timeout=httpx.Timeout(self.policy.timeout, connect=self.policy.connect_timeout),
            trust_env=not loopback,
            transport=transport,
            mounts=mounts,
            # identity: a token answer is a few KB, and nothing to inflate is nothing to bomb
            headers={"User-Agent": _user_agent(), "Accept": "application/json",
                     "Accept-Encoding": "identity"},
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> OrgClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def url(self, path: str) -> str:
        return self.org_url + path

    def same_origin(self, url: str) -> bool:
        return origin_of(url) == self.origin

    def send(self, step: str, method: str, url: str, build: Callable[[], RequestParts], *,
             credentials: bool, scopes: tuple[str, ...] = (),
             classify: Callable[[Reply], str | None] | None = None) -> Reply:
        """Send one logical request, retrying 429/5xx within the policy's bounds."""
        if not self.same_origin(url):
            raise Undecidable(f"refused to send a request to {urlsplit(url).netloc}, which is "
                              f"not the org {self.host}" +
                              ("; no credentials were sent" if credentials else ""))
        parts = urlsplit(url)
        shown = parts.path + (f"?{parts.query}" if parts.query else "")
        attempt = 0
        while True:
            attempt += 1
            spec = build()
            started = self._clock()
            status: int | None = None
            self._deadline.start()
            try:
                with self._http.stream(method, url, headers=spec.headers, data=spec.form,
                                       auth=spec.auth) as response:
                    status = response.status_code
                    body = self._read_body(response, shown)
            except (httpx.HTTPError, _BodyRefused) as exc:
                reason = (str(exc) if isinstance(exc, _BodyRefused)
                          else self._overran(shown) if _deadline_passed(exc)
                          else self._transport_error(exc))
                self._record(Exchange(step, method, shown, status, attempt, reason, scopes,
                                      elapsed=self._clock() - started))
                raise Undecidable(reason) from None
            reply = Reply(response.status_code, response.headers, body, len(self.exchanges))
            result = classify(reply) if classify else None
            self._record(Exchange(step, method, shown, reply.status, attempt, None, scopes,
                                  result, elapsed=self._clock() - started))
            if 300 <= reply.status < 400:
                target = _redirect_target(reply.headers.get("location", ""))
                raise Undecidable(
                    f"{shown} answered HTTP {reply.status}, a redirect to {target}; redirects "
                    "are not followed" + (" and no credentials were sent there"
                                          if credentials else ""))
            if reply.status == 429:
                self._wait_for_reset(reply, shown)
                continue
            if reply.status in RETRYABLE:
                if attempt > self.policy.retries:
                    raise Undecidable(f"{shown} answered HTTP {reply.status} "
                                      f"{attempt} times in a row")
                self._sleep(self.policy.backoff * 2 ** (attempt - 1))
                continue
            return reply

    def _read_body(self, response: httpx.Response, shown: str) -> bytes:
        """The body, read raw chunk by chunk and inflated a bounded slice at a time: stop at
        the size cap (on the bytes received and on the bytes they inflate to) or the request's
        deadline (the real monotonic clock, whatever clock is injected)."""
        cap = self.policy.max_body
        too_large = _BodyRefused(f"{self.host} answered {shown} with a body over "
                                 f"{_size(cap)}; the rest was not read")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise too_large
        inflate = _inflater(response.headers.get("content-encoding", ""), self.host, shown)
        chunks: list[bytes] = []
        received = size = 0
        try:
            for raw in response.iter_raw():
                received += len(raw)
                chunk = inflate.decompress(raw, cap + 1 - size) if inflate else raw
                size += len(chunk)
                if received > cap or size > cap:
                    raise too_large
                chunks.append(chunk)
                if self._deadline.left() <= 0:
                    raise _BodyRefused(self._overran(shown))
            tail = inflate.flush() if inflate else b""
        except zlib.error:
            raise _BodyRefused(f"{self.host} answered {shown} with a compressed body that "
                               "does not inflate") from None
        if size + len(tail) > cap:
            raise too_large
        return b"".join(chunks) + tail

    def _overran(self, shown: str) -> str:
        return (f"{self.host} did not finish answering {shown} within "
                f"{self.policy.request_deadline:g} s (the deadline for one request)")

    def _record(self, exchange: Exchange) -> None:
        self.exchanges.append(exchange)
        status = exchange.status if exchange.status is not None else exchange.error
        log.debug(redact(f"{exchange.method} {self.host}{exchange.path} -> {status}"))

    def _transport_error(self, exc: httpx.HTTPError) -> str:
        host = self.host
        if isinstance(exc, httpx.TimeoutException):
            return f"{host} did not answer within {self.policy.timeout:g} s"
        chain: list[BaseException] = []
        cursor: BaseException | None = exc
        while cursor is not None and len(chain) < 8:
            chain.append(cursor)
            cursor = cursor.__cause__ or cursor.__context__
        if any(isinstance(e, ssl.SSLError) for e in chain) or any(
                "CERTIFICATE_VERIFY_FAILED" in str(e) or "SSL" in str(e) for e in chain):
            return f"TLS verification failed for {host}"
        if isinstance(exc, httpx.ConnectError):
            detail = " ".join(str(exc).split())[:120]
            return f"could not connect to {host}" + (f" ({detail})" if detail else "")
        if isinstance(exc, httpx.ProxyError):
            detail = server_text(" ".join(str(exc).split()), 120)
            return f"the proxy for {host} failed" + (f" ({detail})" if detail else "")
        if isinstance(exc, httpx.RemoteProtocolError):
            return f"{host} closed the connection without a valid HTTP answer"
        return f"request to {host} failed: {type(exc).__name__}"

    def _wait_for_reset(self, reply: Reply, shown: str) -> None:
        self._rate_limited += 1
        now = self._server_now(reply)
        try:
            reset = float(reply.headers.get("x-rate-limit-reset", ""))
            wait = max(0.0, reset - now) + 1.0  # Okta's SDKs add a second of margin
        except ValueError:
            wait = self.policy.backoff * 2 ** (self._rate_limited - 1)
        if (self._rate_limited > self.policy.max_rate_limited
                or self.waited + wait > self.policy.max_wait):
            raise Undecidable(
                f"rate-limited by the org (HTTP 429 on {shown}): waiting {wait:.0f} s more for "
                f"X-Rate-Limit-Reset would exceed the {self.policy.max_wait:g} s wait budget")
        self.waited += wait
        self._sleep(wait)

    def _server_now(self, reply: Reply) -> float:
        date = reply.headers.get("date")
        if date:
            try:
                return email.utils.parsedate_to_datetime(date).timestamp()
            except (TypeError, ValueError):
                pass
        return self._clock()


def _deadline_passed(exc: BaseException) -> bool:
    """Whether the request's total deadline (not one read's timeout) ended ``exc``."""
    cursor: BaseException | None = exc
    for _ in range(8):
        if cursor is None:
            return False
        if isinstance(cursor, DeadlinePassed):
            return True
        cursor = cursor.__cause__ or cursor.__context__
    return False


def _inflater(encoding: str, host: str, shown: str) -> Any:
    """A bounded decoder for a ``Content-Encoding`` sent although only identity was accepted:
    gzip and deflate (the standard library's), anything else refused; ``None``: identity."""
    name = encoding.strip().lower()
    if name in ("", "identity"):
        return None
    if name in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if name == "deflate":
        return zlib.decompressobj(32 + zlib.MAX_WBITS)  # zlib-wrapped (RFC 9110), or gzip
    raise _BodyRefused(f"{host} answered {shown} with Content-Encoding "
                       f"{server_text(encoding, 40)}, which was not asked for")


@functools.cache
def _tls_context(trust_env: bool) -> ssl.SSLContext:
    """httpx's verifying context (certifi, or SSL_CERT_FILE/DIR), built once per process."""
    context = httpx.create_ssl_context(verify=True, trust_env=trust_env)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    return context


def _redirect_target(location: str) -> str:
    """Where a redirect points (its host), as shown: the org's text, so escaped and short."""
    try:
        host = urlsplit(location).netloc
    except ValueError:
        host = ""
    return server_text(host, 80) or "?"


def _size(count: int) -> str:
    return f"{count / (1 << 20):g} MiB" if count >= 1 << 20 else f"{count:,} bytes"


def _user_agent() -> str:
    return f"oinlint/{__version__} (live check)"
