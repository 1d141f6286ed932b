package oktaadmin

import (
	"net/url"
	"testing"
)

// Look-alikes: none of these is a credential.
const (
	commitSHA        = "0012ab34cd56ef7890ab12cd34ef5678ab90cd12ef"
	placeholderToken = "00xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	groupID          = "00g1fakeoinlintGroup"
	clientSecretEnv  = "OKTA_CLIENT_SECRET"
)

func TestCheckHeader(t *testing.T) {
	if err := CheckHeader("SSWS " + placeholderToken); err == nil {
		t.Fatalf("expected SSWS to be refused")
	}
	if err := CheckHeader("Bearer eyJraWQiOi"); err != nil {
		t.Errorf("Bearer must pass: %v", err)
	}
}

func TestTokenForm(t *testing.T) {
	form := url.Values{}
	form.Set("grant_type", "client_credentials")
	form.Set("scope", "okta.users.read")
	form.Set("client_secret", "${OKTA_CLIENT_SECRET}")
	if form.Get("client_secret") == "" || len(commitSHA) != 42 || groupID == "" || clientSecretEnv == "" {
		t.Fatal("bad fixture")
	}
}
