"""First start and unlock: create, open or restore a vault, the demo, the recovery sheet."""
