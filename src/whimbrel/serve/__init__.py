"""Serving whimbrel to people: the command line (``cli/``), and later the REST API and web page."""
