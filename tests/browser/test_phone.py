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
    ],
)
def test_no_horizontal_scrolling(page, path):
    page.goto(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width}px wide"


def test_navigation_is_reachable(page):
    page.goto("/exercises/pull-up/")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Exercises")).to_be_in_viewport()
    nav.get_by_role("link", name="Home").click()
    expect(page).to_have_url(re.compile(r"/$"))


def test_filters_open_apply_and_close(page):
    page.goto("/exercises/")
    summary = page.locator(".filters summary")
    expect(page.locator("#f-equipment-resistance-band")).to_be_visible()  # open when nothing is applied
    page.locator("label[for=f-equipment-resistance-band]").tap()
    page.get_by_role("button", name="Apply filters").tap()
    expect(page.locator("#results-heading")).to_contain_text("with resistance band")
    # Once filters are applied the panel starts closed, so results come first; it still opens.
    expect(page.locator("#f-equipment-resistance-band")).to_be_hidden()
    expect(summary).to_contain_text("1 active")
    summary.tap()
    expect(page.locator("#f-equipment-resistance-band")).to_be_checked()
