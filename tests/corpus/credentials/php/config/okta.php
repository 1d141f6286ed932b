<?php

// Laravel config for the Okta integration. Values come from .env in every environment.
return [
    'org' => env('OKTA_ORG', 'acme-dev.oktapreview.com'),
    'client_id' => env('OKTA_CLIENT_ID', '0oa7fakeoinlintPhpCfg'),
    'client_secret' => env('OKTA_CLIENT_SECRET', 'FAKEoinlintPhpLocalDefault-Hv3Jt7Ps1'),
    // 'api_token' => env('OKTA_API_TOKEN'),  removed in 3.0: OIN apps use OAuth 2.0
    'scopes' => ['okta.users.read', 'okta.groups.read'],
    'admin' => [
        'client_id' => env('OKTA_ADMIN_CLIENT_ID'),
        'private_key' => "-----BEGIN PRIVATE KEY-----\nMIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCFAKEoinlintNOTaREALkey0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ\n-----END PRIVATE KEY-----\n",
        'private_key_path' => storage_path('okta/admin.pem'),
    ],
];
