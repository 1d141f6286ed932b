package okta

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

type Client struct {
	base  string
	token string
	http  *http.Client
}

func (c *Client) fetchToken(ctx context.Context) error {
	form := url.Values{"grant_type": {"client_credentials"}, "scope": {"okta.users.read okta.groups.read"}}
	req, _ := http.NewRequestWithContext(ctx, "POST", c.base+"/oauth2/v1/token", strings.NewReader(form.Encode()))
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var out struct{ AccessToken string `json:"access_token"` }
	return json.NewDecoder(resp.Body).Decode(&out)
}

func (c *Client) getJSON(ctx context.Context, path string, out any) error {
	req, _ := http.NewRequestWithContext(ctx, "GET", c.base+path, nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(out)
}

func (c *Client) Report(ctx context.Context) error {
	var users, groups []map[string]any
	if err := c.getJSON(ctx, "/api/v1/users", &users); err != nil {
		return err
	}
	return c.getJSON(ctx, "/api/v1/groups", &groups)
}
