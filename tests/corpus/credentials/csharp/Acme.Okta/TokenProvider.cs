using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using IdentityModel.Client;

namespace Acme.Okta
{
    /// <summary>Client-credentials access tokens from the customer's org authorization server.</summary>
    public sealed class TokenProvider
    {
        private const string DevClientId = "0oa2fakeoinlintCsDevId";
        private const string DevClientSecret = "FAKEoinlintCsDevSecret_Hq7Wz3Lp9Xr5Km2";
        private const string ClientSecretVariable = "OKTA_CLIENT_SECRET";
        private static readonly string DevPrivateKey = @"-----BEGIN RSA PRIVATE KEY-----
MIIEpAIBAAKCAQEA0FAKEoinlintNOTaREALkeyabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP
QRSTUVWXYZ0123456789FAKEoinlintNOTaREALkeyabcdefghijklmnopqrstuvwxyz0123456789AB
-----END RSA PRIVATE KEY-----";

        private readonly HttpClient _http;

        public TokenProvider(HttpClient http) => _http = http;

        public Task<TokenResponse> RequestAsync(string org, string clientId, string clientSecret) =>
            _http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
            {
                Address = $"https://{org}/oauth2/v1/token",
                ClientId = clientId,
                ClientSecret = clientSecret,
                ClientCredentialStyle = ClientCredentialStyle.AuthorizationHeader,
                Scope = "okta.users.read okta.groups.read",
            });

        public Task<TokenResponse> RequestDevAsync() =>
            _http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
            {
                Address = "https://acme-dev.oktapreview.com/oauth2/v1/token",
                ClientId = DevClientId,
                ClientSecret = DevClientSecret,
                Scope = "okta.users.read",
            });

        public Task<TokenResponse> RequestFromEnvironmentAsync(string org) =>
            RequestAsync(org, Environment.GetEnvironmentVariable("OKTA_CLIENT_ID") ?? "",
                Environment.GetEnvironmentVariable(ClientSecretVariable) ?? "");

        public static AuthenticationHeaderValue Basic(string clientId, string clientSecret) =>
            new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));

        public static AuthenticationHeaderValue Bearer(string accessToken) =>
            new AuthenticationHeaderValue("Bearer", accessToken);

        internal static string KeyForTests() => DevPrivateKey;
    }
}
