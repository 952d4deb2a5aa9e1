"""Start from a spreadsheet: read .xlsx, .ods or .csv, map its columns to a participant's
fields, preview each row's problems and import the valid rows in one transaction.

No Qt here (the window and the CLI both drive it). The file is read where it lies, never
copied; nothing of its content leaves the process except into the vault.
"""
