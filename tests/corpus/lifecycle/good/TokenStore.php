<?php

declare(strict_types=1);

namespace Acme\Okta;

use GuzzleHttp\Client;
use GuzzleHttp\Exception\ClientException;

final class TokenStore
{
    private const MARGIN = 120;

    /** @var array<string, array{token: string, expires_at: int}> */
    private array $tokens = [];

    public function __construct(private Client $http)
    {
    }

    public function token(Tenant $tenant): string
    {
        $cached = $this->tokens[$tenant->domain] ?? null;
        if ($cached !== null && time() < $cached['expires_at']) {
            return $cached['token'];
        }
        $response = $this->http->post("https://{$tenant->domain}/oauth2/v1/token", [
            'auth' => [$tenant->clientId, $tenant->clientSecret],
            'form_params' => ['grant_type' => 'client_credentials', 'scope' => 'okta.users.read'],
        ]);
        $body = json_decode((string) $response->getBody(), true);
        $this->tokens[$tenant->domain] = [
            'token' => $body['access_token'],
            'expires_at' => time() + (int) $body['expires_in'] - self::MARGIN,
        ];
        return $body['access_token'];
    }

    public function forget(Tenant $tenant): void
    {
        unset($this->tokens[$tenant->domain]);
    }

    public function users(Tenant $tenant): array
    {
        try {
            $response = $this->http->get("https://{$tenant->domain}/api/v1/users", [
                'headers' => ['Authorization' => 'Bearer ' . $this->token($tenant)],
            ]);
        } catch (ClientException $e) {
            if ($e->getResponse()->getStatusCode() !== 401) {
                throw $e;
            }
            $this->forget($tenant);
            $response = $this->http->get("https://{$tenant->domain}/api/v1/users", [
                'headers' => ['Authorization' => 'Bearer ' . $this->token($tenant)],
            ]);
        }
        return json_decode((string) $response->getBody(), true);
    }
}
