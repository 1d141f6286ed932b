"""pytest plugin (entry point ``pytest11: oinlint``): an emulated Okta org for your tests.

Installed with oinlint, it gives every test suite the ``okta_test_org`` fixture: a running
:class:`~oinlint.live.emulator.Emulator` on 127.0.0.1, torn down after the test::

    def test_lists_users(okta_test_org):
        client = okta_test_org.add_client(scopes=["okta.users.read"])
        users = my_integration.list_users(okta_test_org.url, client.client_id,
                                          client.client_secret)
        assert okta_test_org.token_requests[0].scopes == ("okta.users.read",)

Configure the org for one test with ``@pytest.mark.okta_org({...})`` (an ``org.yaml`` mapping)
or ``@pytest.mark.okta_org("tests/org.yaml")`` (a path).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from oinlint.live.emulator import Emulator

__all__ = ["okta_test_org"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "okta_org(config): the okta_test_org fixture's org — an org.yaml mapping or a path")


def _config_from(request: pytest.FixtureRequest) -> Any:
    marker = request.node.get_closest_marker("okta_org")
    if marker is None:
        return None
    value = marker.args[0] if marker.args else dict(marker.kwargs)
    if isinstance(value, str | Path):
        return yaml.safe_load(Path(value).read_text(encoding="utf-8")) or {}
    return value


@pytest.fixture
def okta_test_org(request: pytest.FixtureRequest) -> Iterator[Emulator]:
    """A running emulated Okta org: ``.url``, ``.add_client()``, ``.token_requests``, …"""
    with Emulator(_config_from(request)) as org:
        yield org
