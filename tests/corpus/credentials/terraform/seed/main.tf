variable "okta_org" {
  type = string
}

variable "okta_api_token" {
  type      = string
  sensitive = true
  # validation: tokens start with 00
}

data "http" "okta_groups" {
  url = "https://${var.okta_org}/api/v1/groups?q=ops"
  request_headers = {
    Accept        = "application/json"
    Authorization = "SSWS ${var.okta_api_token}"
  }
}

resource "null_resource" "seed_users" {
  provisioner "local-exec" {
    command = <<-EOT
      curl -sS --fail \
        -H "Authorization: SSWS ${var.okta_api_token}" \
        -d @seed-users.json "https://${var.okta_org}/api/v1/users?activate=false"
    EOT
  }
}

/* provider "okta" {
  api_token = var.okta_api_token
} */
