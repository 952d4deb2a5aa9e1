"""Invented demo vaults: for trying CoachDesk, screenshots and benchmarks."""
