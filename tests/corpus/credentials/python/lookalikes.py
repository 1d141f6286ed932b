"""Identifiers the Okta sync stores that look a little like API tokens but are not."""

OKTA_USER_ID = "00u1fakeoinlint2id3x"
OKTA_GROUP_ID = "00g1fakeoinlint2grp3"
OKTA_API_TOKEN_ID = "00Tfakeoinlint1a2b3c4"
OKTA_TOKEN_PLACEHOLDER = "00xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
EMPTY_CHECKSUM = "000000000000000000000000000000000000000000"
EXPORT_DIGEST = "00085ceb6aff45d79cc00da49257ce7251b40918fb"
TREASURY_WALLET = "0x52908400098527886E0F7030069857D2E4169EE7"
TRACE_ID = "a00FAKEoinlint6xvnr7DQXKOZ78obXZ5FryxKh6L8I"
REQUEST_ID = "00c2e6a4-5f1b-4b7e-9a4d-3e2f1a0b9c8d"
CURSOR = "bmV4dEN1cnNvcg00FAKEoinlintDevTgxg8rv7jRV7yuQWbZyuNSpU5vZW5kT2ZDdXJzb3I"
SESSION_BLOB = "eyJzaWQiOiJGQUtFIn0.00FakeOinlintdPjis2qdQtcpAieEHOQso1DJLkbiDx9.c2ln"
DOC_EXAMPLE = "00QCjAl4MlV-WPXM...0HmjFx-vbGua"
TOO_SHORT = "00FAKEoinlint7Qx2Lm9Rv4Tz8Wp3Ks6Yd1Hn5Bc0"
TOO_LONG = "00FAKEoinlint7Qx2Lm9Rv4Tz8Wp3Ks6Yd1Hn5Bc0JkL"
REPEATED = "00abababababababababababababababababababab"


def okta_user_url(org: str, user_id: str = OKTA_USER_ID) -> str:
    return f"https://{org}/api/v1/users/{user_id}"
