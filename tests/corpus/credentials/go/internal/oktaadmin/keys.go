package oktaadmin

import (
	"os"

	"github.com/okta/okta-sdk-golang/v5/okta"
)

// devPrivateKey is the DEV service app key (private_key_jwt). Rotated after the 2024 audit.
const devPrivateKey = `-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEAxFAKEoinlintNOTaREALkey0123456789abcdefghijklmnopqrstuvwxyzABCDEF
GHIJKLMNOPQRSTUVWXYZ0123456789FAKEoinlintNOTaREALkeyabcdefghijklmnopqrstuvwxyz01
-----END RSA PRIVATE KEY-----`

const devClientID = "0oa7fakeoinlintGoDevId"

// ServiceClient uses private_key_jwt against the org authorization server.
func ServiceClient(org string) (*okta.APIClient, error) {
	cfg, err := okta.NewConfiguration(
		okta.WithOrgUrl("https://"+org),
		okta.WithAuthorizationMode("PrivateKey"),
		okta.WithClientId(devClientID),
		okta.WithScopes([]string{"okta.users.read", "okta.apps.read"}),
		okta.WithPrivateKey(devPrivateKey),
	)
	if err != nil {
		return nil, err
	}
	return okta.NewAPIClient(cfg), nil
}

// ProdServiceClient reads its key from the secret mount.
func ProdServiceClient(org string) (*okta.APIClient, error) {
	key, err := os.ReadFile("/run/secrets/okta-private-key.pem")
	if err != nil {
		return nil, err
	}
	cfg, err := okta.NewConfiguration(
		okta.WithOrgUrl("https://"+org),
		okta.WithAuthorizationMode("PrivateKey"),
		okta.WithClientId(os.Getenv("OKTA_CLIENT_ID")),
		okta.WithScopes([]string{"okta.users.read"}),
		okta.WithPrivateKey(string(key)),
	)
	if err != nil {
		return nil, err
	}
	return okta.NewAPIClient(cfg), nil
}
