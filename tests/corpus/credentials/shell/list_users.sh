#!/usr/bin/env bash
# List active users of the org (ops helper, not part of the integration).
set -euo pipefail
: "${OKTA_ORG:?set OKTA_ORG, e.g. acme.okta.com}"
: "${OKTA_API_TOKEN:?set OKTA_API_TOKEN}"

curl -sS --fail \
  -H "Accept: application/json" \
  -H "Authorization: SSWS ${OKTA_API_TOKEN}" \
  "https://${OKTA_ORG}/api/v1/users?filter=status%20eq%20%22ACTIVE%22&limit=200" \
  | jq -r '.[].profile.login'
