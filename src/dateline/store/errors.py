"""The store's exceptions: a bad query argument or a missing row, turned into a 4xx or an error line at the edges."""
from __future__ import annotations


class StoreError(Exception):
    """A bad query argument (unknown id, bad date, ...): the edges turn it into a 4xx or an error line."""


class NotFound(StoreError):
    pass
