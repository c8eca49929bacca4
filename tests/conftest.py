"""Shared fixtures. Tests never touch global state: they pass Settings explicitly. Helpers live in
``support.py`` (import them from there)."""
from __future__ import annotations

import os
import tempfile

import pytest

from support import assert_valid

# the compiled-pattern cache (dateline/grammar/regex.py) of a test run stays out of the user's home
os.environ.setdefault("DATELINE_CACHE_DIR", os.path.join(tempfile.gettempdir(), f"dateline-test-cache-{os.getuid()}"))


@pytest.fixture
def validate():
    return assert_valid
