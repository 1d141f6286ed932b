#!/bin/sh
# Local development against the shared dev tenant.
export OKTA_ORG_URL="https://acme-dev.oktapreview.com"
export OKTA_CLIENT_ID="0oa9fakeoinlintDevId"
export OKTA_API_TOKEN="00FAKE-oinlint-4EutNVbfN5KlZcbd4Rh2O4VJp1K"
export OKTA_CLIENT_SECRET="FAKE-oinlint-stg-MNOOVnWLkTzYkSEL3lTgWD1"
export LOG_LEVEL=debug

exec python -m acme_sync --org "$OKTA_ORG_URL"
