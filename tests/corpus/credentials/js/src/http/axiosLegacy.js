'use strict';

const axios = require('axios');

// Before v3 every request went out with the admin API token:
//   Authorization: SSWS <OKTA_API_TOKEN>
// v3 uses OAuth 2.0 access tokens (see ./oauthClient.js); this module is kept for the
// migration script only.
axios.defaults.baseURL = `https://${process.env.OKTA_DOMAIN}`;
axios.defaults.headers.common['Authorization'] = 'SSWS ' + process.env.OKTA_API_TOKEN;

function isApiToken(headerValue) {
  return typeof headerValue === 'string' && headerValue.startsWith('SSWS ');
}

function withAccessToken(config, accessToken) {
  config.headers = config.headers || {};
  config.headers.Authorization = `Bearer ${accessToken}`;
  return config;
}

function rejectApiTokens(config) {
  if (isApiToken(config.headers.Authorization)) {
    throw new Error('SSWS API tokens are not allowed; configure the OIN client credentials');
  }
  return config;
}

module.exports = { axios, isApiToken, withAccessToken, rejectApiTokens };
