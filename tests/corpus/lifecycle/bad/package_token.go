package okta

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
)

var (
	tokenOnce   sync.Once
	accessToken string
	tokenErr    error
)

type tokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
}

func fetchToken(ctx context.Context) (string, error) {
	form := url.Values{}
	form.Set("grant_type", "client_credentials")
	form.Set("scope", "okta.users.read okta.groups.read")
	req, err := http.NewRequestWithContext(ctx, http.MethodPost,
		os.Getenv("OKTA_ORG_URL")+"/oauth2/v1/token", strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(os.Getenv("OKTA_CLIENT_ID"), os.Getenv("OKTA_CLIENT_SECRET"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var tr tokenResponse
	if err := json.NewDecoder(resp.Body).Decode(&tr); err != nil {
		return "", fmt.Errorf("decode token: %w", err)
	}
	return tr.AccessToken, nil
}

// token returns the process-wide access token.
func token(ctx context.Context) (string, error) {
	tokenOnce.Do(func() {
		accessToken, tokenErr = fetchToken(ctx)
	})
	return accessToken, tokenErr
}

func ListGroups(ctx context.Context) (*http.Response, error) {
	tok, err := token(ctx)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, os.Getenv("OKTA_ORG_URL")+"/api/v1/groups", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	return http.DefaultClient.Do(req)
}
