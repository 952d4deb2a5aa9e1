"""The command line, one module per group of commands."""

import warnings

# A library's note for developers (pyHanko imports DSA support that cryptography marks as
# deprecated) is not for a coach's terminal, where errors are promised as one line; CoachDesk
# never signs with DSA. Set here, before any command imports pyHanko.
warnings.filterwarnings("ignore", message="DSA is deprecated", module="pyhanko")
