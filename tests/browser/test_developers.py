"""An app builder finds the API's documentation and the open data package from any page,
reads a real example, and downloads a table."""

import re

from playwright.sync_api import expect


def test_from_the_footer_to_an_example_and_the_schema(page):
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="the API").click()
    expect(page.locator("h1")).to_have_text("The Backsite API")
    example = page.locator(".api-example").first
    expect(example.locator("pre")).to_be_hidden()
    example.locator("summary").click()
    expect(example.locator("pre")).to_be_visible()
    expect(example.locator("pre")).to_contain_text('"notices"')
    # The example's own request answers with what it shows.
    with page.expect_response(re.compile(r"/api/v1/exercises/\?")) as answer:
        example.get_by_role("link").click()
    assert answer.value.json()["count"] == 3


def test_from_the_api_page_to_a_downloaded_table(page):
    page.goto("/api/")
    page.get_by_role("link", name="open data").first.click()
    expect(page.locator("h1")).to_have_text("Open data")
    expect(page.locator("main")).to_contain_text("Version")
    link = page.get_by_role("link", name="exercises.csv")
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.text().startswith("uuid,slug,name,")
    archive = page.get_by_role("link", name=re.compile("Download everything"))
    assert page.request.get(archive.get_attribute("href")).body()[:2] == b"PK"
