<?php

namespace App\Jobs;

use Illuminate\Support\Facades\Http;

class DeactivateLeavers
{
    public function __construct(private array $userIds)
    {
    }

    private function token(): string
    {
        return Http::asForm()
            ->withBasicAuth(config('okta.client_id'), config('okta.client_secret'))
            ->post(config('okta.org_url') . '/oauth2/v1/token', [
                'grant_type' => 'client_credentials',
                'scope' => 'okta.users.manage',
            ])
            ->json('access_token');
    }

    public function handle(): void
    {
        foreach ($this->userIds as $userId) {
            $token = $this->token();
            Http::withToken($token)
                ->post(config('okta.org_url') . "/api/v1/users/{$userId}/lifecycle/deactivate");
        }
    }
}
