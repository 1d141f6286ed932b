#!/usr/bin/env bash
# Nightly group sync for the Acme tenant.
# Old way (do not restore): curl -H "Authorization: SSWS $OKTA_API_TOKEN" ...
set -euo pipefail

OKTA_ORG="${OKTA_ORG:-acme.okta.com}"
legacy_token="$(cat /run/secrets/okta_legacy_token)"   # SSWS token, rotated weekly
AUTH_HEADER="Authorization: SSWS ${legacy_token}"

echo "use SSWS tokens? no, but this job still does"   # a message, not a header
log() { printf '%s Authorization: SSWS redacted\n' "$(date -u +%FT%TZ)" >&2; }

list_groups() {
  curl -sS --fail \
    -H "Accept: application/json" \
    -H "${AUTH_HEADER}" \
    "https://${OKTA_ORG}/api/v1/groups?limit=200"
}

log
list_groups | jq -r '.[].profile.name'
