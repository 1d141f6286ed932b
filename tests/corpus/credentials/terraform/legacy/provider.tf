provider "okta" {
  org_name  = "acme"
  base_url  = "oktapreview.com"
  api_token = "00FAKEoinlintTFyFRirqwhKJP9Q5w2GDjAcg8hmxi"
}

data "vault_generic_secret" "okta_globex" {
  path = "secret/okta/globex"
}

provider "okta" {
  alias     = "globex"
  org_name  = "globex"
  base_url  = "okta.com"
  api_token = data.vault_generic_secret.okta_globex.data["api_token"]
}
