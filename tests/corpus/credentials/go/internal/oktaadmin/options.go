package oktaadmin

import (
	"errors"
	"net/http"
	"os"
	"strings"

	okta "github.com/okta/okta-sdk-golang/v5/okta"
)

// ErrAPIToken is returned when a caller passes "SSWS <token>" instead of an access token.
var ErrAPIToken = errors.New("SSWS API tokens are not supported; use the OIN client credentials")

// Options collects the SDK settings for the nightly export.
func Options(org string) []okta.ConfigSetter {
	opts := []okta.ConfigSetter{
		okta.WithOrgUrl("https://" + org),
		okta.WithToken(os.Getenv("OKTA_CLIENT_TOKEN")),
	}
	return append(opts, okta.WithRateLimitMaxRetries(3))
}

// RawHeaders builds the headers for the raw export endpoint.
func RawHeaders(apiToken string) http.Header {
	return http.Header{
		"Accept":        {"application/json"},
		"Authorization": {"SSWS " + apiToken},
	}
}

// BearerHeaders is what v4 sends.
func BearerHeaders(accessToken string) http.Header {
	h := http.Header{}
	h.Set("Authorization", "Bearer "+accessToken)
	return h
}

// CheckHeader refuses API tokens.
func CheckHeader(value string) error {
	if strings.HasPrefix(value, "SSWS ") {
		return ErrAPIToken
	}
	return nil
}
