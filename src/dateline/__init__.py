"""dateline: who said what, when — time-anchored quotes, people and events from dated news.

>>> import dateline
>>> doc = dateline.process("The council voted on Tuesday.", dct="2024-03-08")
>>> [(t.text, t.value) for t in doc.timexes]
[('Tuesday', '2024-03-05')]

``process(text, dct)`` runs a cached default ``Pipeline``; build a ``Pipeline`` yourself to choose
stages or ``Settings``. Results are frozen ``Document`` records; ``doc.to_dict()`` and
``doc.to_json()`` give the public JSON contract (schema_version 1) and ``Document.from_dict``
reads it back. Errors are ``DatelineError`` subclasses with codes (DL1xx configuration, DL2xx
resources, DL3xx input). A spaCy component lives in ``dateline.integrations.spacy``
(``pip install 'dateline[spacy]'``); the HTTP API in ``dateline.api``.
"""
__version__ = "0.1.0"

from .errors import DatelineError
from .model import Document
from .pipeline import Pipeline, process
from .settings import Settings

__all__ = ["process", "Pipeline", "Document", "Settings", "DatelineError", "__version__"]
