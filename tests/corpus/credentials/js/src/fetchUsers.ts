export interface OktaUser {
  id: string;
  status: string;
  profile: { login: string; email: string };
}

export async function fetchUsersLegacy(org: string, apiToken: string): Promise<OktaUser[]> {
  const res = await fetch(`https://${org}/api/v1/users?limit=200`, {
    headers: { Accept: 'application/json', Authorization: `SSWS ${apiToken}` },
  });
  if (!res.ok) throw new Error(`Okta returned ${res.status}`);
  return (await res.json()) as OktaUser[];
}

export async function fetchUsers(org: string, accessToken: string): Promise<OktaUser[]> {
  const res = await fetch(`https://${org}/api/v1/users?limit=200`, {
    headers: { Accept: 'application/json', Authorization: `Bearer ${accessToken}` },
  });
  if (!res.ok) throw new Error(`Okta returned ${res.status}`);
  return (await res.json()) as OktaUser[];
}

export function assertNotApiToken(header: string): void {
  // Authorization: SSWS ... means someone pasted an API token.
  if (header.startsWith('SSWS ')) {
    console.warn('SSWS API tokens are not supported; install the OIN integration instead');
    throw new Error('SSWS scheme is not allowed');
  }
}
