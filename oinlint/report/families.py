"""Rule families by code prefix, and the title each report gives them."""

from __future__ import annotations

__all__ = ["FAMILY_TITLES", "family_title"]

# Titles of the families we know; a family not listed here still gets its own section.
FAMILY_TITLES = {
    "OIN0": "the tool itself",
    "OIN1": "API tokens and credentials",
    "OIN2": "scopes (least privilege)",
    "OIN3": "token lifecycle",
    "OIN4": "authorization server and transport",
    "OIN5": "API hygiene",
    "OIN6": "submission metadata",
    "OIN9": "live checks",
}



def family_title(family: str) -> str:
    """``OIN1`` → "API tokens and credentials"; a family not known yet still gets a title."""
    return FAMILY_TITLES.get(family, "other rules")
