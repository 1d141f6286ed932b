import fetch from 'node-fetch';

interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
}

export class OktaService {
  private accessToken?: string;

  constructor(
    private readonly orgUrl: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
  ) {}

  private async token(): Promise<string> {
    if (!this.accessToken) {
      const basic = Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64');
      const res = await fetch(`${this.orgUrl}/oauth2/v1/token`, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${basic}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'okta.users.read' }),
      });
      const body = (await res.json()) as TokenResponse;
      this.accessToken = body.access_token;
    }
    return this.accessToken;
  }

  async getUser(id: string): Promise<unknown> {
    const res = await fetch(`${this.orgUrl}/api/v1/users/${id}`, {
      headers: { Authorization: `Bearer ${await this.token()}`, Accept: 'application/json' },
    });
    if (!res.ok) {
      throw new Error(`Okta returned ${res.status}`);
    }
    return res.json();
  }
}
