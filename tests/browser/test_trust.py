"""Content a reader in pain can trust: red flags where they land, the safe-dose card and its
printable sheet, the ladder of easier and harder moves, and the editorial policy."""

import re

from playwright.sync_api import expect


def test_a_reader_with_a_sore_back_meets_the_red_flags_first(page):
    page.goto("/faq/")
    question = page.locator("details.faq-entry", has_text="if it hurts")
    question.locator("summary").click()
    flags = question.locator(".callout-red-flags")
    expect(flags).to_be_visible()
    expect(flags).to_contain_text("bladder")
    expect(flags).to_contain_text("ambulance")


def test_from_a_stretch_to_a_printed_sheet_with_blank_dose_boxes(page):
    page.goto("/exercises/cat-cow/")
    card = page.get_by_role("complementary", name="How to do it safely")
    expect(card).to_contain_text("When to stop")
    card.get_by_role("link", name=re.compile("Print a sheet")).click()
    expect(page).to_have_url(re.compile(r"/exercises/sheet/\?move=cat-cow"))
    moves = page.locator(".sheet-move")
    expect(moves).to_have_count(1)
    page.locator("label[for=move-bird-dog]").click()
    page.get_by_role("button", name="Make the sheet").click()
    expect(moves).to_have_count(2)
    expect(moves.first.locator(".sheet-dose")).to_contain_text("Hold")
    expect(moves.first.locator(".fill")).to_have_count(3)
    page.emulate_media(media="print")
    expect(page.locator(".sheet-form")).to_be_hidden()
    expect(page.locator(".site-header nav")).to_be_hidden()


def test_an_exercise_page_offers_a_step_down_and_a_step_up(page):
    page.goto("/exercises/pull-up/")
    ladder = page.locator("#ladder-title").locator("xpath=..")
    expect(ladder).to_contain_text("Step down")
    ladder.get_by_role("link").first.click()
    expect(page.locator("h1")).not_to_have_text("Pull-up")
    expect(page.locator("#ladder-title")).to_be_visible()


def test_the_footer_leads_to_the_editorial_policy_and_the_licences(page):
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="About").click()
    expect(page.locator("h1")).to_have_text("About Backsite")
    for section in ["#who", "#review", "#reviewed", "#errors", "#cycle", "#licences"]:
        expect(page.locator(section)).to_be_visible()
    expect(page.locator("main")).to_contain_text("CC BY-SA 4.0")
