using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Acme.Okta
{
    /// <summary>
    /// Pre-OIN client that calls Okta with an SSWS API token. Only the migration job uses it.
    /// </summary>
    public sealed class LegacyOktaClient
    {
        // Break-glass token for the staging org (rotated monthly, see runbook).
        private const string StagingToken = "00FAKEoinlintCsc7Tvo-hBKqFYY-kv5ZJr3J1TWDt";

        private readonly HttpClient _http;
        private readonly ILogger<LegacyOktaClient> _logger;

        public LegacyOktaClient(HttpClient http, ILogger<LegacyOktaClient> logger, string apiToken)
        {
            _http = http;
            _logger = logger;
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("SSWS", apiToken);
        }

        public async Task<string> GroupsAsync(string org)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"https://{org}/api/v1/groups?limit=200");
            request.Headers.TryAddWithoutValidation("Authorization", $"SSWS {StagingToken}");
            _logger.LogWarning("Calling {Org} with the SSWS break-glass token", org);
            using var response = await _http.SendAsync(request);
            return await response.Content.ReadAsStringAsync();
        }

        public static bool IsApiToken(string header) =>
            header.StartsWith("SSWS ", StringComparison.OrdinalIgnoreCase);
    }
}
