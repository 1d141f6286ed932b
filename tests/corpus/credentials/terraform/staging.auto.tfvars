okta_org_name  = "acme-staging"
okta_base_url  = "oktapreview.com"
okta_api_token = "00FAKEoinlintTfvarsZq8Lm3Rw7Nd2Kx5Vb9Hc4Jt"   # rotate before 2027-01
okta_client_id = "0oa6fakeoinlintStagingId"
# okta_client_secret = "set in CI"
