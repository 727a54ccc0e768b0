from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import LANGUAGES, PAGES, PROJECT, Site, build


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The project's real site, built once per test session in strict mode."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build(PROJECT, site_dir)
    assert result.ok, result.output
    return Site(site_dir)


@pytest.fixture(params=[(code, page) for code in LANGUAGES for page in PAGES], ids=lambda p: f"{p[0]}:/{p[1]}")
def page_url(request: pytest.FixtureRequest) -> tuple[str, str]:
    """(language, url) of every page of the site."""
    code, page = request.param
    return code, LANGUAGES[code] + page


@pytest.fixture
def project_dir() -> Path:
    return PROJECT
