#!/usr/bin/env bash
# Fail the build if anything still uses Okta API tokens.
set -uo pipefail

if grep -rnE 'Authorization: SSWS|OKTA_API_TOKEN|OKTA_CLIENT_TOKEN' src/ deploy/; then
  echo "error: found SSWS / API-token usage (see above); migrate to OAuth 2.0" >&2
  exit 1
fi
echo "ok: no Okta API tokens referenced"
