# frozen_string_literal: true

# Okta settings for the OIN integration. Secrets come from the environment in production;
# the defaults below are for local development only.
OKTA_ORG = ENV.fetch("OKTA_ORG", "acme-dev.oktapreview.com")
OKTA_CLIENT_ID = ENV.fetch("OKTA_CLIENT_ID", "0oa5fakeoinlintRbLocal")
OKTA_CLIENT_SECRET = ENV.fetch("OKTA_CLIENT_SECRET", "FAKEoinlintRubyLocalDefault_Ws4Kx9")
OKTA_CLIENT_SECRET_NAME = "OKTA_CLIENT_SECRET"

# Admin console (private_key_jwt), dev key only.
OKTA_ADMIN_PRIVATE_KEY = <<~PEM
  -----BEGIN PRIVATE KEY-----
  MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDFAKEoinlintNOTaREALkey0123456789
  abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZFAKEoinlintNOTaREALkey01234567
  -----END PRIVATE KEY-----
PEM

OKTA_BEARER_CLIENT = Oktakit.new(access_token: ENV["OKTA_ACCESS_TOKEN"], organization: "acme-dev")
