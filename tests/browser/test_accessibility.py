"""Zero axe-core violations (WCAG 2.2 A/AA and best practice) in light and dark schemes."""

import pytest
from playwright.sync_api import expect

from .axe import violations

PAGES = {
    "home": "/",
    "catalogue": "/exercises/",
    "catalogue filtered": "/exercises/?muscle=latissimus-dorsi&equipment=dumbbells&only=1",
    "catalogue empty": "/exercises/?muscle=biceps&role=primary&kind=mobility",
    "catalogue with bad input": "/exercises/?equipment=rocket&page=abc",
    "exercise": "/exercises/barbell-bent-over-row/",
    "exercise stretch with safe dose": "/exercises/doorway-chest-stretch/",
    "rehab sheet": "/exercises/sheet/?move=cat-cow&move=bird-dog&move=pelvic-tilt",
    "rehab sheet empty": "/exercises/sheet/",
    "about": "/about/",
    "api documentation": "/api/",
    "open data": "/data/",
    "404": "/exercises/no-such-exercise/",
    "anatomy": "/anatomy/",
    "muscle": "/anatomy/muscles/middle-trapezius/",
    "muscle with stretches": "/anatomy/muscles/pectorals/",
    "parent muscle": "/anatomy/muscles/trapezius/",
    "region": "/anatomy/regions/lower-back/",
    "articles": "/articles/",
    "article": "/articles/balanced-back-training/",
    "faq": "/faq/",
    "goals": "/benefits/",
    "catalogue by goal": "/exercises/?goal=improved-posture&equipment=resistance-band",
    "programs": "/programs/",
    "programs filtered": "/programs/?level=beginner&equipment=dumbbells&only=1",
    "program": "/programs/beginner-4-week-back-plan/",
    "program with swaps": "/programs/beginner-4-week-back-plan/?substitute=1&have=dumbbells&have=flat-bench",
    "guidelines": "/programs/guidelines/",
    "balance": "/balance/",
    "balance result": "/balance/?exercise=pull-up&exercise=face-pull&sets=3",
    "search": "/search/",
    "search results": "/search/?q=row",
    "search one kind": "/search/?q=row&kind=exercise&page=2",
    "search nothing found": "/search/?q=rhombiods",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_no_violations(page, csp_violations, name, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(PAGES[name])
    assert violations(page) == []
    assert csp_violations == []


def test_skip_link_is_first_and_moves_focus_to_main(page):
    page.goto("/exercises/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_focus_is_visible_on_links_buttons_and_checkboxes(page):
    page.goto("/exercises/?equipment=dumbbells")  # its group is open, so the box can take focus
    for selector in [
        ".nav-list a >> nth=1",
        "#f-equipment-dumbbells",
        ".facet > summary >> nth=0",
        ".filter-form button[type=submit] >> nth=0",
        "#site-search-q",
        ".card-title a >> nth=0",
    ]:
        page.locator(selector).focus()
        outline = page.locator(selector).evaluate(
            "e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth"
        )
        assert outline.startswith("solid") and not outline.endswith(" 0px"), (selector, outline)


def test_headings_are_in_order(page):
    for path in [
        "/",
        "/exercises/",
        "/exercises/pull-up/",
        "/anatomy/",
        "/anatomy/muscles/rhomboids/",
        "/anatomy/regions/upper-back/",
    ]:
        page.goto(path)
        levels = page.locator("h1, h2, h3, h4").evaluate_all("els => els.map(e => +e.tagName[1])")
        assert levels[0] == 1 and levels.count(1) == 1, path
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (path, levels)


def test_reduced_motion_turns_off_transitions(page):
    page.emulate_media(reduced_motion="reduce")
    page.goto("/")
    duration = page.locator(".button").first.evaluate("e => getComputedStyle(e).transitionDuration")
    assert duration in {"0s", "0s, 0s"}
