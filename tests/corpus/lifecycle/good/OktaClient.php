<?php

namespace Acme\Okta;

use GuzzleHttp\Client;

class OktaClient
{
    private ?string $token = null;
    private int $expiresAt = 0;

    public function __construct(private Client $http, private Tenant $tenant)
    {
    }

    private function token(): string
    {
        if ($this->token === null || time() >= $this->expiresAt) {
            $response = $this->http->request('POST', "https://{$this->tenant->domain}/oauth2/v1/token", [
                'auth' => [$this->tenant->clientId, $this->tenant->clientSecret],
                'form_params' => ['grant_type' => 'client_credentials', 'scope' => 'okta.users.read'],
            ]);
            $data = json_decode((string) $response->getBody(), true);
            $this->token = $data['access_token'];
            $this->expiresAt = time() + $data['expires_in'] - 60;
        }
        return $this->token;
    }

    public function users(): array
    {
        $response = $this->http->request('GET', "https://{$this->tenant->domain}/api/v1/users", [
            'headers' => ['Authorization' => 'Bearer ' . $this->token()],
            'http_errors' => false,
        ]);
        if ($response->getStatusCode() === 401) {
            $this->token = null;
            $response = $this->http->request('GET', "https://{$this->tenant->domain}/api/v1/users", [
                'headers' => ['Authorization' => 'Bearer ' . $this->token()],
            ]);
        }
        return json_decode((string) $response->getBody(), true);
    }
}
