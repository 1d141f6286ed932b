"""One module per tree-sitter grammar: its node names, its lifecycle and transport tables, the
handlers only that grammar needs and, last, its :class:`~..frontend.TreeSitterLanguage` (the
front end a row of :mod:`oinlint.frontends.languages` names); the shared passes are in the
parent package. A module that would pass 600 lines keeps its string evaluator in a base class
of its own (``javascript_values.py``, ``bash_words.py``); ``dockerfile.py`` reuses Bash's."""
