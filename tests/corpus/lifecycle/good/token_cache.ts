import axios, { AxiosInstance } from 'axios';

export interface OrgCredentials {
  domain: string;
  clientId: string;
  clientSecret: string;
}

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

const MARGIN_MS = 5 * 60 * 1000;

export class TokenCache {
  private readonly tokens = new Map<string, CachedToken>();

  constructor(private readonly http: AxiosInstance = axios.create({ timeout: 10_000 })) {}

  async get(org: OrgCredentials): Promise<string> {
    const cached = this.tokens.get(org.domain);
    if (cached && Date.now() < cached.expiresAt) {
      return cached.accessToken;
    }
    const body = await this.fetch(org);
    const entry: CachedToken = {
      accessToken: body.access_token,
      expiresAt: Date.now() + body.expires_in * 1000 - MARGIN_MS,
    };
    this.tokens.set(org.domain, entry);
    return entry.accessToken;
  }

  forget(org: OrgCredentials): void {
    this.tokens.delete(org.domain);
  }

  private async fetch(org: OrgCredentials): Promise<{ access_token: string; expires_in: number }> {
    const res = await this.http.post(
      `https://${org.domain}/oauth2/v1/token`,
      new URLSearchParams({ grant_type: 'client_credentials', scope: 'okta.users.read' }),
      { auth: { username: org.clientId, password: org.clientSecret } },
    );
    return res.data;
  }
}

export async function listUsers(tokens: TokenCache, org: OrgCredentials): Promise<unknown[]> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const token = await tokens.get(org);
    const res = await axios.get(`https://${org.domain}/api/v1/users`, {
      headers: { Authorization: `Bearer ${token}` },
      validateStatus: () => true,
    });
    if (res.status === 401 && attempt === 0) {
      tokens.forget(org);
      continue;
    }
    return res.data;
  }
  return [];
}
