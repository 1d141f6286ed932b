package directory

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

type Directory struct {
	Org          string
	ClientID     string
	ClientSecret string
	HTTP         *http.Client
}

func (d *Directory) fetchToken(ctx context.Context) (string, error) {
	body := url.Values{"grant_type": {"client_credentials"}, "scope": {"okta.users.manage"}}
	req, err := http.NewRequestWithContext(ctx, "POST", "https://"+d.Org+"/oauth2/v1/token",
		strings.NewReader(body.Encode()))
	if err != nil {
		return "", err
	}
	req.SetBasicAuth(d.ClientID, d.ClientSecret)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := d.HTTP.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	tok, _ := out["access_token"].(string)
	return tok, nil
}

func (d *Directory) Deactivate(ctx context.Context, userID string) error {
	tok, err := d.fetchToken(ctx)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, "POST",
		fmt.Sprintf("https://%s/api/v1/users/%s/lifecycle/deactivate", d.Org, userID), nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := d.HTTP.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
