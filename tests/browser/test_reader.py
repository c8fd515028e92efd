"""A reader finds exercises with the keyboard alone, and the filters survive the journey."""

import re

from playwright.sync_api import expect


def tab_to(page, selector, limit=250):
    """Press Tab until the element matching ``selector`` has focus, as a keyboard user would."""
    target = page.locator(selector)
    for _ in range(limit):
        if target.evaluate("e => e === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} is not reachable with the Tab key")


def test_keyboard_journey_through_the_catalogue(page):
    page.goto("/")
    tab_to(page, "text=Browse all")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/exercises/$"))
    expect(page.locator("#results-heading")).to_have_text(re.compile(r"^\d+ exercises$"))

    tab_to(page, "#f-equipment-dumbbells")
    page.keyboard.press("Space")
    tab_to(page, "#f-muscle-latissimus-dorsi")
    page.keyboard.press("Space")
    tab_to(page, ".filter-form button[type=submit]")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"equipment=dumbbells.*muscle=latissimus-dorsi"))
    heading = page.locator("#results-heading")
    expect(heading).to_have_text(re.compile(r"^\d+ exercises? for latissimus dorsi with dumbbells$"))
    expect(page.locator(".chip", has_text="Equipment: Dumbbells")).to_be_visible()

    first = page.locator(".card-title a").first
    name = first.inner_text()
    tab_to(page, ".card-title a >> nth=0")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(name)

    page.go_back()
    expect(page.locator("#f-equipment-dumbbells")).to_be_checked()
    expect(page.locator("#f-muscle-latissimus-dorsi")).to_be_checked()
    expect(heading).to_contain_text("for latissimus dorsi with dumbbells")


def test_paging_keeps_filters_and_clear_all_resets(page):
    page.goto("/exercises/?muscle=latissimus-dorsi")
    total = int(page.locator("#results-heading").inner_text().split()[0])
    assert total > 24
    page.locator("a[rel=next]").click()
    expect(page).to_have_url(re.compile(r"muscle=latissimus-dorsi.*page=2"))
    expect(page.locator(".pagination [aria-current=page]")).to_contain_text("2")
    expect(page.locator(".chip", has_text="Muscle: Latissimus dorsi")).to_be_visible()
    page.get_by_role("link", name="Clear all filters").click()
    expect(page).to_have_url(re.compile(r"/exercises/$"))
    expect(page.locator(".chip")).to_have_count(0)


def test_removing_one_tag_keeps_the_others(page):
    page.goto("/exercises/?equipment=dumbbells&equipment=flat-bench&only=1")
    page.locator(".chip", has_text="Equipment: Flat bench").click()
    expect(page.locator("#f-equipment-dumbbells")).to_be_checked()
    expect(page.locator("#f-equipment-flat-bench")).not_to_be_checked()
    expect(page.locator("#f-only")).to_be_checked()


def test_bad_input_explains_itself(page):
    page.goto("/exercises/?equipment=rocket&page=999")
    expect(page.locator(".notice")).to_contain_text("We don’t know the equipment “rocket”")
    expect(page.locator(".notice")).to_contain_text("There is no page 999")


def test_exercise_page_links_back_to_filtered_catalogue(page):
    page.goto("/exercises/face-pull/")
    page.locator(".facts a", has_text="Rear deltoid").click()
    expect(page).to_have_url(re.compile(r"/exercises/\?muscle=rear-deltoid$"))
    expect(page.locator("#f-muscle-rear-deltoid")).to_be_checked()


def test_search_from_the_header_with_the_keyboard(page):
    """Type in the header's box on any page, press Enter, land on the best match."""
    page.goto("/anatomy/")
    tab_to(page, "#site-search-q")
    page.keyboard.type("pullup")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=pullup$"))
    expect(page.locator("h1")).to_have_text("Results for “pullup”")
    first = page.locator("#results-exercise ~ ol .result-title").first
    expect(first).to_have_text("Pull-up")
    expect(page.locator("#site-search-q")).to_have_value("pullup")
    first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/exercises/pull-up/$"))


def test_search_with_a_typo_offers_the_right_spelling(page):
    page.goto("/search/?q=rhombiods")
    suggestion = page.get_by_role("link", name="Rhomboids", exact=True)
    expect(suggestion.first).to_be_visible()
    suggestion.first.click()
    expect(page.locator("#results-muscle ~ ol .result-title").first).to_have_text("Rhomboids")
