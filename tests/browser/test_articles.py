"""Articles, FAQ and goals in a real browser."""

import re

from playwright.sync_api import expect


def test_will_this_help_my_posture(page):
    """From the home page to the posture goal, its exercises filtered by equipment, and its article."""
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Goals").click()
    goal = page.locator("section#improved-posture")
    expect(goal.locator("h2")).to_have_text("Better posture")
    expect(goal.locator("p").nth(1)).not_to_be_empty()  # the explanation
    article_link = goal.locator("a[href^='/articles/']").first
    article_href = article_link.get_attribute("href")
    goal.get_by_role("link", name=re.compile("filter (these|them) by your equipment", re.I)).click()
    expect(page).to_have_url(re.compile(r"goal=improved-posture"))
    page.locator(".facet > summary", has_text="Equipment").click()  # its group opens on demand
    page.locator("label[for=f-equipment-resistance-band]").click()
    page.locator(".filter-top button").click()
    expect(page.locator("#results-heading")).to_contain_text("for better posture with resistance band")
    expect(page.locator(".card").first).to_be_visible()
    page.goto(article_href)
    expect(page.locator("#references-title")).to_be_visible()
    expect(page.locator("ol.references li").first).to_be_visible()


def test_article_contents_jump_to_sections_and_references_are_numbered(page):
    page.goto("/articles/frequency-volume-and-recovery/")
    contents = page.get_by_role("navigation", name="On this page")
    first = contents.locator("a").first
    target = first.get_attribute("href")
    first.click()
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    expect(page.locator(target)).to_be_in_viewport()
    numbers = page.locator("ol.references > li").evaluate_all("els => els.map(e => e.id)")
    assert numbers == [f"ref-{n}" for n in range(1, len(numbers) + 1)]
    expect(page.locator(".byline")).to_contain_text("Page last reviewed")


def test_faq_answers_are_closed_and_a_shared_link_opens_its_own(page):
    page.goto("/faq/")
    entries = page.locator("details.faq-entry")
    assert entries.count() >= 15
    assert entries.evaluate_all("els => els.filter(e => e.open).length") == 0  # a short page to scan
    index = page.locator(".faq-index ul ul a")
    assert index.count() == entries.count()  # the index lists every question
    href = page.locator(".faq-entry a.anchor").nth(3).get_attribute("href")
    page.goto(f"/faq/{href}")
    expect(page.locator(href)).to_be_in_viewport()
    expect(page.locator(f"details:has({href})")).to_have_attribute("open", "")
    assert entries.evaluate_all("els => els.filter(e => e.open).length") == 1
    # Without a link: a click (or Enter on the focused summary) opens an answer.
    page.goto("/faq/")
    first = entries.first
    first.locator("summary").click()
    expect(first.locator(".prose")).to_be_visible()
