provider "okta" {
  org_name       = var.okta_org_name
  base_url       = "okta.com"
  client_id      = var.okta_client_id
  scopes         = ["okta.groups.manage", "okta.apps.read"]
  private_key    = file("${path.module}/secrets/okta-tf.pem")
  private_key_id = var.okta_private_key_id
}

resource "okta_app_oauth" "access_review" {
  label                      = "Access Review (service)"
  type                       = "service"
  grant_types                = ["client_credentials"]
  response_types             = ["token"]
  token_endpoint_auth_method = "client_secret_basic"
}

output "access_review_client_secret" {
  value     = okta_app_oauth.access_review.client_secret
  sensitive = true
}
