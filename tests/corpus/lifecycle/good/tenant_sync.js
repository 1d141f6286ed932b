#!/usr/bin/env node
// Nightly export: one token per customer org per run.
const { loadTenants, saveUsers } = require('./store');

async function fetchToken(tenant) {
  const res = await fetch(`https://${tenant.domain}/oauth2/v1/token`, {
    method: 'POST',
    headers: {
      Authorization: 'Basic ' + Buffer.from(`${tenant.clientId}:${tenant.clientSecret}`).toString('base64'),
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=okta.users.read',
  });
  if (!res.ok) {
    throw new Error(`token request for ${tenant.domain} failed: ${res.status}`);
  }
  return (await res.json()).access_token;
}

async function main() {
  const tenants = await loadTenants();
  for (const tenant of tenants) {
    const token = await fetchToken(tenant);
    let url = `https://${tenant.domain}/api/v1/users?limit=200`;
    while (url) {
      const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
      await saveUsers(tenant, await res.json());
      const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') || '');
      url = next ? next[1] : null;
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
