"""A token fetched by one Go or Java file's function and kept by another (issue 15, "lifecycle
across functions"), the twin of test_crossfile_lifecycle_js.py for languages whose files share
functions without importing them: a Go package's files (one directory) call each other's
functions and methods, a Java class calls the methods of another through a typed field,
parameter or local. The fetching file writes ``TokenRequest.exported_by``, the keeping file a
``TokenHandoff`` (``go:#Type.m``, ``java:#Class.m``), and :mod:`oinlint.crossfile` joins them."""

from __future__ import annotations

import pytest
from project_rules import handoffs as _handoffs
from project_rules import hits as _hits
from project_rules import parsed as _parsed
from project_rules import where as _where

from oinlint.crossfile import resolve, with_resolved
from oinlint.facts import HandedToken, TokenRequest, Unresolved
from oinlint.frontends import parse

# -- Go ------------------------------------------------------------------------------------

AUTH_GO = """package okta

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

type Client struct {
	org  string
	http *http.Client
	tok  string
}

func (c *Client) token(ctx context.Context) (string, error) {
	form := url.Values{"grant_type": {"client_credentials"}, "scope": {"okta.users.read"}}
	req, _ := http.NewRequestWithContext(ctx, "POST", c.org+"/oauth2/v1/token",
		strings.NewReader(form.Encode()))
	resp, err := c.http.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
	}
	json.NewDecoder(resp.Body).Decode(&body)
	return body.AccessToken, nil
}

func getToken() (string, error) {
	c := &Client{org: "https://example.okta.com", http: http.DefaultClient}
	resp, err := http.PostForm(c.org+"/oauth2/v1/token", url.Values{
		"grant_type": {"client_credentials"}, "scope": {"okta.users.read"}})
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
	}
	json.NewDecoder(resp.Body).Decode(&body)
	return body.AccessToken, nil
}
"""

USERS_GO = """package okta

import (
	"context"
	"net/http"
)

func (c *Client) ListUsers(ctx context.Context) (*http.Response, error) {
	tok, _ := c.token(ctx)
	req, _ := http.NewRequestWithContext(ctx, "GET", c.org+"/api/v1/users", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	return c.http.Do(req)
}
"""

MAIN_GO = """package okta

import (
	"fmt"
	"time"
)

func main() {
	tok, err := getToken()
	if err != nil {
		panic(err)
	}
	for {
		fmt.Println(len(tok))
		time.Sleep(time.Minute)
	}
}
"""

INIT_GO = """package okta

import "context"

func (c *Client) Init(ctx context.Context) {
	t, _ := c.token(ctx)
	c.tok = t
}
"""

ONCE_GO = """package okta

import (
	"fmt"
	"net/http"
	"os"
)

func main() {
	tok, _ := getToken()
	for _, id := range os.Args[1:] {
		req, _ := http.NewRequest("GET", os.Getenv("OKTA_ORG")+"/api/v1/users/"+id, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, _ := http.DefaultClient.Do(req)
		fmt.Println(resp.Status)
	}
}
"""










def test_a_go_token_returned_to_the_packages_other_files_names_its_function() -> None:
    facts = parse("okta/auth.go", AUTH_GO, "go")
    assert sorted((r.exported_by or "", r.span.line) for r in facts.of(TokenRequest)) == [
        ("Client.token", 19), ("getToken", 35)]


def test_go_calls_of_the_packages_functions_kept_here_are_handoffs() -> None:
    assert _handoffs("okta/users.go", USERS_GO) == [("go:#Client.token", "none", None, 9)]
    assert _handoffs("okta/main.go", MAIN_GO) == [("go:#getToken", "local", "loop", 9)]
    assert _handoffs("okta/init.go", INIT_GO) == [("go:#Client.token", "instance", None, 6)]


def test_a_go_method_asked_for_a_token_per_api_call_in_another_file() -> None:
    files = {"okta/auth.go": AUTH_GO, "okta/users.go": USERS_GO}
    assert _hits(files, "OIN304") == [("okta/users.go", 9)]
    parsed = _parsed(files)
    auth, users = with_resolved(parsed, resolve(parsed))
    assert [(h.request.exported_by, h.span.line) for h in users.of(HandedToken)] == [
        ("Client.token", 9)]
    # Client.token's fate is now known; getToken's (called by no file here) still is not
    assert [u.span.line for u in parsed[0].of(Unresolved) if u.what == "token-lifecycle"] == [
        19, 35]
    assert [u.span.line for u in auth.of(Unresolved) if u.what == "token-lifecycle"] == [35]


