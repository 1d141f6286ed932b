using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Threading.Tasks;

namespace Acme.Okta;

public sealed class OktaDirectoryClient
{
    private readonly HttpClient _http;
    private readonly OktaOptions _options;
    private string? _accessToken;

    public OktaDirectoryClient(HttpClient http, OktaOptions options)
    {
        _http = http;
        _options = options;
    }

    private async Task<string> FetchTokenAsync()
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.ClientId}:{_options.ClientSecret}"));
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", basic);
        var response = await _http.PostAsync($"{_options.OrgUrl}/oauth2/v1/token",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["scope"] = "okta.users.read",
            }));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return body!.AccessToken;
    }

    public async Task<List<OktaUser>> ListUsersAsync()
    {
        _accessToken ??= await FetchTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{_options.OrgUrl}/api/v1/users");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _accessToken);
        var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<OktaUser>>() ?? new();
    }
}
