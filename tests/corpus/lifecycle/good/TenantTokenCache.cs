using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using IdentityModel.Client;

namespace Acme.Okta;

public sealed class TenantTokenCache
{
    private readonly ConcurrentDictionary<string, (string Token, DateTime ExpiresUtc)> _tokens = new();
    private readonly HttpClient _http;

    public TenantTokenCache(HttpClient http) => _http = http;

    public async Task<string> GetAsync(Tenant tenant)
    {
        if (_tokens.TryGetValue(tenant.Domain, out var hit) && DateTime.UtcNow < hit.ExpiresUtc)
        {
            return hit.Token;
        }
        var response = await _http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = $"https://{tenant.Domain}/oauth2/v1/token",
            ClientId = tenant.ClientId,
            ClientSecret = tenant.ClientSecret,
            Scope = "okta.groups.read",
        });
        var entry = (response.AccessToken!, DateTime.UtcNow.AddSeconds(response.ExpiresIn - 60));
        _tokens[tenant.Domain] = entry;
        return entry.Item1;
    }

    public async Task<string> GroupsAsync(Tenant tenant)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"https://{tenant.Domain}/api/v1/groups");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await GetAsync(tenant));
            using var response = await _http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                _tokens.TryRemove(tenant.Domain, out _);
                continue;
            }
            return await response.Content.ReadAsStringAsync();
        }
        throw new HttpRequestException("Okta refused a fresh token");
    }
}
