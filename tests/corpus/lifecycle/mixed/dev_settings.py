OKTA_ORG_URL = "https://initech.okta.com"
OKTA_TOKEN_URL = "http://initech.okta.com/oauth2/v1/token"
OKTA_API = OKTA_ORG_URL + "/api/v1"
