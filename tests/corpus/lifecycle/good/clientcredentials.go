package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

func main() {
	cfg := clientcredentials.Config{
		ClientID:     os.Getenv("OKTA_CLIENT_ID"),
		ClientSecret: os.Getenv("OKTA_CLIENT_SECRET"),
		TokenURL:     os.Getenv("OKTA_ORG_URL") + "/oauth2/v1/token",
		Scopes:       []string{"okta.logs.read"},
		AuthStyle:    oauth2.AuthStyleInHeader,
	}
	// the client's TokenSource caches the token and fetches a new one before it expires
	client := cfg.Client(context.Background())
	resp, err := client.Get(os.Getenv("OKTA_ORG_URL") + "/api/v1/logs?limit=100")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(string(body))
}
