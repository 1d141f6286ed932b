const ORG = process.env.OKTA_ORG_URL ?? "";

async function token(): Promise<string> {
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    scope: "okta.users.read okta.groups.read",
  });
  const res = await fetch(`${ORG}/oauth2/v1/token`, { method: "POST", body });
  return (await res.json()).access_token;
}

async function getAll(url: string, bearer: string): Promise<unknown[]> {
  const res = await fetch(ORG + url, { headers: { Authorization: `Bearer ${bearer}` } });
  return res.json();
}

export async function report(): Promise<void> {
  const bearer = await token();
  const groups = await getAll("/api/v1/groups", bearer);
  console.log((await getAll("/api/v1/users", bearer)).length, groups.length);
}
