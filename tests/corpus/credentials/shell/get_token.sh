#!/usr/bin/env bash
# Client credentials against the org authorization server.
# Never do this again:
#   curl -H "Authorization: SSWS $OKTA_API_TOKEN" "https://$OKTA_ORG/api/v1/users"
set -euo pipefail

token=$(curl -sS --fail -u "${OKTA_CLIENT_ID}:${OKTA_CLIENT_SECRET}" \
  -d grant_type=client_credentials \
  -d scope=okta.users.read \
  "https://${OKTA_ORG}/oauth2/v1/token" | jq -r .access_token)

curl -sS --fail -H "Authorization: Bearer ${token}" "https://${OKTA_ORG}/api/v1/users?limit=1"
echo "note: SSWS API tokens are no longer supported by this script" >&2
