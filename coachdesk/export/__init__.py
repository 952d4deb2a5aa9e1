"""Documents that leave the vault: consent filter -> document data -> PDF -> signature."""

import warnings

# As in ``coachdesk.cli``: pyHanko's import of DSA support is a developer's note, not for a
# coach's terminal. Set here too because document workers (batch_pool) are fresh processes
# that import this package and never the command line.
warnings.filterwarnings("ignore", message="DSA is deprecated", module="pyhanko")
