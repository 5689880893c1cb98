"""Linguistic stages: language detection, the spaCy parse, and date resolution."""
