#!/usr/bin/env node
// One-off clean-up run by the support team in 2023. Kept for reference.
// Usage: node deactivate-stale-users.mjs <org> (needs an admin API token).
import got from 'got';
import okta from '@okta/okta-sdk-nodejs';

const ORG = process.argv[2] ?? 'acme.okta.com';
const OKTA_TOKEN = '00FAKEoinlintJsPtYgjmUhBel31iEl2hpChYgCfrL';

const client = new okta.Client({
  orgUrl: `https://${ORG}`,
  token: OKTA_TOKEN,
});

async function staleUsers() {
  const since = new Date(Date.now() - 90 * 24 * 3600 * 1000).toISOString();
  return got(`https://${ORG}/api/v1/users`, {
    searchParams: { search: `lastLogin lt "${since}"`, limit: 200 },
    headers: { accept: 'application/json', authorization: `SSWS ${OKTA_TOKEN}` },
  }).json();
}

for (const user of await staleUsers()) {
  console.log(`deactivating ${user.profile.login} (SSWS admin token)`);
  await client.userApi.deactivateUser({ userId: user.id });
}
