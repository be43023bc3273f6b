"""Running the command line in-process in a test: `run(capsys, *argv)` gives (exit status, stdout, stderr)."""

from __future__ import annotations

from mutualaid_desktop.cli import main


def run(capsys, *argv):
    """`mutualaid *argv` (each argument made text, so paths may be given as they are)."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err
