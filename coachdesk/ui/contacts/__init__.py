"""The directory: partner organisations, contact persons, responsibilities."""
