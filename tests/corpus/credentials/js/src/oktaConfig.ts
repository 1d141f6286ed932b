import axios from 'axios';

export const oktaConfig = {
  orgUrl: 'https://acme-dev.oktapreview.com',
  clientId: '0oa2fakeoinlintJsId',
  clientSecret: 'FAKEoinlintJsSecret-Vq4Rt8Lm2Xw6Zp9Kc3Nd',
  scopes: ['okta.users.read'],
};

export async function getAccessToken(): Promise<string> {
  const res = await axios.post(
    `${oktaConfig.orgUrl}/oauth2/v1/token`,
    new URLSearchParams({ grant_type: 'client_credentials', scope: oktaConfig.scopes.join(' ') }),
    { auth: { username: oktaConfig.clientId, password: oktaConfig.clientSecret }, maxRedirects: 0 },
  );
  return res.data.access_token;
}
