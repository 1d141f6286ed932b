import axios from 'axios';

const orgUrl = process.env.OKTA_ORG_URL;
let accessToken = null;

async function refreshAccessToken() {
  const { data } = await axios.post(
    `${orgUrl}/oauth2/v1/token`,
    new URLSearchParams({ grant_type: 'client_credentials', scope: 'okta.users.read okta.groups.read' }),
    { auth: { username: process.env.OKTA_CLIENT_ID, password: process.env.OKTA_CLIENT_SECRET } },
  );
  accessToken = data.access_token;
  return accessToken;
}

export const okta = axios.create({ baseURL: `${orgUrl}/api/v1` });

okta.interceptors.request.use(async (config) => {
  if (!accessToken) {
    await refreshAccessToken();
  }
  config.headers.Authorization = `Bearer ${accessToken}`;
  return config;
});

okta.interceptors.response.use(
  (response) => response,
  async (error) => {
    const original = error.config;
    if (error.response && error.response.status === 401 && !original._retried) {
      original._retried = true;
      await refreshAccessToken();
      original.headers.Authorization = `Bearer ${accessToken}`;
      return okta(original);
    }
    return Promise.reject(error);
  },
);
