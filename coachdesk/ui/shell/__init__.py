"""The window frame: start-up, the main window, lock, idle and crash handling, app-wide signals."""
