package oktaclient

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"
)

type Client struct {
	baseURL string
	http    *http.Client
	token   string
}

func requestToken(hc *http.Client, baseURL, clientID, clientSecret string) (string, error) {
	resp, err := hc.PostForm(baseURL+"/oauth2/v1/token", url.Values{
		"grant_type":    {"client_credentials"},
		"scope":         {"okta.users.read"},
		"client_id":     {clientID},
		"client_secret": {clientSecret},
	})
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return "", err
	}
	return body.AccessToken, nil
}

// New builds a client with an access token for the org.
func New(baseURL, clientID, clientSecret string) (*Client, error) {
	hc := &http.Client{Timeout: 20 * time.Second}
	tok, err := requestToken(hc, baseURL, clientID, clientSecret)
	if err != nil {
		return nil, err
	}
	return &Client{baseURL: strings.TrimRight(baseURL, "/"), http: hc, token: tok}, nil
}

func (c *Client) GetUser(id string) (*http.Response, error) {
	req, err := http.NewRequest("GET", c.baseURL+"/api/v1/users/"+id, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	return c.http.Do(req)
}
