"""Small learned components: sparse linear models trained by the project's own scripts (see docs/models.md)."""
from .linear import LinearModel, train_perceptron

__all__ = ["LinearModel", "train_perceptron"]
