"""The fields every test submission file starts with: a valid OIN listing up to its scopes.

Tests append their own ``scopes:`` block, so each one states only what it is about.
"""

from __future__ import annotations

SUBMISSION_FIELDS = """\
name: Acme Access Review
description: Reviews who can reach what in your Okta org, nightly.
config_guide_url: https://docs.acme-access-review.io/okta-setup
support_email: okta-escalations@acme-access-review.io
auth:
  method: client_secret_basic
"""
