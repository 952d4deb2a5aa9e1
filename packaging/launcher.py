"""The frozen app's entry point: the same command line as ``coachdesk`` from source."""

import warnings

# A library's notes for developers (pyHanko importing DSA support that cryptography marks as
# deprecated) are not for a coach's terminal; CoachDesk never signs with DSA.
warnings.filterwarnings("ignore", message="DSA is deprecated", module="pyhanko")

from coachdesk.cli.main import main  # noqa: E402 - after the filters, which must come first

raise SystemExit(main())
