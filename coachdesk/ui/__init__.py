"""The desktop application (PySide6 Widgets): thin screens that call services and show models."""
