"""The frozen app's entry point: the same command line as ``coachdesk`` from source."""

import multiprocessing

from coachdesk.cli.main import main

# Documents in batches are signed in worker processes; in the frozen app they are started
# with "spawn", which runs this program again: this hands such a start to its worker
# instead of opening a second window.
multiprocessing.freeze_support()

raise SystemExit(main())
