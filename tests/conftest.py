from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import Site, build_site, make_project


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The real plans built once for every test that only reads the result."""
    return build_site(make_project(tmp_path_factory.mktemp("samples")))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh project with the sample plans, for tests that add or change plans."""
    return make_project(tmp_path / "project")
