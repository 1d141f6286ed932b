"""The rule catalogue (``rules/*.yaml``) and the pages rendered from it."""
