from okta.client import Client as OktaClient

PRIVATE_KEY = """-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQFAKEoinlintKEY
FAKEoinlintNOTaREALkeyDoNotUseThisIsCorpusDataOnlyQWxhZGRpbjEyMw
-----END PRIVATE KEY-----
"""

client = OktaClient({
    "orgUrl": "https://acme-dev.oktapreview.com",
    "authorizationMode": "PrivateKey",
    "clientId": "0oa8fakeoinlintCl1d",
    "scopes": ["okta.users.read"],
    "privateKey": PRIVATE_KEY,
})