def test_a_go_token_held_by_a_worker_loop_of_main_in_another_file() -> None:
    files = {"okta/auth.go": AUTH_GO, "okta/main.go": MAIN_GO}
    assert _where(files) == [
        ("okta/main.go", 9, "in a local that a never-ending worker loop keeps using")]
    assert _hits(files, "OIN303") == [("okta/main.go", 9)]


def test_a_go_token_stored_in_a_struct_field_in_another_file() -> None:
    files = {"okta/auth.go": AUTH_GO, "okta/init.go": INIT_GO}
    assert _where(files) == [("okta/init.go", 6, "in an instance attribute")]


@pytest.mark.parametrize("code", [
    "func ListGroups(ctx context.Context, c *Client) {\n\ttok, _ := c.token(ctx)\n",
    "func ListGroups(ctx context.Context) {\n\tc := NewClient()\n\ttok, _ := c.token(ctx)\n",
    "func ListGroups(ctx context.Context) {\n\tc := &Client{}\n\tvar tok, _ = c.token(ctx)\n",
    "type Groups struct {\n\tapi *Client\n}\n\nfunc (g *Groups) List(ctx context.Context) {\n"
    "\ttok, _ := g.api.token(ctx)\n",
], ids=["parameter", "constructor-local", "literal-local-var", "struct-field"])
def test_every_way_go_knows_the_receivers_type(code: str) -> None:
    groups = ("package okta\n\nimport (\n\t\"context\"\n\t\"net/http\"\n)\n\n" + code +
              "\treq, _ := http.NewRequest(\"GET\", \"https://example.okta.com/api/v1/groups\", "
              "nil)\n\treq.Header.Set(\"Authorization\", \"Bearer \"+tok)\n"
              "\thttp.DefaultClient.Do(req)\n}\n")
    line = next(n for n, text in enumerate(groups.splitlines(), 1) if ".token(ctx)" in text)
    files = {"okta/auth.go": AUTH_GO, "okta/groups.go": groups}
    # (``NewClient()`` is a kept call of the package's function too: crossfile drops it)
    assert ("go:#Client.token", line) in [(h[0], h[3]) for h in _handoffs("okta/groups.go",
                                                                          groups)]
    assert _hits(files, "OIN304") == [("okta/groups.go", line)]


def test_a_go_one_shot_main_is_not_reported() -> None:
    """``main`` runs once: the token it gets lives as long as the run; the worker loop's main
    beside it is reported."""
    assert _handoffs("okta/once.go", ONCE_GO) == []
    files = {"okta/auth.go": AUTH_GO, "okta/once.go": ONCE_GO}
    for code in ("OIN301", "OIN303", "OIN304"):
        assert _hits(files, code) == []
    files["okta/main.go"] = MAIN_GO
    assert _hits(files, "OIN303") == [("okta/main.go", 9)]


def test_a_go_callee_that_caches_with_expiry_exports_no_token() -> None:
    cached = AUTH_GO.replace(
        "func (c *Client) token(ctx context.Context) (string, error) {\n",
        "func (c *Client) token(ctx context.Context) (string, error) {\n"
        "\tif c.tok != \"\" && time.Now().Before(c.exp) {\n\t\treturn c.tok, nil\n\t}\n").replace(
        "\treturn body.AccessToken, nil\n}\n\nfunc getToken", "\tc.tok = body.AccessToken\n"
        "\tc.exp = time.Now().Add(time.Duration(body.ExpiresIn-60) * time.Second)\n"
        "\treturn c.tok, nil\n}\n\nfunc getToken", 1).replace(
        "\tAccessToken string `json:\"access_token\"`\n\t}\n\tjson.NewDecoder(resp.Body)."
        "Decode(&body)\n\tc.tok",
        "\tAccessToken string `json:\"access_token\"`\n\t\tExpiresIn int `json:\"expires_in\"`"
        "\n\t}\n\tjson.NewDecoder(resp.Body).Decode(&body)\n\tc.tok", 1).replace(
        "\"strings\"\n", "\"strings\"\n\t\"time\"\n")
    assert [r.exported_by for r in parse("okta/auth.go", cached, "go").of(TokenRequest)] == [
        None, "getToken"]
    assert _hits({"okta/auth.go": cached, "okta/users.go": USERS_GO}, "OIN304") == []
    per_call = USERS_GO.replace("c.token(ctx)", "getToken()")
    assert _hits({"okta/auth.go": cached, "okta/users.go": per_call}, "OIN304") == [
        ("okta/users.go", 9)]


