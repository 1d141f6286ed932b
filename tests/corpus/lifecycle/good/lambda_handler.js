// AWS Lambda: runs once per scheduled event; the token lives for one invocation.
const { getSecret } = require('./secrets');

async function fetchToken(domain, creds) {
  const res = await fetch(`https://${domain}/oauth2/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope: 'okta.logs.read',
      client_id: creds.clientId,
      client_secret: creds.clientSecret,
    }),
  });
  return (await res.json()).access_token;
}

exports.handler = async (event) => {
  const creds = await getSecret(event.tenantSecretArn);
  const token = await fetchToken(event.domain, creds);
  const res = await fetch(`https://${event.domain}/api/v1/logs?since=${event.since}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return { statusCode: 200, body: JSON.stringify(await res.json()) };
};
