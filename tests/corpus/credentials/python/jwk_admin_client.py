"""Internal admin client (plain API Services app, private_key_jwt): not the OIN integration."""

from okta.client import Client as OktaClient

ADMIN_JWK = {
    "kty": "RSA",
    "kid": "oinlint-fake-admin-kid",
    "alg": "RS256",
    "e": "AQAB",
    "n": "FAKEoinlintModulus_s8Xw2Lq7Zt4Vn9Kc3Rp6Jm1Hd5Bf0Gy8Uw2Ea7Tq4Lz9Xc6Vb3Nm1Kp8Rs5Dt2Wf7",
    "d": "FAKEoinlintPrivateExponent-Qm4Xr8Lt2Zw6Kp1Vn9Hc3Jd7Rs5Bf0Gy8Ue2Ta6Lq4Wz9Xk3Vp7Nc1",
}

admin = OktaClient({
    "orgUrl": "https://acme.okta.com",
    "authorizationMode": "PrivateKey",
    "clientId": "0oa4fakeoinlintSvcId",
    "scopes": ["okta.users.read"],
    "privateKey": ADMIN_JWK,
})
