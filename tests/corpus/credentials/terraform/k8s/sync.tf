provider "okta" {
  org_name    = var.okta_org_name
  base_url    = "okta.com"
  client_id   = var.okta_tf_client_id
  private_key = var.okta_tf_private_key # PEM from the pipeline's vault
  scopes      = ["okta.apps.manage"]
}

resource "kubernetes_secret" "sync" {
  metadata {
    name = "acme-sync-okta"
  }
  data = {
    OKTA_CLIENT_ID     = "0oa8fakeoinlintK8sId"
    OKTA_CLIENT_SECRET = "FAKE-oinlint-k8s-Wn3Xq7Rb2Lm9Tz5Vc8Hk1Pd4"
  }
}

resource "kubernetes_deployment" "sync" {
  metadata {
    name = "acme-sync"
  }
  spec {
    template {
      spec {
        container {
          name  = "sync"
          image = "acme/sync:4.2"
          env {
            name  = "OKTA_CLIENT_TOKEN"
            value = "" // removed in 4.0; kept empty so old pods fail fast
          }
          env {
            name = "OKTA_CLIENT_SECRET"
            value_from {
              secret_key_ref {
                name = kubernetes_secret.sync.metadata[0].name
                key  = "OKTA_CLIENT_SECRET"
              }
            }
          }
        }
      }
    }
  }
}
