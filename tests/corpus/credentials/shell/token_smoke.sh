#!/usr/bin/env bash
# Smoke test for the staging integration (run by hand).
set -euo pipefail
ORG=acme-staging.oktapreview.com
CLIENT_ID=0oa5fakeoinlintSmokeId
CLIENT_SECRET='FAKE-oinlint-smoke-Q2hbV9xRtM4nLp7KsW3dYz'

access_token=$(curl -sS --fail -u "${CLIENT_ID}:${CLIENT_SECRET}" \
  -d 'grant_type=client_credentials&scope=okta.users.read' \
  "https://${ORG}/oauth2/v1/token" | jq -r .access_token)

# httpie: the same call with the legacy token, kept for comparison
http --check-status GET "https://${ORG}/api/v1/users?limit=1" \
  "Authorization:SSWS ${LEGACY_TOKEN:-}" Accept:application/json

curl -sS -H "Authorization: Bearer ${access_token}" "https://${ORG}/api/v1/users?limit=1"
if [[ "${access_token}" == SSWS* ]]; then echo "Authorization: SSWS is not a Bearer token"; fi
