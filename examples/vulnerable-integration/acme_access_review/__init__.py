"""Acme Access Review: a nightly access report for each customer's Okta org."""

__version__ = "0.9.0"
