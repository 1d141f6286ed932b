"""The argument parser of every command, in one place (``check`` and ``report`` share inputs).

Only names and help texts live here, so building the parser costs no engine import: a command's
module is imported when that command runs.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from oinlint._version import __version__
from oinlint.report import CHECK_FORMATS, VERIFY_FORMATS

# oinlint.submission.model's DEFAULT_SUBMISSION, spelled here: importing that module loads the
# submission package and its JSON-schema validator (~0.1 s), which `oinlint --version` and
# `oinlint rules` never need (tests/engine/test_startup.py keeps the two equal).
DEFAULT_SUBMISSION = "oin-submission.yaml"

__all__ = ["build_parser"]

_SEVERITIES = ["info", "low", "medium", "high", "critical"]
_SEVERITY_LIST = ", ".join(_SEVERITIES)


def _add_config_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="FILE", type=Path,
                        help="use this oinlint.toml / pyproject.toml instead of searching")
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")


def _add_force_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="overwrite an existing output (or baseline) file that oinlint did "
                        "not write")


def _add_selection_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--select", action="append", default=[], metavar="CODES",
                        help="only these rule codes or prefixes (comma separated)")
    parser.add_argument("--extend-select", action="append", default=[], metavar="CODES",
                        help="add these rule codes or prefixes to the configured selection "
                        "(comma separated)")
    parser.add_argument("--ignore", action="append", default=[], metavar="CODES",
                        help="turn off these rule codes or prefixes (comma separated)")


def _add_cache_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                        help="worker processes for large trees (default: number of CPUs)")
    parser.add_argument("--no-cache", action="store_true",
                        help="do not read or write the facts cache")
    parser.add_argument("--cache-dir", type=Path, default=None, metavar="DIR",
                        help="facts cache location (default: .oinlint_cache in the project root)")


def _add_check_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                        help="files or directories to check (default: .)")
    parser.add_argument("--format", choices=sorted(CHECK_FORMATS), default=None,
                        help="output format (default: text)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    _add_force_argument(parser)
    _add_config_arguments(parser)
    _add_selection_arguments(parser)
    parser.add_argument("--fail-on", metavar="SEVERITY", choices=_SEVERITIES,
                        help=f"lowest severity that fails the run: {_SEVERITY_LIST} "
                        "(default: low)")
    parser.add_argument("--force-exclude", action="store_true",
                        help="apply excludes to paths named on the command line too")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    parser.add_argument("--baseline", metavar="FILE", type=Path,
                        help="waive the findings recorded in this baseline")
    parser.add_argument("--write-baseline", metavar="FILE", type=Path,
                        help="record the current findings as the baseline and exit 0")
    parser.add_argument("--submission", metavar="FILE",
                        help="path of oin-submission.yaml (default: as configured)")
    parser.add_argument("--show-suppressed", action="store_true",
                        help="also print findings waived by suppressions or the baseline")
    parser.add_argument("--show-scopes", action="store_true",
                        help="print the scope matrix: declared, requested in code, required "
                        "by calls, granted (--format text; json always has it)")
    parser.add_argument("--show-unresolved", action="store_true",
                        help="list the Okta calls the scope analysis could not resolve "
                        "(--format text; json always has them)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print findings only")
    parser.add_argument("-v", "--verbose", action="store_true", help="list skipped files too")
    parser.add_argument("--no-color", action="store_true", help="never use colour")
    parser.add_argument("--fix", action="store_true",
                        help="apply the safe fixes, then report the findings that remain")
    parser.add_argument("--unsafe-fixes", action="store_true",
                        help="with --fix or --diff: also the fixes that change behaviour or "
                        "need the analysis to be complete where it is not")
    parser.add_argument("--diff", action="store_true",
                        help="print the fixes as unified diffs and write nothing "
                        "(exit 1 when there is something to fix)")
    _add_cache_arguments(parser)


def _add_report_arguments(parser: argparse.ArgumentParser) -> None:
    """``oinlint report``: the inputs of ``check`` (no output or gate flags) plus the last
    live-check result and reproducibility."""
    parser.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                        help="files or directories to check (default: .)")
    parser.add_argument("--format", choices=["html", "markdown"], default="html",
                        help="report format (default: html)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the report to FILE (default: standard output)")
    _add_force_argument(parser)
    parser.add_argument("--verify-result", metavar="FILE", type=Path,
                        help="the JSON written by `oinlint verify --format json`")
    parser.add_argument("--reproducible", action="store_true",
                        help="no date and no durations (also implied by SOURCE_DATE_EPOCH, "
                        "whose date is then used)")
    _add_config_arguments(parser)
    _add_selection_arguments(parser)
    parser.add_argument("--fail-on", metavar="SEVERITY", choices=_SEVERITIES,
                        help=f"lowest severity that blocks the verdict: {_SEVERITY_LIST} "
                        "(default: low)")
    parser.add_argument("--force-exclude", action="store_true",
                        help="apply excludes to paths named on the command line too")
    parser.add_argument("--baseline", metavar="FILE", type=Path,
                        help="waive the findings recorded in this baseline (they are listed)")
    parser.add_argument("--submission", metavar="FILE",
                        help="path of oin-submission.yaml (default: as configured)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _add_cache_arguments(parser)


def _add_init_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=".", metavar="DIR",
                        help="the project directory (default: .)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="where to write (default: the configured `submission`, else "
                        f"{DEFAULT_SUBMISSION} at the project root; '-' for stdout)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.add_argument("--name", metavar="NAME",
                        help="the display name (default: from the directory name)")
    _add_config_arguments(parser)


def _add_verify_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--org", metavar="URL", default=os.environ.get("OINLINT_ORG"),
                        help="the org's base URL, e.g. https://acme.okta.com "
                        "(env OINLINT_ORG)")
    parser.add_argument("--client-id", metavar="ID", default=os.environ.get("OINLINT_CLIENT_ID"),
                        help="the test instance's client id (env OINLINT_CLIENT_ID)")
    parser.add_argument("--client-secret-file", metavar="FILE",
                        help="read the client secret from FILE ('-' for stdin); default: the "
                        "OINLINT_CLIENT_SECRET environment variable")
    parser.add_argument("--client-secret", nargs="?", const="", dest="client_secret_argv",
                        help=argparse.SUPPRESS)
    parser.add_argument("--private-key", metavar="FILE", type=Path,
                        help="sign a private_key_jwt assertion with this PEM or JWK key "
                        "instead of using a client secret (plain API Services apps)")
    parser.add_argument("--key-id", metavar="KID", help="the key's kid in Okta")
    parser.add_argument("--submission", metavar="FILE",
                        help="path of oin-submission.yaml (default: as configured)")
    parser.add_argument("--config", metavar="FILE", type=Path,
                        help="use this oinlint.toml / pyproject.toml instead of searching")
    parser.add_argument("--probe", action="store_true",
                        help="also make one read-only GET per granted scope")
    parser.add_argument("--undeclared-scope", metavar="SCOPE",
                        help="the undeclared scope that must be refused (default: the .manage "
                        "twin of a declared read scope, else okta.users.manage)")
    parser.add_argument("--emulator", action="store_true",
                        help="start the built-in Okta emulator with a client matching the "
                        "submission and verify against it")
    parser.add_argument("--emulator-config", metavar="FILE", type=Path,
                        help="with --emulator: the emulated org (org.yaml) instead")
    parser.add_argument("--ca-file", metavar="FILE", type=Path,
                        help="trust the CA certificates in FILE (PEM) instead of the default "
                        "bundle, e.g. the one `oinlint emulator --https` writes; certificates "
                        "are always verified")
    parser.add_argument("--replay", action=argparse.BooleanOptionalAction, default=None,
                        help="replay the token requests the code makes (found by the static "
                        "analysis) against the client (default: on with --emulator)")
    parser.add_argument("--format", choices=VERIFY_FORMATS, default="text",
                        help="output format (default: text)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    _add_force_argument(parser)
    parser.add_argument("--timeout", metavar="SECONDS", type=float, default=10.0,
                        help="per-request timeout (default: 10)")
    parser.add_argument("--retries", metavar="N", type=int, default=3,
                        help="retries of a request answered 5xx (default: 3)")
    parser.add_argument("--max-wait", metavar="SECONDS", type=float, default=60.0,
                        help="longest total wait for rate limits to reset (default: 60)")


def _add_emulator_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--org-config", metavar="FILE", type=Path,
                        help="the emulated org (org.yaml; default: one client with read scopes)")
    parser.add_argument("--config", metavar="FILE", type=Path, dest="deprecated_config",
                        help="deprecated alias of --org-config (everywhere else --config names "
                        "oinlint.toml)")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address (default: "
                        "127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port (default: 0 = any free)")
    parser.add_argument("--https", action="store_true",
                        help="serve HTTPS with a throwaway CA (its certificate is written to "
                        "--ca-file, else a temporary file, and named on stderr)")
    parser.add_argument("--ca-file", metavar="FILE", type=Path,
                        help="with --https: where to write the CA certificate to trust")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oinlint",
        description="Check that an Okta Integration Network API service integration is ready "
        "to submit.",
    )
    parser.add_argument("--version", action="version", version=f"oinlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_check_arguments(commands.add_parser("check", help="run the static rules over files"))
    _add_report_arguments(commands.add_parser(
        "report", help="write an audit report (HTML or Markdown) for a security reviewer"))
    rules = commands.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=["table", "json"], default="table",
                       help="a table (aligned plain text when piped) or JSON (default: table)")
    explain = commands.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("rule", metavar="CODE", help="a rule code (OIN101) or name")
    _add_init_arguments(commands.add_parser("init", help="write a commented oin-submission.yaml"))
    _add_verify_arguments(commands.add_parser(
        "verify", help="check live that an org grants exactly the declared scopes",
        description="Request a client-credentials token from an Okta org (or the built-in "
        "emulator) with the scopes oin-submission.yaml declares and report what differs. "
        "Exit 0 verified, 1 failed, 3 unknown (the org could not be asked), 2 usage error."))
    _add_emulator_arguments(commands.add_parser(
        "emulator", help="serve an emulated Okta org on 127.0.0.1",
        description="Serve an emulated Okta org (discovery, token endpoint, JWKS, users, "
        "groups, apps, System Log) on a loopback address until interrupted. The URL is the "
        "first line on stdout."))
    return parser
