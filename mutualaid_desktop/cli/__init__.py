"""`mutualaid`: the command line of the counter (the console script runs `main`; `python -m
mutualaid_desktop.cli` runs __main__.py). The parser is in parser.py, what the commands share in
common.py, the commands in one module per group."""

from mutualaid_desktop.cli.parser import build_parser, main

__all__ = ["build_parser", "main"]
