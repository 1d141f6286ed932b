using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading.Tasks;

namespace Acme.Okta;

public class GroupMembershipSync
{
    private readonly HttpClient _http = new();
    private readonly string _org;
    private readonly string _clientId;
    private readonly string _clientSecret;

    public GroupMembershipSync(string org, string clientId, string clientSecret)
    {
        _org = org;
        _clientId = clientId;
        _clientSecret = clientSecret;
    }

    private async Task<string> GetTokenAsync()
    {
        var response = await _http.PostAsync($"https://{_org}/oauth2/v1/token", new FormUrlEncodedContent(new[]
        {
            new KeyValuePair<string, string>("grant_type", "client_credentials"),
            new KeyValuePair<string, string>("scope", "okta.groups.manage"),
            new KeyValuePair<string, string>("client_id", _clientId),
            new KeyValuePair<string, string>("client_secret", _clientSecret),
        }));
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return token!.AccessToken;
    }

    public async Task AddMembersAsync(string groupId, IEnumerable<string> userIds)
    {
        foreach (var userId in userIds)
        {
            var accessToken = await GetTokenAsync();
            using var request = new HttpRequestMessage(HttpMethod.Put,
                $"https://{_org}/api/v1/groups/{groupId}/users/{userId}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            (await _http.SendAsync(request)).EnsureSuccessStatusCode();
        }
    }
}
