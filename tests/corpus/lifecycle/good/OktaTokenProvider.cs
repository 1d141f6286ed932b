using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Acme.Okta;

public sealed class OktaTokenProvider
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(2);
    private readonly HttpClient _http;
    private readonly OktaOptions _options;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTimeOffset _expiresAt;

    public OktaTokenProvider(HttpClient http, OktaOptions options)
    {
        _http = http;
        _options = options;
    }

    public async Task<string> GetAsync(CancellationToken ct = default)
    {
        await _lock.WaitAsync(ct);
        try
        {
            if (_token is null || DateTimeOffset.UtcNow >= _expiresAt)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"{_options.OrgUrl}/oauth2/v1/token")
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["grant_type"] = "client_credentials",
                        ["scope"] = "okta.users.read",
                    }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _options.BasicCredentials);
                var response = await _http.SendAsync(request, ct);
                response.EnsureSuccessStatusCode();
                var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken: ct);
                _token = body!.AccessToken;
                _expiresAt = DateTimeOffset.UtcNow.AddSeconds(body.ExpiresIn) - Margin;
            }
            return _token;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Invalidate() => _token = null;
}

public sealed class OktaAuthHandler : DelegatingHandler
{
    private readonly OktaTokenProvider _tokens;

    public OktaAuthHandler(OktaTokenProvider tokens) => _tokens = tokens;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _tokens.GetAsync(ct));
        var response = await base.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            _tokens.Invalidate();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _tokens.GetAsync(ct));
            response = await base.SendAsync(request, ct);
        }
        return response;
    }
}
