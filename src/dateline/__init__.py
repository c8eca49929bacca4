"""dateline: who said what, when — time-anchored quotes, people and events from dated news."""
__version__ = "0.1.0"

from .errors import DatelineError
from .model import Document
from .pipeline import Pipeline, process
from .settings import Settings

__all__ = ["process", "Pipeline", "Document", "Settings", "DatelineError", "__version__"]
