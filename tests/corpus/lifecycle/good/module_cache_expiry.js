const axios = require('axios');

const orgUrl = process.env.OKTA_ORG_URL;
let token = null;
let tokenExpiresAt = 0;

async function accessToken() {
  if (token && Date.now() < tokenExpiresAt) {
    return token;
  }
  const { data } = await axios.post(`${orgUrl}/oauth2/v1/token`,
    'grant_type=client_credentials&scope=okta.groups.read',
    { auth: { username: process.env.OKTA_CLIENT_ID, password: process.env.OKTA_CLIENT_SECRET } });
  token = data.access_token;
  tokenExpiresAt = Date.now() + (data.expires_in - 60) * 1000;
  return token;
}

async function getGroup(id, retried = false) {
  try {
    const res = await axios.get(`${orgUrl}/api/v1/groups/${id}`, {
      headers: { Authorization: `Bearer ${await accessToken()}` },
    });
    return res.data;
  } catch (err) {
    if (err.response?.status === 401 && !retried) {
      token = null;
      return getGroup(id, true);
    }
    throw err;
  }
}

module.exports = { getGroup };
