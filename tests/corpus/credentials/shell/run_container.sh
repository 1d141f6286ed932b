#!/bin/sh
# Writes the service's runtime config from the CI secret store, then starts it.
: "${OKTA_CLIENT_ID:?}" "${OKTA_CLIENT_SECRET:?}"

cat > /etc/acme/okta.env <<EOF
OKTA_CLIENT_ID=${OKTA_CLIENT_ID}
OKTA_CLIENT_SECRET=${OKTA_CLIENT_SECRET}
EOF

cat <<'USAGE'
Usage: run_container.sh
  Needs OKTA_CLIENT_ID and OKTA_CLIENT_SECRET; OKTA_API_TOKEN=<token> is no longer read.
  Never pass -H "Authorization: SSWS ..." to the sync container.
USAGE

docker run --rm \
  -e OKTA_CLIENT_ID \
  -e OKTA_CLIENT_SECRET \
  -e OKTA_CLIENT_TOKEN \
  --env-file /etc/acme/okta.env \
  acme/sync:4.2  # OKTA_API_TOKEN support was removed in 4.0
