"""The OIN submission metadata file (``oin-submission.yaml``): schema, loader and model.

``load_project_submission(root, configured)`` finds and loads a project's file (None when
there is none); ``parse_submission(text)`` validates text; the :class:`Submission` model
carries typed values with their spans and the :class:`SubmissionProblem` list that rules
OIN601–OIN607 report. The JSON Schema ships as ``oinlint/submission/schema.json``.

Modules: ``loader`` finds and reads the file (OIN607), ``parse`` turns text into the model,
``yamltree`` keeps YAML positions, ``validation`` maps schema errors to OIN601–OIN606,
``beyond_schema`` checks what the schema cannot, ``model`` is the result, ``init`` writes a
template.
"""

from __future__ import annotations

from oinlint.submission.beyond_schema import LOGO_MAX_BYTES
from oinlint.submission.loader import find_submission, load_project_submission, load_submission
from oinlint.submission.model import (
    DEFAULT_SUBMISSION,
    DeclaredScope,
    Submission,
    SubmissionProblem,
    TenantSetting,
    TestAccount,
)
from oinlint.submission.parse import parse_submission
from oinlint.submission.validation import load_schema

__all__ = [
    "DEFAULT_SUBMISSION",
    "LOGO_MAX_BYTES",
    "DeclaredScope",
    "Submission",
    "SubmissionProblem",
    "TenantSetting",
    "TestAccount",
    "find_submission",
    "load_project_submission",
    "load_schema",
    "load_submission",
    "parse_submission",
]
