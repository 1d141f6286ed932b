# The pipeline exchanges client credentials for an access token before `terraform apply`.
provider "okta" {
  org_name     = var.okta_org_name
  base_url     = "okta.com"
  access_token = var.okta_access_token
  # api_token  = var.okta_api_token
}

variable "okta_access_token" {
  type      = string
  sensitive = true
}
