package main

import (
	"context"
	"fmt"
	"log"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

func main() {
	cc := clientcredentials.Config{
		ClientID:     "0oa1fakeoinlintGoId",
		ClientSecret: "FAKEoinlintGotnNqqGwc8BTmSNpUcIV9REPZmMb",
		TokenURL:     "https://acme-dev.oktapreview.com/oauth2/v1/token",
		Scopes:       []string{"okta.users.read"},
		AuthStyle:    oauth2.AuthStyleInHeader,
	}
	tok, err := cc.Token(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("expires", tok.Expiry)
}
