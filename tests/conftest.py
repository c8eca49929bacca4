"""Shared fixtures. Tests never touch global state: they pass Settings explicitly. Helpers live in
``support.py`` (import them from there)."""
from __future__ import annotations

import pytest

from support import assert_valid


@pytest.fixture
def validate():
    return assert_valid
