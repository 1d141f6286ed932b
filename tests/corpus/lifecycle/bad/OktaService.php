<?php

declare(strict_types=1);

namespace Acme\Okta;

use GuzzleHttp\Client;

final class OktaService
{
    private Client $http;
    private string $accessToken;

    public function __construct(private string $orgUrl, private string $clientId, private string $clientSecret)
    {
        $this->http = new Client(['base_uri' => $orgUrl, 'timeout' => 15]);
        $this->accessToken = $this->fetchToken();
    }

    private function fetchToken(): string
    {
        $response = $this->http->post($this->orgUrl . '/oauth2/v1/token', [
            'auth' => [$this->clientId, $this->clientSecret],
            'form_params' => [
                'grant_type' => 'client_credentials',
                'scope' => 'okta.users.read okta.groups.read',
            ],
        ]);
        $body = json_decode((string) $response->getBody(), true);
        return $body['access_token'];
    }

    public function listGroups(): array
    {
        $response = $this->http->get($this->orgUrl . '/api/v1/groups', [
            'headers' => ['Authorization' => 'Bearer ' . $this->accessToken],
        ]);
        return json_decode((string) $response->getBody(), true);
    }
}
