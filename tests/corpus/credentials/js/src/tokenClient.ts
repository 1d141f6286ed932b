import { readFileSync } from 'node:fs';

import okta from '@okta/okta-sdk-nodejs';

interface Tenant {
  domain: string;
  clientId: string;
  clientSecret: string;
}

export function tenantFromEnv(): Tenant {
  return {
    domain: process.env.OKTA_DOMAIN ?? '',
    clientId: process.env.OKTA_CLIENT_ID ?? '',
    clientSecret: process.env.OKTA_CLIENT_SECRET ?? '',
  };
}

export async function accessToken(t: Tenant): Promise<{ token: string; expiresAt: number }> {
  const basic = Buffer.from(`${encodeURIComponent(t.clientId)}:${encodeURIComponent(t.clientSecret)}`).toString('base64');
  const res = await fetch(`https://${t.domain}/oauth2/v1/token`, {
    method: 'POST',
    redirect: 'error',
    headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'okta.users.read' }),
  });
  const body = await res.json();
  return { token: body.access_token, expiresAt: Date.now() + (body.expires_in - 300) * 1000 };
}

// Internal admin tool only (plain API Services app, private_key_jwt).
export const adminClient = new okta.Client({
  orgUrl: `https://${process.env.OKTA_DOMAIN}`,
  authorizationMode: 'PrivateKey',
  clientId: process.env.OKTA_ADMIN_CLIENT_ID,
  scopes: ['okta.users.read'],
  privateKey: readFileSync(process.env.OKTA_ADMIN_KEY_PATH ?? 'admin-key.pem', 'utf8'),
  keyId: process.env.OKTA_ADMIN_KEY_ID,
});
