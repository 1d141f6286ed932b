import okta from '@okta/okta-sdk-nodejs';

// Internal admin tool for the Acme org only (plain API Services app, private_key_jwt).
// The key below is the DEV tenant key that a contractor committed in 2024.
const ADMIN_KEY_PEM = '-----BEGIN PRIVATE KEY-----\n' +
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7FAKEoinlintNOTaREALkey0123456789abcd\n' +
  'efghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789FAKEoinlintNOTaREALkeyxyz0123\n' +
  '-----END PRIVATE KEY-----\n';

export const adminClient = new okta.Client({
  orgUrl: 'https://acme-admin.okta.com',
  authorizationMode: 'PrivateKey',
  clientId: '0oa5fakeoinlintAdminId',
  scopes: ['okta.users.read', 'okta.groups.read'],
  privateKey: ADMIN_KEY_PEM,
  keyId: 'kid-2024-01',
});

export const signingJwk = {
  kty: 'RSA',
  kid: 'kid-2024-02',
  n: 'u1FAKEoinlintPublicModulusOnlyXyZ0123456789abcdefghijklmnopqrstuvwx',
  e: 'AQAB',
  d: 'FAKEoinlintPrivateExponentQw3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz2Xc4Vb6Nm8',
};

export interface TenantSecrets {
  clientId: string;
  clientSecret: string;
}

export const exampleTenant: TenantSecrets = {
  clientId: '0oa6fakeoinlintExample',
  clientSecret: '<your-client-secret>',
};

export const tenantFromEnv = (): TenantSecrets => ({
  clientId: process.env.OKTA_CLIENT_ID ?? '',
  clientSecret: process.env.OKTA_CLIENT_SECRET ?? '',
});
