const axios = require('axios');

const TOKEN_TTL_MS = 55 * 60 * 1000; // tokens live an hour

class TokenProvider {
  constructor({ orgUrl, clientId, clientSecret }) {
    this.orgUrl = orgUrl;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.token = null;
    this.fetchedAt = 0;
  }

  async get() {
    if (!this.token || Date.now() - this.fetchedAt > TOKEN_TTL_MS) {
      const res = await axios.post(
        `${this.orgUrl}/oauth2/v1/token`,
        'grant_type=client_credentials&scope=okta.groups.read',
        { auth: { username: this.clientId, password: this.clientSecret } },
      );
      this.token = res.data.access_token;
      this.fetchedAt = Date.now();
    }
    return this.token;
  }

  invalidate() {
    this.token = null;
  }
}

async function listGroups(provider) {
  let res = await axios.get(`${provider.orgUrl}/api/v1/groups`, {
    headers: { Authorization: `Bearer ${await provider.get()}` },
    validateStatus: () => true,
  });
  if (res.status === 401) {
    provider.invalidate();
    res = await axios.get(`${provider.orgUrl}/api/v1/groups`, {
      headers: { Authorization: `Bearer ${await provider.get()}` },
    });
  }
  return res.data;
}

module.exports = { TokenProvider, listGroups };
