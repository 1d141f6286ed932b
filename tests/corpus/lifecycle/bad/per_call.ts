import axios, { AxiosRequestConfig, Method } from 'axios';

const ORG_URL = process.env.OKTA_ORG_URL as string;

async function fetchAccessToken(): Promise<string> {
  const res = await axios.post<{ access_token: string }>(
    `${ORG_URL}/oauth2/v1/token`,
    'grant_type=client_credentials&scope=okta.users.read%20okta.apps.read',
    {
      auth: { username: process.env.OKTA_CLIENT_ID!, password: process.env.OKTA_CLIENT_SECRET! },
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    },
  );
  return res.data.access_token;
}

async function oktaRequest<T>(method: Method, path: string, data?: unknown): Promise<T> {
  const token = await fetchAccessToken();
  const config: AxiosRequestConfig = {
    method,
    url: `${ORG_URL}${path}`,
    data,
    headers: { Authorization: `Bearer ${token}` },
  };
  const res = await axios(config);
  return res.data as T;
}

export const listUsers = () => oktaRequest<unknown[]>('GET', '/api/v1/users');
export const listApps = () => oktaRequest<unknown[]>('GET', '/api/v1/apps');
