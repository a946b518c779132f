"""The suite never touches the user's own dirs: not in a test, nor in the module- and
session-scoped fixtures that run before a test's own isolation (conftest.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.model.store import paths


@pytest.fixture(scope="module")
def dirs_seen_by_a_module_fixture() -> dict[str, Path]:
    return {"cache": paths.cache_dir(), "state": paths.state_dir(), "home": Path(os.environ["HOME"])}


def test_a_module_fixture_sees_temp_dirs(dirs_seen_by_a_module_fixture, tmp_path_factory):
    base = tmp_path_factory.getbasetemp()
    for what, d in dirs_seen_by_a_module_fixture.items():
        assert d.is_relative_to(base), (what, d)


def test_a_test_sees_its_own_temp_dirs(tmp_path):
    assert paths.cache_dir().is_relative_to(tmp_path)
    assert paths.state_dir().is_relative_to(tmp_path)
