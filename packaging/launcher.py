"""The frozen app's entry point: the same command line as ``coachdesk`` from source."""

from coachdesk.cli.main import main

raise SystemExit(main())
