terraform {
  required_providers {
    okta = {
      source  = "okta/okta"
      version = "~> 4.8"
    }
  }
}

variable "okta_org_name" {
  type = string
}

variable "okta_api_token" {
  type      = string
  sensitive = true
}

provider "okta" {
  org_name  = var.okta_org_name
  base_url  = "okta.com"
  api_token = var.okta_api_token
}

resource "okta_group" "reviewers" {
  name        = "Access Reviewers"
  description = "Members can run the nightly access review"
}
