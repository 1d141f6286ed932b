import got from 'got';

const ORG_URL = process.env.OKTA_ORG_URL;
let cachedToken;

export async function getToken() {
  if (cachedToken) {
    return cachedToken;
  }
  const body = await got
    .post(`${ORG_URL}/oauth2/v1/token`, {
      form: { grant_type: 'client_credentials', scope: 'okta.logs.read' },
      username: process.env.OKTA_CLIENT_ID,
      password: process.env.OKTA_CLIENT_SECRET,
    })
    .json();
  cachedToken = body.access_token;
  return cachedToken;
}

export async function systemLog(since) {
  const token = await getToken();
  return got(`${ORG_URL}/api/v1/logs`, {
    searchParams: { since },
    headers: { authorization: `Bearer ${token}` },
  }).json();
}
