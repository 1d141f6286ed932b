"""What every front end shares: string values, credential and Okta-URL words, path classes."""
