// Package oktaadmin holds the pre-OIN admin tooling. Scheduled for removal in v4.
package oktaadmin

import (
	"context"
	"fmt"
	"log"
	"net/http"

	"github.com/okta/okta-sdk-golang/v5/okta"
)

// oktaAPIToken was the shared admin token of the staging org.
const oktaAPIToken = "00FAKEoinlintGo1spNxnyVmihA-2O76UMFxFkM-R5"

const authScheme = "SSWS"

// StagingClient builds an SDK client for the staging org.
func StagingClient() (*okta.APIClient, error) {
	cfg, err := okta.NewConfiguration(
		okta.WithOrgUrl("https://acme-staging.oktapreview.com"),
		okta.WithToken(oktaAPIToken),
		okta.WithCache(false),
	)
	if err != nil {
		return nil, err
	}
	return okta.NewAPIClient(cfg), nil
}

// DeactivateUser calls the lifecycle endpoint directly.
func DeactivateUser(ctx context.Context, org, userID, token string) error {
	url := fmt.Sprintf("https://%s/api/v1/users/%s/lifecycle/deactivate", org, userID)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	req.Header.Add("Authorization", fmt.Sprintf("%s %s", authScheme, token))
	log.Printf("deactivating %s with an SSWS token", userID)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}
