<?php

declare(strict_types=1);

namespace Acme\Okta\Tests;

use Acme\Okta\LegacyOktaClient;
use PHPUnit\Framework\TestCase;

final class LegacyOktaClientTest extends TestCase
{
    // Look-alikes: none of these is a credential.
    private const COMMIT_SHA = '00beef0123456789abcdef0123456789abcdef0123';
    private const PLACEHOLDER = '00xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';
    private const CLIENT_SECRET = 'your-client-secret';

    public function testRecognisesApiTokens(): void
    {
        self::assertTrue(LegacyOktaClient::isApiToken('SSWS ' . self::PLACEHOLDER));
        self::assertFalse(LegacyOktaClient::isApiToken('Bearer eyJraWQiOiJGQUtFIn0'));
        self::assertSame(42, strlen(self::COMMIT_SHA));
        self::assertNotEmpty(self::CLIENT_SECRET);
    }

    public function testBearerHeader(): void
    {
        $headers = ['Authorization' => 'Bearer test-access-token'];
        self::assertStringStartsNotWith('SSWS', $headers['Authorization']);
    }
}
