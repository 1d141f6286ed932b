"""OIN501/OIN502 judge Okta's calls only (issue 15): another product's ``/api/v1/`` in a file
that never names Okta is not an Okta call, while an Okta operation's path in a file of an Okta
project still is."""

from __future__ import annotations

from pathlib import Path

from oinlint.config import Settings
from oinlint.engine import check

OKTA = '''import os
import requests
from auth import auth

OKTA_ORG_URL = os.environ["OKTA_ORG_URL"]


def users(token):
    return requests.get(f"{OKTA_ORG_URL}/api/v1/groups", headers=auth(token))
'''
ARGO = '''import requests
from auth import auth


def applications(server, token):
    return requests.get(f"https://{server}/api/v1/applications", headers=auth(token))
'''
SYNC = '''import requests
from auth import auth


def deactivate(base, uid, token):
    return requests.post(f"{base}/api/v1/users/{uid}/lifecycle/deactivate", headers=auth(token))
'''


def _hygiene(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, str]]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = check([str(tmp_path)], Settings(root=tmp_path))
    return sorted((Path(f.span.path).name, f.code) for f in result.findings
                  if f.code in ("OIN501", "OIN502"))


def test_another_products_api_in_a_file_without_okta_is_not_judged(tmp_path: Path) -> None:
    assert _hygiene(tmp_path, {"okta_groups.py": OKTA, "argo.py": ARGO}) == [
        ("okta_groups.py", "OIN501"), ("okta_groups.py", "OIN502")]


def test_an_okta_operation_in_another_file_of_an_okta_project_is_judged(tmp_path: Path) -> None:
    assert ("sync.py", "OIN501") in _hygiene(tmp_path, {"okta_groups.py": OKTA, "sync.py": SYNC})


def test_a_project_that_never_names_okta_gets_no_hygiene_finding(tmp_path: Path) -> None:
    assert _hygiene(tmp_path, {"argo.py": ARGO, "sync.py": SYNC}) == []


RUBY_APPS = '''require 'faraday'

module Okta
  class Directory
    def apps(org, token)
      response = Faraday.get("https://#{org}/api/v1/apps", { limit: 200 },
                             { 'Authorization' => "Bearer #{token}" })
      more = more?(response.headers)
      [JSON.parse(response.body), more]
    end

    def more?(headers)
      PAGING
    end
  end
end
'''


def test_a_link_header_read_by_hand_for_next_is_pagination(tmp_path: Path) -> None:
    """``headers['link'].split(',').last.include?('next')`` (Ruby) follows the pages as much
    as a ``rel="next"`` parser does: no OIN502."""
    by_hand = RUBY_APPS.replace("PAGING", "headers['link'].split(',').last.include?('next')")
    assert _hygiene(tmp_path, {"apps.rb": by_hand}) == [("apps.rb", "OIN501")]


def test_a_link_header_that_is_only_named_is_not_pagination(tmp_path: Path) -> None:
    named = RUBY_APPS.replace("PAGING", "headers['link'].nil? ? false : 'more'")
    assert _hygiene(tmp_path, {"apps.rb": named}) == [("apps.rb", "OIN501"), ("apps.rb", "OIN502")]


KANDJI = '''import requests


def get(api_token, base_uri):
    headers = {"Authorization": f"Bearer {api_token}"}
    return requests.get(f"{base_uri}/api/v1/devices", headers=headers).json()
'''


def test_a_list_call_sharing_an_okta_path_in_a_file_without_okta_is_not_paged_per_call(
        tmp_path: Path) -> None:
    """Kandji's ``/api/v1/devices`` is also an Okta list (listDevices): a per-call finding
    needs the call to go through the project's Okta wrapper or a file that shows Okta."""
    found = _hygiene(tmp_path, {"okta_groups.py": OKTA, "kandji.py": KANDJI})
    assert ("kandji.py", "OIN502") not in found
    assert ("okta_groups.py", "OIN502") in found
