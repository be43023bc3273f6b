"""`python -m mutualaid_desktop.cli`: the command line, as the console script `mutualaid` runs it."""

from mutualaid_desktop.cli import main

raise SystemExit(main())