def test_a_go_function_of_the_package_that_returns_no_token_is_not_reported() -> None:
    config = ("package okta\n\nimport \"os\"\n\nfunc (c *Client) token(ctx any) (string, error) "
              "{\n\treturn os.Getenv(\"OKTA_ORG\"), nil\n}\n")
    files = {"okta/config.go": config, "okta/users.go": USERS_GO}
    assert _handoffs("okta/users.go", USERS_GO) == [("go:#Client.token", "none", None, 9)]
    assert _hits(files, "OIN304") == []


def test_a_go_package_is_its_directory() -> None:
    assert _hits({"okta/auth.go": AUTH_GO, "other/users.go": USERS_GO}, "OIN304") == []
    assert _hits({"auth.go": AUTH_GO, "users.go": USERS_GO}, "OIN304") == [("users.go", 9)]


# -- Java ----------------------------------------------------------------------------------

TOKEN_JAVA = """package com.acme.okta;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import com.fasterxml.jackson.databind.ObjectMapper;

public class TokenService {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String org = System.getenv("OKTA_ORG");

    public String fetchToken() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(org + "/oauth2/v1/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(
                "grant_type=client_credentials&scope=okta.users.read"))
            .build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        String token = new ObjectMapper().readTree(res.body()).get("access_token").asText();
        return token;
    }
}
"""

USERS_JAVA = """package com.acme.okta;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class UsersClient {
    private final TokenService tokens;
    private final HttpClient http = HttpClient.newHttpClient();

    public UsersClient(TokenService tokens) {
        this.tokens = tokens;
    }

    public String listUsers() throws Exception {
        String token = tokens.fetchToken();
        HttpRequest req = HttpRequest.newBuilder(
                URI.create(System.getenv("OKTA_ORG") + "/api/v1/users"))
            .header("Authorization", "Bearer " + token)
            .build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }
}
"""

GROUPS_JAVA = """package com.acme.okta;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.stereotype.Service;

@Service
public class GroupsService {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String token;

    public GroupsService(TokenService tokens) throws Exception {
        this.token = tokens.fetchToken();
    }

    public String listGroups() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(
                URI.create(System.getenv("OKTA_ORG") + "/api/v1/groups"))
            .header("Authorization", "Bearer " + token)
            .build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }
}
"""

CLI_JAVA = """package com.acme.okta;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class Cli {
    public static void main(String[] args) throws Exception {
        TokenService tokens = new TokenService();
        String token = tokens.fetchToken();
        HttpClient http = HttpClient.newHttpClient();
        for (String id : args) {
            HttpRequest req = HttpRequest.newBuilder(
                    URI.create(System.getenv("OKTA_ORG") + "/api/v1/users/" + id))
                .header("Authorization", "Bearer " + token)
                .build();
            System.out.println(http.send(req, HttpResponse.BodyHandlers.ofString()).body());
        }
    }
}
"""

_TOKEN_PATH = "src/main/java/com/acme/okta/TokenService.java"


def _java(name: str) -> str:
    return f"src/main/java/com/acme/okta/{name}.java"


def test_a_java_token_returned_to_other_classes_names_its_method() -> None:
    facts = parse(_TOKEN_PATH, TOKEN_JAVA, "java")
    assert [(r.exported_by, r.span.line) for r in facts.of(TokenRequest)] == [
        ("TokenService.fetchToken", 14)]


def test_a_java_field_asked_for_a_token_in_each_api_method() -> None:
    assert _handoffs(_java("UsersClient"), USERS_JAVA) == [
        ("java:#TokenService.fetchToken", "none", None, 17)]
    files = {_TOKEN_PATH: TOKEN_JAVA, _java("UsersClient"): USERS_JAVA}
    assert _hits(files, "OIN304") == [(_java("UsersClient"), 17)]


def test_a_java_token_kept_in_a_field_of_a_service_from_its_constructor() -> None:
    files = {_TOKEN_PATH: TOKEN_JAVA, _java("GroupsService"): GROUPS_JAVA}
    assert _where(files) == [(_java("GroupsService"), 15, "in an instance attribute")]
    # OIN303 where the kept token is sent
    assert _hits(files, "OIN303") == [(_java("GroupsService"), 21)]
    assert _hits(files, "OIN304") == []


