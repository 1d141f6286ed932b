provider "okta" {
  org_name       = "acme"
  base_url       = "okta.com"
  client_id      = "0oa3fakeoinlintTfId"
  scopes         = ["okta.groups.manage"]
  private_key_id = "oinlint-fake-kid-2"
  private_key    = <<-EOT
    -----BEGIN PRIVATE KEY-----
    MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQFAKEoinlintKEY
    FAKEoinlintNOTaREALkeyDoNotUseThisIsCorpusDataOnlyQWxhZGRpbjEyMw
    -----END PRIVATE KEY-----
  EOT
}
