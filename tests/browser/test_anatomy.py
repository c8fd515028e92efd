"""The body map in a real browser: click a muscle, or reach it with the keyboard."""

import re

from playwright.sync_api import expect

from .test_reader import tab_to


def test_click_middle_trapezius_on_the_map(page):
    page.goto("/anatomy/")
    page.locator("svg a[aria-label='Middle trapezius']").click()
    expect(page).to_have_url(re.compile(r"/anatomy/muscles/middle-trapezius/$"))
    expect(page.locator("h1")).to_have_text("Middle trapezius")
    expect(page.locator("h3").first).to_contain_text("Primary muscle")
    page.get_by_role("link", name="Filter the catalogue on middle trapezius").click()
    expect(page.locator("#f-muscle-middle-trapezius")).to_be_checked()


def test_keyboard_activates_a_muscle_with_visible_focus(page):
    page.goto("/anatomy/")
    target = "svg a[aria-label='Rhomboids']"
    tab_to(page, target)
    stroke = page.locator(f"{target} path").first.evaluate("p => getComputedStyle(p).strokeWidth")
    assert float(stroke.removesuffix("px")) >= 2  # the focused shape is outlined
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/anatomy/muscles/rhomboids/$"))


def test_every_shape_on_the_map_opens_its_muscle_page(page):
    page.goto("/anatomy/")
    links = page.locator("svg a.map-muscle")
    names = links.evaluate_all("els => els.map(e => [e.getAttribute('aria-label'), e.getAttribute('href')])")
    assert len(names) >= 10
    for name, href in names:
        page.goto(href)
        expect(page.locator("h1")).to_have_text(name)


def test_exercise_map_has_a_legend_and_two_styles(page):
    page.goto("/exercises/face-pull/")
    primary = page.locator("svg a.is-primary path").first.evaluate("p => getComputedStyle(p).fill")
    secondary = page.locator("svg a.is-secondary path").first.evaluate("p => getComputedStyle(p).fill")
    assert secondary.startswith("url(") and not primary.startswith("url(")  # a pattern, not just a colour
    expect(page.locator(".map-legend")).to_contain_text("Primary: solid fill")
    expect(page.locator(".map-legend")).to_contain_text("Secondary: striped")
