"""Per-file analysis: the spaCy pass, entities, quotes and speakers, as results in source offsets."""
