// Usage: node scripts/list-admins.mjs  (prints the org's super admins once)
const org = process.env.OKTA_ORG_URL;

const tokenResponse = await fetch(`${org}/oauth2/v1/token`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    grant_type: 'client_credentials',
    scope: 'okta.roles.read okta.users.read',
    client_id: process.env.OKTA_CLIENT_ID,
    client_secret: process.env.OKTA_CLIENT_SECRET,
  }),
});
const { access_token: token } = await tokenResponse.json();

const res = await fetch(`${org}/api/v1/iam/assignees/users`, {
  headers: { Authorization: `Bearer ${token}` },
});
for (const user of (await res.json()).value ?? []) {
  console.log(user.id);
}
