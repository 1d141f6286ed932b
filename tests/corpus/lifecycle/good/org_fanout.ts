import axios from 'axios';
import { loadInstallations, Installation } from './installations';

async function tokenFor(install: Installation): Promise<string> {
  const res = await axios.post(
    `https://${install.oktaDomain}/oauth2/v1/token`,
    new URLSearchParams({ grant_type: 'client_credentials', scope: 'okta.users.read' }),
    { auth: { username: install.clientId, password: install.clientSecret } },
  );
  return res.data.access_token;
}

async function countUsers(install: Installation, token: string): Promise<number> {
  const res = await axios.get(`https://${install.oktaDomain}/api/v1/users?limit=200`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return res.data.length;
}

export async function runUsageReport(): Promise<Record<string, number>> {
  const installs = await loadInstallations();
  const counts = await Promise.all(
    installs.map(async (install) => [install.id, await countUsers(install, await tokenFor(install))]),
  );
  return Object.fromEntries(counts);
}
