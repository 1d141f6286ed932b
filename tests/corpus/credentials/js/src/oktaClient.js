'use strict';

const okta = require('@okta/okta-sdk-nodejs');

const client = new okta.Client({
  orgUrl: process.env.OKTA_ORG_URL,
  token: process.env.OKTA_API_TOKEN,
});

async function activeUsers() {
  const users = [];
  for await (const user of await client.userApi.listUsers({ search: 'status eq "ACTIVE"' })) {
    users.push(user);
  }
  return users;
}

module.exports = { client, activeUsers };
