"""The cheap test that decides whether a file is worth parsing at all.

Every rule declares the keywords it needs in its YAML (``keywords:``); a file that contains
none of them (case-insensitively) and no API-token-shaped string cannot produce a finding, so
its front end never runs. The pattern is derived from the catalogue, never kept by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from oinlint.catalogue import Catalogue

__all__ = ["Prefilter"]

# An Okta API token is "00" + 40 token characters; the front ends check the rest.
_TOKEN_SHAPE = rb"00[A-Za-z0-9_\-]{40}"


class Prefilter:
    """One compiled, case-insensitive byte regex over every enabled rule's keywords."""

    def __init__(self, keywords: Iterable[str]) -> None:
        self.keywords = tuple(sorted({k.lower() for k in keywords}, key=len, reverse=True))
        parts = [re.escape(k.encode("utf-8")) for k in self.keywords]
        parts.append(_TOKEN_SHAPE)
        self._regex = re.compile(b"|".join(parts), re.IGNORECASE)

    @classmethod
    def for_rules(cls, catalogue: Catalogue, codes: Iterable[str]) -> Prefilter:
        return cls(
            keyword
            for code in codes
            if code in catalogue and catalogue[code].scope != "live"  # live rules read no files
            for keyword in catalogue[code].keywords
        )
    def wants(self, data: bytes) -> bool:
        return self._regex.search(data) is not None
