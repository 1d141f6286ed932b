package oktasync

import (
	"context"
	"fmt"
	"net/http"
	"os"

	"github.com/okta/okta-sdk-golang/v5/okta"
)

// NewAdminClient builds an SDK client for the reporting job.
func NewAdminClient(org string) (*okta.APIClient, error) {
	cfg, err := okta.NewConfiguration(
		okta.WithOrgUrl("https://"+org),
		okta.WithToken(os.Getenv("OKTA_API_TOKEN")),
		okta.WithRequestTimeout(30),
	)
	if err != nil {
		return nil, err
	}
	return okta.NewAPIClient(cfg), nil
}

// ListGroupsRaw calls the REST API directly (used by the legacy exporter).
func ListGroupsRaw(ctx context.Context, org, apiToken string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("https://%s/api/v1/groups", org), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Authorization", "SSWS "+apiToken)
	return http.DefaultClient.Do(req)
}
