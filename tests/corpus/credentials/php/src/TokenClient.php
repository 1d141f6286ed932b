<?php

declare(strict_types=1);

namespace Acme\Okta;

use GuzzleHttp\Client;

/** Client-credentials tokens for one customer org (the OIN API service integration). */
final class TokenClient
{
    private const SCOPES = ['okta.users.read', 'okta.groups.read'];

    public function __construct(
        private readonly string $org,
        private readonly string $clientId,
        private readonly string $clientSecret,
        private readonly Client $http = new Client(),
    ) {
    }

    public static function fromEnvironment(): self
    {
        return new self(
            (string) getenv('OKTA_ORG'),
            (string) getenv('OKTA_CLIENT_ID'),
            (string) getenv('OKTA_CLIENT_SECRET'),
        );
    }

    public static function devTenant(): self
    {
        return new self(
            org: 'acme-dev.oktapreview.com',
            clientId: '0oa6fakeoinlintPhpDev',
            clientSecret: 'FAKEoinlintPhpDevSecret_Lk8Rw2Xn5Qz',
        );
    }

    public function accessToken(): string
    {
        $response = $this->http->post("https://{$this->org}/oauth2/v1/token", [
            'auth' => [$this->clientId, $this->clientSecret],
            'form_params' => [
                'grant_type' => 'client_credentials',
                'scope' => implode(' ', self::SCOPES),
            ],
            'allow_redirects' => false,
        ]);
        return json_decode((string) $response->getBody(), true)['access_token'];
    }

    public function devAccessToken(): string
    {
        $response = $this->http->post('https://acme-dev.oktapreview.com/oauth2/v1/token', [
            'form_params' => [
                'grant_type' => 'client_credentials',
                'client_id' => '0oa6fakeoinlintPhpDev',
                'client_secret' => 'FAKEoinlintPhpDevSecret_Lk8Rw2Xn5Qz',
                'scope' => 'okta.users.read',
            ],
        ]);
        return json_decode((string) $response->getBody(), true)['access_token'];
    }

    public function bearerHeaders(string $accessToken): array
    {
        return ['Authorization' => 'Bearer ' . $accessToken, 'Accept' => 'application/json'];
    }
}
