"""One participant's file: the window and tabs around her data."""
