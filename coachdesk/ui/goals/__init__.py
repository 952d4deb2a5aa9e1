"""Her goals, milestones and small steps (a tab of her file)."""
