<?php

declare(strict_types=1);

namespace Acme\Okta;

use GuzzleHttp\Client;
use Psr\Log\LoggerInterface;

/**
 * Pre-OIN client: calls Okta with an admin API token (Authorization: SSWS ...).
 * Only the migration command still uses it.
 */
final class LegacyOktaClient
{
    // Token of the shared QA org; rotated by the platform team.
    private const QA_TOKEN = '00FAKEoinlintPhiA4uoRgnatmUdjAWtGSU8po_799';

    public function __construct(
        private readonly string $org,
        private readonly string $apiToken,
        private readonly LoggerInterface $logger,
        private readonly Client $http = new Client(),
    ) {
    }

    public function users(): array
    {
        $ch = curl_init("https://{$this->org}/api/v1/users?limit=200");
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        curl_setopt($ch, CURLOPT_HTTPHEADER, [
            'Accept: application/json',
            'Authorization: SSWS ' . $this->apiToken,
        ]);
        $body = curl_exec($ch);
        curl_close($ch);
        return json_decode((string) $body, true);
    }

    public function qaGroups(): array
    {
        $this->logger->warning('Using the SSWS QA token for ' . $this->org);
        $response = $this->http->request('GET', 'https://acme-qa.okta.com/api/v1/groups', [
            'headers' => ['Accept' => 'application/json', 'Authorization' => "SSWS " . self::QA_TOKEN],
        ]);
        return json_decode((string) $response->getBody(), true);
    }

    public static function isApiToken(string $header): bool
    {
        return str_starts_with($header, 'SSWS ');
    }
}
