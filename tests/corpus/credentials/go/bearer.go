package oktasync

import (
	"context"
	"net/http"
	"os"

	"github.com/okta/okta-sdk-golang/v5/okta"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// TokenSource returns a cached, auto-renewing client-credentials token source for one org.
func TokenSource(ctx context.Context, org string) oauth2.TokenSource {
	cc := clientcredentials.Config{
		ClientID:     os.Getenv("OKTA_CLIENT_ID"),
		ClientSecret: os.Getenv("OKTA_CLIENT_SECRET"),
		TokenURL:     "https://" + org + "/oauth2/v1/token",
		Scopes:       []string{"okta.users.read", "okta.groups.read"},
		AuthStyle:    oauth2.AuthStyleInHeader,
	}
	return cc.TokenSource(ctx)
}

// NewBearerClient hands an access token to the SDK in Bearer mode.
func NewBearerClient(org, accessToken string) (*okta.APIClient, error) {
	cfg, err := okta.NewConfiguration(
		okta.WithOrgUrl("https://"+org),
		okta.WithAuthorizationMode("Bearer"),
		okta.WithToken(accessToken),
	)
	if err != nil {
		return nil, err
	}
	return okta.NewAPIClient(cfg), nil
}

// SetBearer sets the Authorization header on a raw request.
func SetBearer(req *http.Request, tok *oauth2.Token) {
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
}
