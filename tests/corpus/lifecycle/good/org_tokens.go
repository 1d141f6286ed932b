package tokens

import (
	"encoding/json"
	"net/http"
	"net/url"
	"sync"
	"time"
)

type entry struct {
	value   string
	expires time.Time
}

type Cache struct {
	mu      sync.Mutex
	entries map[string]entry
	hc      *http.Client
}

func (c *Cache) Token(org Org) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[org.Domain]; ok && time.Until(e.expires) > time.Minute {
		return e.value, nil
	}
	resp, err := c.hc.PostForm("https://"+org.Domain+"/oauth2/v1/token", url.Values{
		"grant_type": {"client_credentials"}, "scope": {"okta.groups.read"},
		"client_id": {org.ClientID}, "client_secret": {org.ClientSecret},
	})
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return "", err
	}
	c.entries[org.Domain] = entry{body.AccessToken, time.Now().Add(time.Duration(body.ExpiresIn) * time.Second)}
	return body.AccessToken, nil
}

func (c *Cache) Drop(org Org) {
	c.mu.Lock()
	delete(c.entries, org.Domain)
	c.mu.Unlock()
}

func Groups(c *Cache, org Org) (*http.Response, error) {
	tok, err := c.Token(org)
	if err != nil {
		return nil, err
	}
	req, _ := http.NewRequest(http.MethodGet, "https://"+org.Domain+"/api/v1/groups", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := c.hc.Do(req)
	if err == nil && resp.StatusCode == 401 {
		resp.Body.Close()
		c.Drop(org)
		return Groups(c, org)
	}
	return resp, err
}
