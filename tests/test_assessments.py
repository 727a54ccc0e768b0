"""Severities on callouts are signed as the editors' assessment, or not
shown; an article about securities says it is not investment advice."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from publication.content.data import load_article_data, load_ui
from publication.content.models import Callout, Text
from publication.errors import PublicationError
from publication.render.blocks import render_callout
from sitebuild import PROJECT, Site, text_of

ARTICLE = {"fr": "articles/openai-nvidia/", "en": "en/articles/openai-nvidia/"}
NOTICE = {
    "fr": "Pas un conseil en investissement. Cet article est une analyse. Il ne recommande ni d’acheter ni de vendre un titre",
    "en": "Not investment advice. This article is analysis. It recommends neither buying nor selling any security",
}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(PROJECT / "data", tmp_path / "data"))


def test_a_severity_without_its_assessor_is_refused(data_dir: Path) -> None:
    file = data_dir / "articles" / "openai-nvidia.yml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("    severity: medium\n    assessed_by: editors\n", "    severity: medium\n", 1), encoding="utf-8")
    with pytest.raises(PublicationError) as caught:
        load_article_data(data_dir, "openai-nvidia")
    assert "assessed_by" in str(caught.value)
    assert caught.value.key == "callouts.planned-infidelity"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_page_says_whose_assessment_a_severity_is(site: Site, language: str) -> None:
    page = site.page(ARTICLE[language])
    titles = [text_of(box.select_one(".admonition-title")) for box in page.select(".investor-callout[data-severity]")]
    assert len(titles) == 3
    prefix = {"fr": "Évaluation de la rédaction : risque ", "en": "Editors’ assessment: "}[language]
    assert all(title.startswith(prefix) for title in titles), titles
    assert not page.select(".investor-callout[data-severity]:not([data-assessed-by=editors])")


def test_an_unassessed_risk_shows_no_severity() -> None:
    ui = load_ui(PROJECT / "data")
    html = render_callout(Callout(id="x", kind="risk", severity=None, text=Text("Un risque.", "A risk.")), language="en", ui=ui)
    assert "data-severity" not in html and "assessment" not in html and ">Risk<" in html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_article_about_securities_says_it_is_not_investment_advice(site: Site, language: str) -> None:
    notice = site.page(ARTICLE[language]).select_one("article aside.investment-notice")
    assert notice is not None and text_of(notice).startswith(NOTICE[language])


def test_the_notice_comes_from_data(tmp_path: Path) -> None:
    from sitebuild import build, copy_project

    project = copy_project(tmp_path / "project")
    file = project / "data" / "articles" / "openai-nvidia.yml"
    file.write_text(file.read_text(encoding="utf-8").replace("investment_notice: true", "investment_notice: false"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.ok, result.output
    assert "investment-notice" not in (tmp_path / "site" / "articles" / "openai-nvidia" / "index.html").read_text(encoding="utf-8")
