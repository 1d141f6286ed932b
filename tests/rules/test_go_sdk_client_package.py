"""Go: an okta-sdk-golang client made by a method of one file and used in the package's other
files (issue 15, "SDK clients reached through typed parameters, fields, factories"). A Go
package shares functions without imports: ``ops.go`` calls ``p.client(ctx)``, which
``provider.go`` defines to return ``*okta.Client``, and calls ``oktaClient.User.ResetFactors``
on the result. The method is a ``SdkClientExport``, the call an ``ImportedSdkCall``, and
:mod:`oinlint.crossfile` makes it the Okta call it is, so its scope counts."""

from __future__ import annotations

from project_rules import all_hits, parsed

from oinlint.crossfile import resolve, with_resolved
from oinlint.facts import ApiCall

PROVIDER = '''package dir

import (
	"context"

	"github.com/okta/okta-sdk-golang/v2/okta"
)

var oktaScopes = []string{
	"okta.users.manage",
	"okta.orgs.read",
	"okta.groups.read",
}

type Provider struct {
	URL    string
	Client *okta.Client
}

func (p *Provider) client(ctx context.Context) (context.Context, *okta.Client, error) {
	if p.Client != nil {
		return ctx, p.Client, nil
	}
	ctx, client, err := okta.NewClient(ctx, okta.WithOrgUrl(p.URL),
		okta.WithAuthorizationMode("PrivateKey"), okta.WithScopes(oktaScopes))
	if err != nil {
		return nil, nil, err
	}
	p.Client = client
	return ctx, client, nil
}
'''

OPS = '''package dir

import "context"

func (p *Provider) ResetMFA(ctx context.Context, id string) error {
	ctx, oktaClient, err := p.client(ctx)
	if err != nil {
		return err
	}
	_, err = oktaClient.User.ResetFactors(ctx, id)
	return err
}
'''

# imports only the SDK's query package, as real code that gets its client elsewhere does
GROUPS = '''package dir

import (
	"context"

	"github.com/okta/okta-sdk-golang/v2/okta/query"
)

func (p *Provider) Groups(ctx context.Context) (int, error) {
	ctx, client, err := p.client(ctx)
	if err != nil {
		return 0, err
	}
	groups, _, err := client.Group.ListGroups(ctx, query.NewQueryParams(query.WithLimit(200)))
	return len(groups), err
}
'''


def _calls(files: dict[str, str]) -> list[tuple[str, int, str, str]]:
    facts = parsed(files)
    resolved = with_resolved(facts, resolve(facts))
    return sorted((f.path, c.span.line, c.method or "", c.path_template or "")
                  for f in resolved for c in f.of(ApiCall))


def test_calls_on_a_client_another_file_made_are_okta_calls() -> None:
    files = {"dir/provider.go": PROVIDER, "dir/ops.go": OPS, "dir/groups.go": GROUPS}
    assert _calls(files) == [
        ("dir/groups.go", 14, "GET", "/api/v1/groups"),
        ("dir/ops.go", 10, "POST", "/api/v1/users/{id}/lifecycle/reset_factors"),
    ]


def test_only_the_scope_no_call_needs_is_reported() -> None:
    files = {"dir/provider.go": PROVIDER, "dir/ops.go": OPS, "dir/groups.go": GROUPS}
    assert all_hits(files, "OIN20") == [("OIN203", "dir/provider.go", 11)]


def test_without_the_file_that_resets_factors_users_manage_looks_unused() -> None:
    hits = all_hits({"dir/provider.go": PROVIDER, "dir/groups.go": GROUPS}, "OIN20")
    assert [(code, line) for code, _, line in hits] == [("OIN203", 10), ("OIN203", 11)]


def test_another_package_is_not_joined() -> None:
    # the same method name in another directory is another package's
    files = {"dir/provider.go": PROVIDER, "other/ops.go": OPS.replace("package dir",
                                                                      "package other")}
    assert _calls(files) == []


def test_a_local_bound_to_something_else_is_not_a_client() -> None:
    shapes = [
        # made by another package's constructor
        OPS.replace("ctx, oktaClient, err := p.client(ctx)",
                    "oktaClient, err := cache.NewClient(ctx)"),
        # a struct of this file
        OPS.replace("ctx, oktaClient, err := p.client(ctx)",
                    "oktaClient, err := &Fake{}, error(nil)"),
        # bound twice: which one is used is not known
        OPS.replace("ctx, oktaClient, err := p.client(ctx)",
                    "ctx, oktaClient, err := p.client(ctx)\n\tctx, oktaClient, err = p.other(ctx)"),
        # a function of this package that returns something else
        OPS.replace("p.client(ctx)", "p.settings(ctx)"),
    ]
    for ops in shapes:
        assert _calls({"dir/provider.go": PROVIDER, "dir/ops.go": ops}) == [], ops
