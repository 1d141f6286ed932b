#!/usr/bin/env bash
set -euo pipefail

export AWS_REGION=us-east-1
export OKTA_CLIENT_ORGURL="https://acme.okta.com"
export OKTA_CLIENT_TOKEN="$(vault kv get -field=token secret/okta/acme)"

helm upgrade --install acme-sync ./chart \
  --set okta.orgUrl="$OKTA_CLIENT_ORGURL" \
  --wait
