"""Adapters to other libraries, each behind an optional extra (spaCy: ``dateline[spacy]``)."""
