"""``oinlint emulator``: serve an emulated Okta org on a loopback address until interrupted."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

from oinlint.cli._common import UsageError, warn
from oinlint.cli.verify import emulator_config
from oinlint.live.emulator import Emulator

__all__ = ["run"]


def _org_config(args: argparse.Namespace) -> Path | None:
    """``--org-config``, or the deprecated ``--config`` with a one-line warning: everywhere else
    ``--config`` names oinlint.toml, so the emulator's spelling was a trap."""
    if args.deprecated_config is None:
        return args.org_config  # type: ignore[no-any-return]
    if args.org_config is not None:
        raise UsageError("--config is the deprecated spelling of --org-config; give only "
                         "--org-config")
    warn("`oinlint emulator --config` is deprecated; use --org-config (it names the org.yaml)")
    return args.deprecated_config  # type: ignore[no-any-return]


def run(args: argparse.Namespace) -> int:
    config = emulator_config(_org_config(args))
    try:
        emulator = Emulator(config, host=args.host, port=args.port, https=args.https,
                            ca_file=args.ca_file)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    generated = None
    if not emulator.clients:
        generated = emulator.add_client(scopes=("okta.users.read", "okta.groups.read",
                                                "okta.apps.read", "okta.logs.read"))
    if args.ca_file and not args.https:
        raise UsageError("--ca-file is for --https: where to write the CA certificate")
    if args.ca_file and not args.ca_file.resolve().parent.is_dir():
        raise UsageError(f"--ca-file {args.ca_file}: its directory does not exist")
    try:
        emulator.start()
    except OSError as exc:
        reason = exc.strerror or exc
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {reason}") from None
    sys.stdout.write(emulator.url + "\n")
    sys.stdout.flush()
    err = sys.stderr
    err.write(f"oinlint emulator: an Okta org at {emulator.url} (issuer {emulator.issuer}); "
              "Ctrl-C stops it\n")
    if emulator.ca_file is not None:
        err.write(f"  HTTPS with a throwaway CA: trust {emulator.ca_file} (e.g. oinlint verify "
                  f"--ca-file {emulator.ca_file})\n")
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
