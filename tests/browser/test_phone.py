"""On a phone-sized screen: navigation reachable, filters usable, nothing scrolls sideways."""

import re

import pytest
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/exercises/",
        "/exercises/?muscle=trapezius&equipment=dumbbells",
        "/exercises/dumbbell-pullover/",
        "/exercises/no-such-page/",
        "/search/?q=pull+up",
        "/exercises/cat-cow/",
        "/exercises/sheet/?move=cat-cow&move=bird-dog",
        "/about/",
    ],
)
def test_no_horizontal_scrolling(page, path):
    page.goto(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width}px wide"


def test_navigation_is_reachable_through_a_compact_menu(page):
    page.goto("/exercises/pull-up/")
    assert page.locator(".site-header").bounding_box()["height"] < 110  # was about 250 px
    nav = page.get_by_role("navigation", name="Main")
    expect(nav).to_be_hidden()
    page.get_by_text("Menu", exact=True).tap()
    expect(nav.get_by_role("link", name="Exercises")).to_be_in_viewport()
    expect(page.get_by_role("search", name="Site search")).to_be_visible()
    nav.get_by_role("link", name="Home").click()
    expect(page).to_have_url(re.compile(r"/$"))


def test_the_menu_works_without_javascript(browser, base_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    page.goto("/faq/")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav).to_be_hidden()
    page.get_by_text("Menu", exact=True).click()
    nav.get_by_role("link", name="Anatomy").click()
    expect(page).to_have_url(re.compile(r"/anatomy/$"))
    context.close()


def test_results_come_first_and_the_filters_button_opens_the_panel(page):
    page.goto("/exercises/")
    first = page.locator(".card").first
    assert first.bounding_box()["y"] < PHONE["height"]  # a result on the first screen
    assert first.bounding_box()["y"] < page.locator("#filters").bounding_box()["y"]
    page.get_by_role("link", name=re.compile("^Filters")).tap()
    expect(page.locator(".filter-top button")).to_be_in_viewport()
    page.locator(".facet > summary", has_text="Equipment").tap()
    page.locator("label[for=f-equipment-resistance-band]").tap()
    page.locator(".filter-top button").tap()
    expect(page.locator("#results-heading")).to_contain_text("with resistance band")
    expect(page.get_by_role("link", name=re.compile("^Filters"))).to_contain_text("1 selected")
    expect(page.locator("#f-equipment-resistance-band")).to_be_checked()  # its group opens by itself
