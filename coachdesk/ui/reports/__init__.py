"""Reports for the partners: quarterly figures, catalogue, directory, success stories."""
