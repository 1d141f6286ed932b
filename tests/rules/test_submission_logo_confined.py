"""A logo path is untrusted input (issue 13): one that resolves outside the project (``..``,
an absolute path, a symbolic link) is reported (OIN606) and never opened or stat'ed."""

from __future__ import annotations

from pathlib import Path

import pytest

from oinlint.submission import load_project_submission

SUBMISSION = """name: Acme Access Review
description: Reviews who can reach which Okta apps, nightly, and reports drift.
config_guide_url: https://docs.acme-access-review.io/okta-setup
support_email: okta-escalations@acme-access-review.io
logo: {logo}
auth:
  method: client_secret_basic
scopes:
  - name: okta.users.read
    reason: List users to build the access review.
"""


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def _logo_messages(project: Path) -> list[str]:
    submission = load_project_submission(project)
    assert submission is not None
    return [p.message for p in submission.problems if "logo" in p.message]


@pytest.mark.parametrize("how", ["dotdot", "absolute", "symlink"])
def test_a_logo_outside_the_project_is_reported_and_not_read(tmp_path: Path, how: str) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.png").write_bytes(b"not an image at all, private")
    project = tmp_path / "project"
    project.mkdir()
    logo = {"dotdot": "../elsewhere/secret.png", "absolute": str(outside / "secret.png"),
            "symlink": "logo.png"}[how]
    if how == "symlink":
        (project / "logo.png").symlink_to(outside / "secret.png")
    (project / "oin-submission.yaml").write_text(SUBMISSION.format(logo=logo), encoding="utf-8")
    messages = _logo_messages(project)
    assert len(messages) == 1 and "outside the project folder; not read" in messages[0]


def test_a_logo_in_a_subfolder_of_the_project_is_checked(tmp_path: Path) -> None:
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "logo.png").write_bytes(_png())
    (tmp_path / "oin-submission.yaml").write_text(SUBMISSION.format(logo="brand/logo.png"),
                                                  encoding="utf-8")
    assert _logo_messages(tmp_path) == []
