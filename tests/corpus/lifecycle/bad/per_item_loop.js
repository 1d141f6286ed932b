import axios from 'axios';

async function getToken(domain, credentials) {
  const { data } = await axios.post(
    `https://${domain}/oauth2/v1/token`,
    new URLSearchParams({ grant_type: 'client_credentials', scope: 'okta.users.manage' }),
    { auth: { username: credentials.clientId, password: credentials.clientSecret } },
  );
  return data.access_token;
}

export async function suspendUsers(domain, credentials, userIds) {
  const results = [];
  for (const userId of userIds) {
    const token = await getToken(domain, credentials);
    const res = await axios.post(
      `https://${domain}/api/v1/users/${userId}/lifecycle/suspend`,
      null,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    results.push({ userId, status: res.status });
  }
  return results;
}
