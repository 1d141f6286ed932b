"""The text scope matrix names a Terraform block as written (``resource "okta_group" "ops"``),
not with an HTTP verb it does not have (it showed ``ANY resource …``)."""

from __future__ import annotations

from pathlib import Path

from fakes import run_oinlint

MAIN_TF = '''provider "okta" {
  org_name    = var.org_name
  base_url    = "okta.com"
  client_id   = var.client_id
  private_key = var.private_key
  scopes      = ["okta.groups.manage", "okta.users.read"]
}

resource "okta_group" "ops" {
  name = "Operations"
}

data "okta_users" "everyone" {
}
'''


def test_scope_matrix_names_terraform_blocks_without_a_verb(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN_TF, encoding="utf-8")
    run = run_oinlint(["check", "--isolated", "--no-cache", "--show-scopes", "."], tmp_path)
    assert 'resource "okta_group" "ops"' in run.stdout, run.stdout + run.stderr
    assert "ANY resource" not in run.stdout
    assert "ANY data" not in run.stdout
