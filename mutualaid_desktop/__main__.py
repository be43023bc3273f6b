"""`python -m mutualaid_desktop` starts the GUI."""

from mutualaid_desktop.app import main

if __name__ == "__main__":
    raise SystemExit(main())
