"""Every option and argument of every command says what it does in ``--help``."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from oinlint.cli._arguments import build_parser


def _parsers(parser: argparse.ArgumentParser, name: str = "oinlint"
             ) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command, sub in action.choices.items():
                yield from _parsers(sub, f"{name} {command}")


def _actions() -> Iterator[tuple[str, argparse.Action]]:
    for name, parser in _parsers(build_parser()):
        for action in parser._actions:
            if not isinstance(action, argparse._SubParsersAction):
                yield name, action


def _label(name: str, action: argparse.Action) -> str:
    return f"{name} {'/'.join(action.option_strings) or action.dest}"


def test_every_option_has_a_help_text() -> None:
    missing = [_label(name, action) for name, action in _actions()
               if action.help != argparse.SUPPRESS and not (action.help or "").strip()]
    assert missing == []


def test_the_walk_finds_the_commands_and_their_options() -> None:
    """The test above only guards what it sees: it must see every command's options."""
    labels = {_label(name, action) for name, action in _actions()}
    assert {"oinlint check --extend-select", "oinlint check --ignore",
            "oinlint rules --format", "oinlint emulator --org-config",
            "oinlint report --fail-on",
            "oinlint explain rule"} <= labels


def test_options_with_a_metavar_list_their_choices_in_the_help() -> None:
    """``--fail-on SEVERITY`` hides argparse's ``{info,low,…}``: the help names the values."""
    hidden = []
    for name, action in _actions():
        if action.choices is None or action.help in (None, argparse.SUPPRESS):
            continue
        shown = action.metavar is None  # argparse then prints {a,b,c} itself
        if not shown and not all(str(c) in str(action.help) for c in action.choices):
            hidden.append(_label(name, action))
    assert hidden == []
