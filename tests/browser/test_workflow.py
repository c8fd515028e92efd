"""The editorial workflow in a real browser: a writer submits, a reviewer publishes, a rename
breaks no link."""

import re

from playwright.sync_api import expect

from .conftest import REVIEWER, WRITER
from .test_editor import fill_exercise, log_in


def test_submit_review_publish_and_rename(browser, base_url):
    writer = browser.new_context(base_url=base_url).new_page()
    log_in(writer, WRITER)
    fill_exercise(writer, "Workflow band row", status="review")
    writer.get_by_role("button", name="Save", exact=True).click()
    expect(writer.locator(".messagelist")).to_contain_text("was added successfully")
    expect(writer.locator("#editorial-dashboard")).to_be_hidden()  # the change list, not the index
    writer.goto("/admin/")
    expect(writer.locator("#editorial-dashboard")).to_contain_text("Exercises: 1")

    public = browser.new_context(base_url=base_url).new_page()
    assert public.goto("/exercises/workflow-band-row/").status == 404

    reviewer = browser.new_context(base_url=base_url).new_page()
    log_in(reviewer, REVIEWER)
    reviewer.goto("/admin/exercises/exercise/?status__exact=review")
    row = reviewer.locator("#result_list tr", has_text="Workflow band row")
    row.locator("input.action-select").check()
    reviewer.locator("select[name=action]").select_option("publish")
    reviewer.locator("button[name=index]").click()
    expect(reviewer.locator(".messagelist")).to_contain_text("Published: 1 item(s).")

    assert public.goto("/exercises/workflow-band-row/").status == 200
    public.goto("/exercises/?q=workflow")
    expect(public.locator(".card-title")).to_have_text("Workflow band row")

    reviewer.goto("/admin/exercises/exercise/?q=workflow")
    reviewer.get_by_role("link", name="Workflow band row").click()
    reviewer.locator("#id_slug").fill("banded-workflow-row")
    reviewer.get_by_role("button", name="Save", exact=True).click()
    public.goto("/exercises/workflow-band-row/")
    expect(public).to_have_url(re.compile(r"/exercises/banded-workflow-row/$"))
    expect(public.locator("h1")).to_have_text("Workflow band row")
