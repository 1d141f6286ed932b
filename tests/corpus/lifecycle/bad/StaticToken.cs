using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;

namespace Acme.Okta;

public static class OktaToken
{
    private static readonly HttpClient Http = new();
    private static string? _token;

    public static async Task<string> GetAsync(OktaSettings settings)
    {
        if (_token == null)
        {
            var response = await Http.PostAsync($"{settings.OrgUrl}/oauth2/v1/token",
                new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["scope"] = "okta.users.read",
                    ["client_id"] = settings.ClientId,
                    ["client_secret"] = settings.ClientSecret,
                }));
            var body = await response.Content.ReadFromJsonAsync<TokenResponse>();
            _token = body!.AccessToken;
        }
        return _token;
    }
}
