// Okta client for the access-review worker (CommonJS, runs under pm2 for weeks).
const axios = require('axios');

const ORG_URL = process.env.OKTA_ORG_URL;

async function getAccessToken() {
  const params = new URLSearchParams({
    grant_type: 'client_credentials',
    scope: 'okta.users.read okta.groups.read',
  });
  const res = await axios.post(`${ORG_URL}/oauth2/v1/token`, params, {
    auth: { username: process.env.OKTA_CLIENT_ID, password: process.env.OKTA_CLIENT_SECRET },
    headers: { Accept: 'application/json' },
  });
  return res.data.access_token;
}

// fetched once when the module is first required
const tokenPromise = getAccessToken();

async function listUsers(limit = 200) {
  const token = await tokenPromise;
  const res = await axios.get(`${ORG_URL}/api/v1/users?limit=${limit}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return res.data;
}

async function listGroups() {
  const token = await tokenPromise;
  const res = await axios.get(`${ORG_URL}/api/v1/groups`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return res.data;
}

module.exports = { listUsers, listGroups };
