"""``action.yml`` (the composite GitHub Action) is well-formed and wired consistently."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ACTION = Path(__file__).resolve().parents[2] / "action.yml"
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}")


def _action() -> dict[str, Any]:
    data = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def test_required_keys() -> None:
    action = _action()
    for key in ("name", "description", "inputs", "outputs", "runs"):
        assert key in action, key
    assert action["runs"]["using"] == "composite"
    for name, spec in action["inputs"].items():
        assert "description" in spec, name
    for name, spec in action["outputs"].items():
        assert "description" in spec and "value" in spec, name


def test_steps_are_runnable() -> None:
    steps = _action()["runs"]["steps"]
    assert steps
    for step in steps:
        assert ("uses" in step) != ("run" in step), step.get("name")
        if "run" in step:
            assert step.get("shell") == "bash", step.get("name")  # composite steps need one


def test_every_referenced_input_and_step_exists() -> None:
    action = _action()
    inputs = set(action["inputs"])
    step_ids = {step["id"] for step in action["runs"]["steps"] if "id" in step}
    for text in _strings(action):
        for expression in EXPRESSION.findall(text):
            for name in re.findall(r"\binputs\.([A-Za-z0-9_-]+)", expression):
                assert name in inputs, f"unknown input {name}"
            for name in re.findall(r"\bsteps\.([A-Za-z0-9_-]+)\.outputs", expression):
                assert name in step_ids, f"unknown step {name}"


def test_inputs_never_spliced_into_scripts() -> None:
    """An input in a `run:` script is a script injection; they go through `env:`."""
    for step in _action()["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")


def test_secret_reaches_verify_through_the_environment_only() -> None:
    steps = {step.get("id"): step for step in _action()["runs"]["steps"]}
    verify = steps["verify"]
    assert verify["env"]["OINLINT_CLIENT_SECRET"] == "${{ inputs.client-secret }}"
    assert "client-secret" not in verify["run"] and "OINLINT_CLIENT_SECRET" not in verify["run"]
    assert "inputs.org" in verify["if"] and "inputs.client-id" in verify["if"]
    check = steps["check"]
    assert "--format sarif" in check["run"] and "GITHUB_OUTPUT" in check["run"]
    assert _action()["outputs"]["sarif-file"]["value"] == "${{ steps.check.outputs.sarif-file }}"


def test_installs_from_the_action_path() -> None:
    install = next(s for s in _action()["runs"]["steps"] if s.get("name") == "Install oinlint")
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert '"$ACTION_PATH"' in install["run"]
