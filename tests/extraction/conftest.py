"""The default extractor, built once per test module."""

import pytest

from extractors import default_extractor


@pytest.fixture(scope="module")
def x():
    return default_extractor()
