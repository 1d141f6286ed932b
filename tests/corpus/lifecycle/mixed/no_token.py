"""Reads cached reports; never talks to Okta directly."""

import json
import logging
from pathlib import Path

log = logging.getLogger(__name__)


def load(path: Path, token_url: str) -> dict:
    log.info("loading %s (token endpoint %s)", path, token_url)
    return json.loads(path.read_text())
