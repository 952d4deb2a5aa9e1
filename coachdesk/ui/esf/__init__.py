"""Her ESF Plus questionnaires in her file: entry, leaving and six months after."""
