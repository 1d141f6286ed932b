"""One module per tree-sitter grammar: its node names, its lifecycle and transport tables and
the handlers only that grammar needs (the shared passes are in the parent package)."""
