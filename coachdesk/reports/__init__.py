"""Reports for the partners: quarterly figures, offer catalogue, directory, success story."""
