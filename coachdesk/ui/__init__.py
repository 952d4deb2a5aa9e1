"""The desktop application (PySide6 Widgets): windows, dialogs and Qt item models."""
