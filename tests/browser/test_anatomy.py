"""The body map in a real browser: click a muscle, or reach it with the keyboard."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import ROOT
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
    target = "svg a[aria-label='Rhomboids, deep']"
    resting = page.locator(f"{target} path").first.evaluate("p => getComputedStyle(p).strokeWidth")
    tab_to(page, target)
    stroke = page.locator(f"{target} path").first.evaluate("p => getComputedStyle(p).strokeWidth")
    assert float(stroke.removesuffix("px")) >= 2 * float(resting.removesuffix("px"))  # outlined
    expect(page.locator(f"{target} .map-label")).to_be_visible()  # and named, as on hover
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/anatomy/muscles/rhomboids/$"))


def test_every_shape_on_the_map_opens_its_muscle_page(page):
    page.goto("/anatomy/")
    links = page.locator("svg a.map-muscle")
    names = links.evaluate_all("els => els.map(e => [e.getAttribute('aria-label'), e.getAttribute('href')])")
    assert len(names) >= 10
    for name, href in names:
        page.goto(href)
        expect(page.locator("h1")).to_have_text(name.removesuffix(", deep"))


def test_exercise_map_has_a_legend_and_two_styles(page):
    page.goto("/exercises/face-pull/")
    primary = page.locator("svg a.is-primary path").first.evaluate("p => getComputedStyle(p).fill")
    secondary = page.locator("svg a.is-secondary path").first.evaluate("p => getComputedStyle(p).fill")
    assert secondary.startswith("url(") and not primary.startswith("url(")  # a pattern, not just a colour
    expect(page.locator(".map-legend")).to_contain_text("Primary: solid fill")
    expect(page.locator(".map-legend")).to_contain_text("Secondary: striped")


SHOTS = ROOT / "test-results"


@pytest.mark.parametrize("width", [1280, 390])
def test_every_shape_is_a_target_of_at_least_24_px_and_the_map_is_saved(page, width):
    """WCAG 2.2 target size on /anatomy/: each muscle has a shape (or an enlarged hit area) at
    least 24 by 24 CSS pixels. A screenshot of the map is kept for review."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/anatomy/")
    sizes = page.locator("svg a.map-muscle").evaluate_all(
        """links => links.map(link => [
            link.getAttribute("aria-label"),
            Math.max(...[...link.querySelectorAll("path, rect")].map(part => {
                const box = part.getBoundingClientRect();
                return Math.min(box.width, box.height);
            })),
        ])"""
    )
    assert len(sizes) >= 20
    small = {name: round(size, 1) for name, size in sizes if size < 24}
    assert small == {}
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"anatomy-{width}.png", full_page=True)


def test_pointing_at_a_muscle_names_it_and_highlights_it_in_the_list(page):
    page.goto("/anatomy/")
    shape = page.locator("svg a[data-muscle='pectorals']")
    label = shape.locator(".map-label")
    expect(label).to_be_hidden()
    shape.locator("path").first.hover()
    expect(label).to_be_visible()
    expect(label).to_have_text("Chest")
    expect(page.locator(".map-links li[data-muscle='pectorals']")).to_have_class(re.compile("is-pointed"))
    # And from the list: pointing at a name lights its shape on the map.
    page.locator(".map-links li[data-muscle='glutes'] a").first.hover()
    expect(page.locator("svg a[data-muscle='glutes']")).to_have_class(re.compile("is-pointed"))
    expect(page.locator("svg a[data-muscle='glutes'] .map-label")).to_be_visible()


def test_the_home_page_shows_the_whole_map_above_the_fold(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    boxes = page.locator(".home-map svg.body-map-svg").evaluate_all(
        "svgs => svgs.map(svg => svg.getBoundingClientRect().bottom)"
    )
    assert len(boxes) == 2 and max(boxes) <= 900
