"""Programs and the balance check in a real browser, including the printed page."""

import re

from playwright.sync_api import expect


def test_dumbbells_and_bench_reader_gets_swaps_and_prints(page):
    page.goto("/programs/?equipment=dumbbells")
    page.get_by_role("link", name=re.compile("Beginner 4-week", re.I)).click()
    page.locator("details.substitutes summary").click()
    page.locator("label[for=have-dumbbells]").click()
    page.locator("label[for=have-flat-bench]").click()
    page.get_by_role("button", name="Show swaps").click()
    expect(page).to_have_url(re.compile(r"substitute=1.*have=dumbbells.*have=flat-bench"))
    expect(page.locator(".swap").first).to_be_visible()
    expect(page.locator("table.plan").first).to_be_visible()
    expect(page.locator(".chart-table").first).to_contain_text("Latissimus dorsi")

    page.emulate_media(media="print")
    assert page.locator("header.site-header nav").is_hidden()
    assert page.locator("details.substitutes").is_hidden()
    breaks = page.locator("section.phase").evaluate_all(
        "els => els.map(e => getComputedStyle(e).breakBefore)"
    )
    assert breaks[0] != "page" and all(b == "page" for b in breaks[1:])
    pdf = page.pdf(format="A4")  # a real print of the page
    assert pdf[:4] == b"%PDF" and len(pdf) > 10_000


def test_only_dumbbells_keeps_the_cable_row_and_prints_a_clean_log_sheet(page):
    page.goto("/programs/beginner-4-week-back-plan/")
    form = page.locator("details.substitutes")
    form.locator("summary").click()
    assert form.locator("input[name=have]").count() < 23  # the plan's equipment and its swaps'
    page.locator("label[for=have-dumbbells]").click()
    page.get_by_role("button", name="Show swaps").click()
    first = page.locator("table.plan").first
    expect(first).to_contain_text("without repeating Dumbbell bent-over row")
    for table in page.locator("table.plan").all():
        names = table.locator("tbody th[scope=row] > a").all_inner_texts()
        assert len(names) == len(set(names))
    log = first.locator("th.log-cell")
    expect(log.first).to_be_hidden()  # the log is for paper only

    page.emulate_media(media="print")
    for chrome in [
        "header.site-header nav",
        "header .site-search",
        "nav.breadcrumbs",
        ".site-footer .footer-meta",
    ]:
        assert page.locator(chrome).evaluate_all("els => els.every(e => !e.checkVisibility())"), chrome
    assert page.locator("details.substitutes").is_hidden()
    assert page.locator("form").evaluate_all("els => els.every(e => !e.checkVisibility())")
    assert page.locator(".health-note").count() == 1 and page.locator(".disclaimer").count() == 0
    expect(page.locator(".health-note")).to_be_visible()
    expect(page.locator(".log-hint")).to_be_visible()
    assert log.all_inner_texts() == ["Set 1", "Set 2", "Set 3"]
    expect(log.first).to_be_visible()
    box = first.locator("td.log-cell").first
    expect(box).to_be_visible()
    expect(box.locator(".log-line")).to_have_text(["Wk 1", "Wk 2"])
    assert box.bounding_box()["height"] > 40  # room to write in
    page.set_viewport_size({"width": 390, "height": 844})  # paper is a table, even from a phone
    assert box.evaluate("e => getComputedStyle(e).display") == "table-cell"


def test_plan_tables_stack_into_cards_on_a_phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/programs/intermediate-back-builder/")
    cell = page.locator("table.plan td").first
    assert cell.evaluate("e => getComputedStyle(e).display") == "block"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_balance_check_counts_the_sets_of_each_exercise_and_names_the_gaps(page, csp_violations):
    page.goto("/balance/")
    for slug in ["pull-up", "lat-pulldown", "face-pull"]:
        page.locator(f"label[for=ex-{slug}]").click()
    pull_ups = page.get_by_label("Pull-up: sets a week")  # a box beside each tick, at once
    expect(pull_ups).to_have_value("3")
    pull_ups.fill("5")
    page.locator("label[for=ex-face-pull]").click()  # unticked: its box goes and sends nothing
    expect(page.get_by_label("Cable face pull: sets a week")).to_be_hidden()
    page.get_by_role("button", name="Check my week").click()
    expect(page).to_have_url(re.compile(r"sets-pull-up=5"))
    assert "face-pull" not in page.url
    regions = page.locator("table.chart-table").first
    expect(regions.locator("tr", has_text="Middle back")).to_contain_text("8")  # 5 + 3, both lats
    expect(regions.locator("tr", has_text="Lower back")).to_contain_text("gap")
    gaps = page.locator("ul.gaps")
    expect(gaps).to_contain_text("Lower back")
    expect(gaps).to_contain_text("Hinge and extension")
    expect(gaps.locator("a").first).to_be_visible()
    expect(page.locator("#ex-pull-up")).to_be_checked()
    expect(page.get_by_label("Pull-up: sets a week")).to_have_value("5")
    assert csp_violations == []
    page.locator("#id_program").select_option("balanced-back-session")
    page.get_by_role("button", name="Check my week").click()
    expect(page.locator("#result-heading")).to_contain_text("Balanced")


def test_balance_sets_work_without_javascript(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/balance/")
    page.locator("label[for=ex-deadlift]").click()
    expect(page.locator("#sets-deadlift")).to_have_count(0)  # no script to add the box
    page.get_by_role("button", name="Check my week").click()
    box = page.get_by_label("Barbell deadlift: sets a week")  # there after the first check
    expect(box).to_have_value("3")
    box.fill("6")
    page.get_by_role("button", name="Check my week").click()
    expect(page.locator("table.week-table tbody tr")).to_contain_text("6")
    regions = page.locator("table.chart-table").first
    expect(regions.locator("tr", has_text="Lower back")).not_to_contain_text("gap")
    context.close()


def test_balance_result_fits_a_phone(page):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(
        "/balance/?exercise=pull-up&exercise=barbell-bent-over-row&exercise=sumo-deadlift&sets-pull-up=4"
    )
    expect(page.locator("table.week-table")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
