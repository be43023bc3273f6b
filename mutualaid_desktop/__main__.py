"""`python -m mutualaid_desktop` starts the GUI."""

import time

# The self-test's clock starts here, as early as this program's own code runs (see app.py).
STARTED = time.perf_counter()

from mutualaid_desktop.app import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main(started=STARTED))
