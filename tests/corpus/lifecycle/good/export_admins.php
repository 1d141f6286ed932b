#!/usr/bin/env php
<?php
// One-off CLI: php export_admins.php > admins.csv

require __DIR__ . '/vendor/autoload.php';

$org = getenv('OKTA_ORG_URL');
$http = new GuzzleHttp\Client(['timeout' => 20]);

$tokenResponse = $http->post($org . '/oauth2/v1/token', [
    'auth' => [getenv('OKTA_CLIENT_ID'), getenv('OKTA_CLIENT_SECRET')],
    'form_params' => ['grant_type' => 'client_credentials', 'scope' => 'okta.roles.read'],
]);
$token = json_decode((string) $tokenResponse->getBody(), true)['access_token'];

$admins = $http->get($org . '/api/v1/iam/assignees/users', [
    'headers' => ['Authorization' => 'Bearer ' . $token],
]);
foreach (json_decode((string) $admins->getBody(), true)['value'] ?? [] as $admin) {
    fwrite(STDOUT, $admin['id'] . PHP_EOL);
}
