"""The cheap test that decides whether a file is worth parsing at all.

Every rule declares the keywords it needs in its YAML (``keywords:``); a file that contains
none of them (case-insensitively) and no API-token-shaped string cannot produce a finding, so
its front end never runs. The keyword set is derived from the catalogue, never kept by hand.

The file is lower-cased once and searched once for all keywords with an Aho–Corasick automaton
(``ahocorasick_rs``: Rust's SIMD multi-literal search). Why not the stdlib: one ``re``
alternation tries every alternative at every byte (measured 1.7x slower than what it replaced,
25x with ``IGNORECASE``), and one ``bytes.__contains__`` per keyword is one pass per keyword:
48 keywords made the prefilter 1.4 s of a Django run, the automaton 0.08 s. Without the wheel
(a platform it is not built for) the per-keyword search is the fallback, with the same answers.
Keywords that contain a shorter keyword add nothing and are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from oinlint import credentials
from oinlint.rules.catalogue import Catalogue

try:
    import ahocorasick_rs
except ImportError:  # pragma: no cover - the wheel is a dependency; this is the fallback
    ahocorasick_rs = None  # type: ignore[assignment]

__all__ = ["Prefilter"]

# An Okta API token is "00" + 40 token characters (credentials.API_TOKEN, as bytes); a match must
# also pass the front ends' own test, or hex digests and migration names would send every file
# that has one to the parser.
# The leading look-behind of API_TOKEN is checked by hand: a pattern that starts with a literal
# lets ``re`` skip ahead to each "00" instead of trying the look-behind at every byte (20x).
_TOKEN_SHAPE = re.compile(rb"00[A-Za-z0-9_\-]{40}(?![A-Za-z0-9_\-])")
_TOKEN_CHARS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def _minimal(keywords: Iterable[str]) -> tuple[str, ...]:
    """The keywords no other keyword is a substring of, shortest (most likely to hit) first."""
    unique = sorted({k.lower() for k in keywords if k}, key=lambda k: (len(k), k))
    kept: list[str] = []
    for keyword in unique:
        if not any(shorter in keyword for shorter in kept):
            kept.append(keyword)
    return tuple(kept)


class Prefilter:
    """Case-insensitive keyword test over raw bytes, plus the API-token shape."""

    def __init__(self, keywords: Iterable[str]) -> None:
        self.keywords = _minimal(keywords)
        self._needles = tuple(k.encode("utf-8") for k in self.keywords)
        self._automaton = (ahocorasick_rs.BytesAhoCorasick(list(self._needles))
                           if ahocorasick_rs is not None and self._needles else None)

    @classmethod
    def for_rules(cls, catalogue: Catalogue, codes: Iterable[str],
                  extra: Iterable[str] = ()) -> Prefilter:
        """``extra``: the configured custom Okta domains (a file naming one is Okta code)."""
        return cls((
            *(keyword
              for code in codes
              if code in catalogue and catalogue[code].scope != "live"  # live rules read no files
              for keyword in catalogue[code].keywords),
            *extra))

    def wants(self, data: bytes) -> bool:
        return self.has_keyword(data) or self.has_token(data)

    def has_keyword(self, data: bytes) -> bool:
        lowered = data.lower()  # ASCII only, like re.IGNORECASE on bytes
        if self._automaton is not None:
            return bool(self._automaton.find_matches_as_indexes(lowered))
        return self.has_keyword_slowly(lowered)

    def has_keyword_slowly(self, lowered: bytes) -> bool:
        """The fallback, one search per keyword (and the tests' reference)."""
        return any(needle in lowered for needle in self._needles)

    @staticmethod
    def has_token(data: bytes) -> bool:
        """An API-token-shaped string that passes the front ends' own test."""
        for match in _TOKEN_SHAPE.finditer(data):
            start = match.start()
            if start and data[start - 1] in _TOKEN_CHARS:
                continue
            if credentials.is_api_token(match.group(0).decode("ascii")):
                return True
        return False
