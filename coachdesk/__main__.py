from __future__ import annotations

from coachdesk.cli.main import main

raise SystemExit(main())
