using System;
using System.Collections.Generic;
using Okta.Sdk.Abstractions.Configuration;
using Okta.Sdk.Api;
using Okta.Sdk.Client;

namespace Acme.Okta
{
    public static class OktaSdkFactory
    {
        // v5 SDK, SSWS by default.
        public static OktaClient Legacy(string domain) =>
            new OktaClient(new OktaClientConfiguration
            {
                OktaDomain = domain,
                Token = Environment.GetEnvironmentVariable("OKTA_API_TOKEN"),
            });

        // v7 SDK, API token handed over by the caller.
        public static UserApi Users(string domain, string apiToken)
        {
            var config = new Configuration
            {
                OktaDomain = domain,
                Token = apiToken,
            };
            return new UserApi(config);
        }

        // What the OIN integration does: an access token from the client-credentials flow.
        public static UserApi UsersWithAccessToken(string domain, string accessToken)
        {
            var config = new Configuration
            {
                OktaDomain = domain,
                AuthorizationMode = AuthorizationMode.BearerToken,
                AccessToken = accessToken,
            };
            return new UserApi(config);
        }

        // Internal admin tooling: private_key_jwt, key from Key Vault.
        public static UserApi AdminUsers(string domain, JsonWebKeyConfiguration key)
        {
            var config = new Configuration
            {
                OktaDomain = domain,
                AuthorizationMode = AuthorizationMode.PrivateKey,
                ClientId = Environment.GetEnvironmentVariable("OKTA_ADMIN_CLIENT_ID"),
                Scopes = new List<string> { "okta.users.read" },
                PrivateKey = key,
            };
            return new UserApi(config);
        }
    }
}
