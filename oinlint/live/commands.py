"""The ``verify`` and ``emulator`` subcommands: argument parsing and wiring only.

Kept out of :mod:`oinlint.cli` so that the CLI module only registers them. The client secret
is read from ``OINLINT_CLIENT_SECRET``, a file, or stdin — never from argv, where the process
list and shell history would keep it.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from pathlib import Path
from typing import Any

from oinlint.redact import redact, remember_secret

__all__ = [
    "add_emulator_parser",
    "add_verify_parser",
    "run_emulator_command",
    "run_verify_command",
]

DEFAULT_SUBMISSION = "oin-submission.yaml"


def _usage(message: str) -> Exception:
    from oinlint.cli import UsageError

    return UsageError(message)


def add_verify_parser(commands: Any) -> argparse.ArgumentParser:
    from oinlint.live.report import VERIFY_FORMATS

    parser: argparse.ArgumentParser = commands.add_parser(
        "verify", help="check live that an org grants exactly the declared scopes",
        description="Request a client-credentials token from an Okta org (or the built-in "
        "emulator) with the scopes oin-submission.yaml declares and report what differs. "
        "Exit 0 verified, 1 failed, 3 unknown (the org could not be asked), 2 usage error.")
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
    parser.add_argument("--format", choices=VERIFY_FORMATS, default="text",
                        help="output format (default: text)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    parser.add_argument("--timeout", metavar="SECONDS", type=float, default=10.0,
                        help="per-request timeout (default: 10)")
    parser.add_argument("--retries", metavar="N", type=int, default=3,
                        help="retries of a request answered 5xx (default: 3)")
    parser.add_argument("--max-wait", metavar="SECONDS", type=float, default=60.0,
                        help="longest total wait for rate limits to reset (default: 60)")
    return parser


def add_emulator_parser(commands: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        "emulator", help="serve an emulated Okta org on 127.0.0.1",
        description="Serve an emulated Okta org (discovery, token endpoint, JWKS, users, "
        "groups, apps, System Log) on a loopback address until interrupted. The URL is the "
        "first line on stdout.")
    parser.add_argument("--config", metavar="FILE", type=Path, help="the org (org.yaml)")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address (default: "
                        "127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port (default: 0 = any free)")
    return parser


# --- helpers ----------------------------------------------------------------------------------

def _read_yaml(path: Path) -> Any:
    import yaml

    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise _usage(f"cannot read {path}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise _usage(f"{path}: not valid YAML ({exc})") from None


def _emulator_config(path: Path | None) -> Any:
    from oinlint.live.emulator_data import EmulatorConfigError, parse_config

    raw = _read_yaml(path) if path else None
    try:
        return parse_config(raw or {})
    except EmulatorConfigError as exc:
        raise _usage(f"{path}: {exc}" if path else str(exc)) from None


def _secret(args: argparse.Namespace, required: bool) -> str | None:
    source = args.client_secret_file
    value: str | None
    if source == "-":
        value = sys.stdin.read()
    elif source:
        try:
            value = Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise _usage(f"cannot read the client secret file {source}: "
                         f"{getattr(exc, 'strerror', None) or exc}") from None
    else:
        value = os.environ.get("OINLINT_CLIENT_SECRET")
    value = value.strip() if value else None
    if value:
        remember_secret(value)
        return value
    if required:
        raise _usage("no client secret: set OINLINT_CLIENT_SECRET or pass --client-secret-file "
                     "FILE (or '-' to read stdin); it is never taken from the command line")
    return None


def _submission_path(args: argparse.Namespace) -> Path:
    if args.submission:
        return Path(args.submission)
    from oinlint.config import ConfigError, load_settings
    from oinlint.rules.catalogue import load_catalogue

    try:
        settings = load_settings(load_catalogue(), config=args.config)
    except ConfigError as exc:
        raise _usage(str(exc)) from None
    if settings.submission:
        base = settings.config_file.parent if settings.config_file else settings.root
        return base / settings.submission
    return Path(DEFAULT_SUBMISSION)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _public_jwk(key: Any, key_id: str | None) -> dict[str, Any]:
    import jwt
    from cryptography.hazmat.primitives.asymmetric import ec

    algorithm: Any = (jwt.algorithms.ECAlgorithm if isinstance(key, ec.EllipticCurvePrivateKey)
                      else jwt.algorithms.RSAAlgorithm)
    jwk: dict[str, Any] = algorithm.to_jwk(key.public_key(), as_dict=True)
    if key_id:
        jwk["kid"] = key_id
    return jwk


# --- verify -----------------------------------------------------------------------------------

def run_verify_command(args: argparse.Namespace) -> int:
    from oinlint.live.client import OrgUrlError, Policy, normalise_org_url
    from oinlint.live.declared import DeclaredScopesError, load_declared_scopes
    from oinlint.live.report import render_verify
    from oinlint.live.verify import (
        Credentials,
        PrivateKey,
        PrivateKeyError,
        VerifyOptions,
        load_private_key,
        run_verify,
    )

    if args.client_secret_argv is not None:
        if args.client_secret_argv:
            remember_secret(args.client_secret_argv)
        raise _usage("--client-secret is not accepted: a secret on the command line stays in "
                     "the process list and shell history; set OINLINT_CLIENT_SECRET or use "
                     "--client-secret-file FILE (or '-' for stdin)")
    if args.timeout <= 0 or args.retries < 0 or args.max_wait < 0:
        raise _usage("--timeout must be positive; --retries and --max-wait not negative")
    path = _submission_path(args)
    try:
        declared = load_declared_scopes(path, _display(path))
    except DeclaredScopesError as exc:
        raise _usage(str(exc)) from None
    key: PrivateKey | None = None
    if args.private_key:
        try:
            key = load_private_key(args.private_key, args.key_id)
        except PrivateKeyError as exc:
            raise _usage(str(exc)) from None
    policy = Policy(timeout=args.timeout, retries=args.retries, max_wait=args.max_wait)

    emulator = None
    if args.emulator:
        from oinlint.live.emulator import Emulator

        config = _emulator_config(args.emulator_config)
        emulator = Emulator(config)
        if config.clients:
            chosen = next((c for c in config.clients if c.client_id == args.client_id),
                          config.clients[0])
        else:
            jwks = [_public_jwk(key.key, key.key_id)] if key else []
            chosen = emulator.add_client(scopes=declared.scopes, jwks=jwks)
        if chosen.client_secret:
            remember_secret(chosen.client_secret)
        client_id = chosen.client_id
        secret = None if key else (_secret(args, required=False) or chosen.client_secret)
        emulator.start()
        org_url = emulator.url
    else:
        if not args.org:
            raise _usage("--org is required (or OINLINT_ORG), e.g. --org https://acme.okta.com;"
                         " use --emulator to try it without an org")
        if not args.client_id:
            raise _usage("--client-id is required (or OINLINT_CLIENT_ID)")
        try:
            org_url = normalise_org_url(args.org)
        except OrgUrlError as exc:
            raise _usage(str(exc)) from None
        client_id = args.client_id
        secret = None if key else _secret(args, required=True)
    if key is None and not secret:
        raise _usage("no client secret for the emulated client")
    try:
        options = VerifyOptions(
            org_url=org_url,
            credentials=Credentials(client_id=client_id, secret=secret, private_key=key),
            declared=declared, probe=args.probe, undeclared_scope=args.undeclared_scope,
            policy=policy, emulator=emulator is not None)
        result = run_verify(options)
    finally:
        if emulator is not None:
            emulator.stop()
    output = render_verify(args.format, result)
    from oinlint.cli import _write

    _write(output, args.output)
    if args.output and args.format != "text":
        sys.stderr.write(redact(f"oinlint verify: {result.outcome}: {result.reason}") + "\n")
    return result.exit_code


# --- emulator ---------------------------------------------------------------------------------

def run_emulator_command(args: argparse.Namespace) -> int:
    from oinlint.live.emulator import Emulator

    config = _emulator_config(args.config)
    try:
        emulator = Emulator(config, host=args.host, port=args.port)
    except ValueError as exc:
        raise _usage(str(exc)) from None
    generated = None
    if not emulator.clients:
        generated = emulator.add_client(scopes=("okta.users.read", "okta.groups.read",
                                                "okta.apps.read", "okta.logs.read"))
    try:
        emulator.start()
    except OSError as exc:
        raise _usage(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    sys.stdout.write(emulator.url + "\n")
    sys.stdout.flush()
    err = sys.stderr
    err.write(f"oinlint emulator: an Okta org at {emulator.url} (issuer {emulator.issuer}); "
              "Ctrl-C stops it\n")
    for client in emulator.clients:
        methods = ", ".join(client.auth_methods)
        err.write(f"  client {client.client_id} ({methods}"
                  f"{', DPoP' if client.dpop else ''}): {' '.join(client.scopes) or '(none)'}\n")
    if generated is not None:
        # A throwaway secret of a local emulator: shown so that the client can be used.
        err.write(f"  its client secret (emulator only): {generated.client_secret}\n")
    err.flush()
    stop = threading.Event()
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()
    return 0
