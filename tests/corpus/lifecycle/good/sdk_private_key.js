const okta = require('@okta/okta-sdk-nodejs');

// The SDK requests, caches and renews its own access tokens in PrivateKey mode.
const client = new okta.Client({
  orgUrl: process.env.OKTA_ORG_URL,
  authorizationMode: 'PrivateKey',
  clientId: process.env.OKTA_CLIENT_ID,
  scopes: ['okta.users.read', 'okta.groups.read'],
  privateKey: process.env.OKTA_PRIVATE_KEY_PEM,
  keyId: process.env.OKTA_KEY_ID,
});

async function activeUsers() {
  const users = [];
  const collection = await client.userApi.listUsers({ search: 'status eq "ACTIVE"' });
  await collection.each((user) => {
    users.push(user.profile.login);
  });
  return users;
}

module.exports = { activeUsers };
