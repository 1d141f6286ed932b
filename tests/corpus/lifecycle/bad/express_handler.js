const express = require('express');

const app = express();
const OKTA_DOMAIN = process.env.OKTA_DOMAIN;

async function requestToken() {
  const response = await fetch(`https://${OKTA_DOMAIN}/oauth2/v1/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope: 'okta.users.read',
      client_id: process.env.OKTA_CLIENT_ID,
      client_secret: process.env.OKTA_CLIENT_SECRET,
    }),
  });
  const json = await response.json();
  return json.access_token;
}

app.get('/reports/inactive-users', async (req, res) => {
  const accessToken = await requestToken();
  const users = await fetch(`https://${OKTA_DOMAIN}/api/v1/users?filter=status eq "ACTIVE"`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  }).then((r) => r.json());
  res.json(users.filter((u) => !u.lastLogin));
});

app.listen(process.env.PORT || 3000);
