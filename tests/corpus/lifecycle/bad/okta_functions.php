<?php
// Helpers used by the WordPress plugin's admin pages.

function acme_okta_access_token(): string
{
    $ch = curl_init(get_option('acme_okta_org_url') . '/oauth2/v1/token');
    curl_setopt($ch, CURLOPT_POST, true);
    curl_setopt($ch, CURLOPT_USERPWD, get_option('acme_okta_client_id') . ':' . get_option('acme_okta_client_secret'));
    curl_setopt($ch, CURLOPT_POSTFIELDS, 'grant_type=client_credentials&scope=okta.users.read');
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    $raw = curl_exec($ch);
    curl_close($ch);
    $data = json_decode($raw, true);
    return $data['access_token'];
}

function acme_okta_get(string $path): array
{
    $token = acme_okta_access_token();
    $response = wp_remote_get(get_option('acme_okta_org_url') . $path, [
        'headers' => ['Authorization' => 'Bearer ' . $token, 'Accept' => 'application/json'],
    ]);
    return json_decode(wp_remote_retrieve_body($response), true);
}

function acme_okta_user(string $id): array
{
    return acme_okta_get('/api/v1/users/' . rawurlencode($id));
}