@pytest.mark.parametrize("receiver", [
    "    public String listUsers(TokenService tokens) throws Exception {\n"
    "        String token = tokens.fetchToken();\n",
    "    public String listUsers() throws Exception {\n"
    "        var tokens = new TokenService();\n        String token = tokens.fetchToken();\n",
    "    public String listUsers() throws Exception {\n"
    "        String token = this.tokens.fetchToken();\n",
], ids=["parameter", "var-local", "this-field"])
def test_every_way_java_knows_the_receivers_class(receiver: str) -> None:
    users = USERS_JAVA.replace("    public String listUsers() throws Exception {\n"
                               "        String token = tokens.fetchToken();\n", receiver)
    line = next(n for n, text in enumerate(users.splitlines(), 1) if "fetchToken()" in text)
    files = {_TOKEN_PATH: TOKEN_JAVA, _java("UsersClient"): users}
    assert _hits(files, "OIN304") == [(_java("UsersClient"), line)]


def test_methods_of_the_jdks_and_libraries_classes_are_not_handoffs() -> None:
    """``mapper.readTree(…)`` kept in a field is Jackson's, ``s.trim()`` java.lang's: never a
    method of the project's; ``tokens.fetchToken()`` beside them is."""
    kept = ("package com.acme.okta;\n\nimport com.fasterxml.jackson.databind.JsonNode;\n"
            "import com.fasterxml.jackson.databind.ObjectMapper;\n\npublic class Profile {\n"
            "    private final ObjectMapper mapper = new ObjectMapper();\n"
            "    private JsonNode tree;\n    private String name;\n    private String token;\n\n"
            "    public Profile(String body, String raw, TokenService tokens) throws Exception {\n"
            "        this.tree = mapper.readTree(body);\n        this.name = raw.trim();\n"
            "        this.token = tokens.fetchToken();\n    }\n}\n")
    assert _handoffs(_java("Profile"), kept) == [
        ("java:#TokenService.fetchToken", "instance", None, 15)]


def test_a_java_cli_main_is_not_reported() -> None:
    """``main`` of a CLI runs once; the client's API method beside it asks for a token per
    call."""
    assert _handoffs(_java("Cli"), CLI_JAVA) == []
    files = {_TOKEN_PATH: TOKEN_JAVA, _java("Cli"): CLI_JAVA}
    for code in ("OIN301", "OIN303", "OIN304"):
        assert _hits(files, code) == []
    files[_java("UsersClient")] = USERS_JAVA
    assert _hits(files, "OIN304") == [(_java("UsersClient"), 17)]


def test_a_java_callee_that_caches_with_expiry_exports_no_token() -> None:
    cached = TOKEN_JAVA.replace(
        "    public String fetchToken() throws Exception {\n",
        "    private String cached;\n    private long expiresAt;\n\n"
        "    public String fetchToken() throws Exception {\n"
        "        if (cached != null && System.nanoTime() < expiresAt) {\n"
        "            return cached;\n        }\n").replace(
        "        return token;\n",
        "        long expiresIn = new ObjectMapper().readTree(res.body()).get(\"expires_in\")"
        ".asLong();\n        this.cached = token;\n"
        "        this.expiresAt = System.nanoTime() + (expiresIn - 60) * 1_000_000_000L;\n"
        "        return this.cached;\n")
    assert [r.exported_by for r in parse(_TOKEN_PATH, cached, "java").of(TokenRequest)] == [
        None]
    assert _handoffs(_java("UsersClient"), USERS_JAVA) == [
        ("java:#TokenService.fetchToken", "none", None, 17)]
    assert _hits({_TOKEN_PATH: cached, _java("UsersClient"): USERS_JAVA}, "OIN304") == []


def test_a_java_method_that_returns_no_token_is_not_reported() -> None:
    config = ("package com.acme.okta;\n\npublic class TokenService {\n"
              "    public String fetchToken() {\n        return System.getenv(\"OKTA_TOKEN_NAME\");"
              "\n    }\n}\n")
    files = {_TOKEN_PATH: config, _java("UsersClient"): USERS_JAVA}
    assert _hits(files, "OIN304") == []
    assert _hits({**files, _TOKEN_PATH: TOKEN_JAVA}, "OIN304") == [(_java("UsersClient"), 17)]


def test_two_java_classes_of_one_name_are_not_guessed() -> None:
    files = {_TOKEN_PATH: TOKEN_JAVA,
             "src/main/java/com/acme/legacy/TokenService.java": TOKEN_JAVA.replace(
                 "com.acme.okta", "com.acme.legacy"),
             _java("UsersClient"): USERS_JAVA}
    assert _hits(files, "OIN304") == []
    assert _hits({_TOKEN_PATH: TOKEN_JAVA, _java("UsersClient"): USERS_JAVA}, "OIN304") == [
        (_java("UsersClient"), 17)]
