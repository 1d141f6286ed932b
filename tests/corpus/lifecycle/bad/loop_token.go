package provisioning

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

type Provisioner struct {
	Org    string
	Client *http.Client
	ID     string
	Secret string
}

func (p *Provisioner) token(ctx context.Context) (string, error) {
	form := url.Values{"grant_type": {"client_credentials"}, "scope": {"okta.users.manage"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "https://"+p.Org+"/oauth2/v1/token",
		strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.SetBasicAuth(p.ID, p.Secret)
	resp, err := p.Client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct {
		AccessToken string `json:"access_token"`
	}
	err = json.NewDecoder(resp.Body).Decode(&out)
	return out.AccessToken, err
}

func (p *Provisioner) Unsuspend(ctx context.Context, userIDs []string) error {
	for _, id := range userIDs {
		tok, err := p.token(ctx)
		if err != nil {
			return err
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost,
			"https://"+p.Org+"/api/v1/users/"+id+"/lifecycle/unsuspend", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := p.Client.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
	}
	return nil
}
