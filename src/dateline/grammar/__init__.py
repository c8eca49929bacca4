"""Resources -> compiled matchers. Knows nothing about time or quotes."""
from .loader import Resources, load_resources

__all__ = ["Resources", "load_resources"]
