using System;
using System.Net.Http;
using System.Threading.Tasks;
using IdentityModel.Client;

namespace Acme.Okta.Jobs;

public static class ExportJob
{
    // Scheduled nightly; one token per tenant per run.
    public static async Task RunAsync(TenantStore store, HttpClient http)
    {
        foreach (var tenant in await store.ListTenantsAsync())
        {
            var tokenResponse = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
            {
                Address = $"https://{tenant.Domain}/oauth2/v1/token",
                ClientId = tenant.ClientId,
                ClientSecret = tenant.ClientSecret,
                Scope = "okta.logs.read",
            });
            if (tokenResponse.IsError)
            {
                throw new InvalidOperationException(tokenResponse.Error);
            }
            http.SetBearerToken(tokenResponse.AccessToken);
            var logs = await http.GetStringAsync($"https://{tenant.Domain}/api/v1/logs?since={tenant.LastExport:O}");
            await store.SaveLogsAsync(tenant, logs);
        }
    }
}
