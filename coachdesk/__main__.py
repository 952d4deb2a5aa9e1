from __future__ import annotations

from coachdesk.cli import main

raise SystemExit(main())
