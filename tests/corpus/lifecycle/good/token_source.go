package okta

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

const expiryMargin = 2 * time.Minute

type Tokens struct {
	org, clientID, clientSecret string
	hc                          *http.Client

	mu      sync.Mutex
	token   string
	expires time.Time
}

func (t *Tokens) Get(ctx context.Context) (string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.token != "" && time.Now().Before(t.expires) {
		return t.token, nil
	}
	form := url.Values{"grant_type": {"client_credentials"}, "scope": {"okta.users.read"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "https://"+t.org+"/oauth2/v1/token",
		strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.SetBasicAuth(t.clientID, t.clientSecret)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := t.hc.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int64  `json:"expires_in"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return "", err
	}
	t.token = body.AccessToken
	t.expires = time.Now().Add(time.Duration(body.ExpiresIn)*time.Second - expiryMargin)
	return t.token, nil
}

func (t *Tokens) Invalidate() {
	t.mu.Lock()
	t.token = ""
	t.mu.Unlock()
}

func (t *Tokens) ListUsers(ctx context.Context) (*http.Response, error) {
	for attempt := 0; attempt < 2; attempt++ {
		tok, err := t.Get(ctx)
		if err != nil {
			return nil, err
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://"+t.org+"/api/v1/users", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := t.hc.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			t.Invalidate()
			continue
		}
		return resp, nil
	}
	return nil, fmt.Errorf("okta: unauthorized after a new token")
}
