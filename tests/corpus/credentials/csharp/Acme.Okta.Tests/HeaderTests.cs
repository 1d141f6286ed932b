using System;
using Acme.Okta;
using Xunit;

namespace Acme.Okta.Tests
{
    public class HeaderTests
    {
        // Look-alikes, none of them a credential.
        private const string CommitSha = "00f1e2d3c4b5a69788796a5b4c3d2e1f00a1b2c3d4";
        private const string PlaceholderToken = "00xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
        private const string AppId = "0oa3fakeoinlintTestApp";
        private const string ClientSecret = "<client-secret>";

        [Fact]
        public void RefusesApiTokens()
        {
            Assert.True(LegacyOktaClient.IsApiToken($"SSWS {PlaceholderToken}"));
            Assert.False(LegacyOktaClient.IsApiToken("Bearer eyJraWQiOiJGQUtFIn0"));
        }

        [Fact]
        public void BearerHeader()
        {
            var header = TokenProvider.Bearer("access-token");
            Assert.Equal("Bearer", header.Scheme);
            Assert.DoesNotContain("SSWS", header.ToString());
            Assert.Equal(42, CommitSha.Length);
            Assert.NotEmpty(AppId + ClientSecret);
        }
    }
}
