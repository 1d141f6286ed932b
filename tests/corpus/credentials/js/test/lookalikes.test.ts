import { describe, expect, it } from 'vitest';

import { authHeaders } from '../src/fetchUsers';

// Strings below only look like Okta credentials.
const COMMIT_SHA = '00a3f5c9e1b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2'; // 42 hex characters
const USER_ID = '00u1fakeoinlintUser';
const PLACEHOLDER_TOKEN = '00xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';
const JWT_SEGMENT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IkZBS0VvaW5saW50In0';

describe('authHeaders', () => {
  it('never sends an API token', () => {
    const headers = authHeaders('access-token');
    expect(headers.Authorization).toBe('Bearer access-token');
    expect(headers.Authorization).not.toMatch(/^SSWS /);
  });

  it('rejects the SSWS scheme', () => {
    expect(() => authHeaders(`SSWS ${PLACEHOLDER_TOKEN}`)).toThrow('SSWS API tokens are not allowed');
  });

  it('keeps ids and digests apart from tokens', () => {
    expect(COMMIT_SHA).toHaveLength(42);
    expect(USER_ID.startsWith('00u')).toBe(true);
    expect(JWT_SEGMENT.length).toBeGreaterThan(40);
  });
});
