"""The embedded store (SQLite + FTS5): ``Store(path).put(doc)``, ``get(id)``, quotes, people, timelines."""
from .sqlite import DB_VERSION, NotFound, Store, StoreError, content_hash

__all__ = ["Store", "StoreError", "NotFound", "content_hash", "DB_VERSION"]
