"""Exercise figures in a real browser: drawn, moving, still for readers who ask for less
motion, within the strict Content Security Policy, and light enough."""

import pytest

EXERCISE = "/exercises/barbell-bent-over-row/"


def loaded(page, selector):
    return page.locator(selector).evaluate("img => img.complete && img.naturalWidth > 0")


def test_start_finish_and_motion_are_drawn_near_the_top(page, csp_violations):
    page.goto(EXERCISE)
    for selector in (
        ".movement-frame:nth-child(1) img",
        ".movement-frame:nth-child(2) img",
        ".movement-animated img",
    ):
        assert loaded(page, selector), selector
    figure_top = page.locator(".movement").bounding_box()["y"]
    facts_top = page.locator(".facts").first.bounding_box()["y"]
    assert figure_top < facts_top and figure_top < 700  # in the first screen, before the facts
    assert page.locator(".movement-animated").is_visible()
    assert page.locator(".movement-animated img").evaluate("img => img.currentSrc").endswith("/animated.svg")
    assert csp_violations == []  # SMIL animation: no script, no inline style


def test_the_animation_moves(page, base_url):
    page.goto(EXERCISE)
    src = page.locator(".movement-animated img").evaluate("img => img.currentSrc")
    page.goto(src)
    first = page.screenshot()
    page.wait_for_timeout(1200)  # a quarter of the four-second round trip
    assert page.screenshot() != first


def test_reduced_motion_shows_still_figures_only(page):
    page.emulate_media(reduced_motion="reduce")
    page.goto(EXERCISE)
    assert not page.locator(".movement-animated").is_visible()
    # Even where the CSS did not apply, the picture's source would be the still start.
    assert page.locator(".movement-animated img").evaluate("img => img.currentSrc").endswith("/start.svg")
    assert page.locator(".movement-frame:nth-child(1)").is_visible()
    assert page.locator(".movement-frame:nth-child(2)").is_visible()


@pytest.mark.parametrize(("path", "limit_kb"), [(EXERCISE, 60), ("/exercises/", 120)])
def test_first_visit_weight(page, path, limit_kb):
    """Everything a first visit downloads (HTML, CSS, figures, thumbnails), compressed."""
    sizes = []
    page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
    page.goto(path)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # lazy thumbnails load too
    page.wait_for_load_state("networkidle")
    assert sum(sizes) / 1024 < limit_kb, f"{sum(sizes) / 1024:.1f} KB"
