const fetch = require('node-fetch');

async function oktaToken(org) {
  const res = await fetch(`https://${org.domain}/oauth2/v1/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${org.clientId}:${org.clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=okta.users.manage',
  });
  const { access_token } = await res.json();
  return access_token;
}

async function unlockUsers(org, users) {
  await Promise.all(
    users.map(async (user) => {
      const token = await oktaToken(org);
      await fetch(`https://${org.domain}/api/v1/users/${user.id}/lifecycle/unlock`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
      });
    }),
  );
}

module.exports = { unlockUsers };
