"""The editorial workflow in a real browser: an editor made on the command line uploads an
attributed image and submits an exercise, a reviewer schedules it, it goes live only at its
time, and a rename breaks no link."""

import datetime
import io
import re
import time

from PIL import Image as Pillow
from playwright.sync_api import expect

from .axe import violations
from .conftest import REVIEWER, WRITER
from .test_editor import choose, fill_exercise, log_in


def upload_image(page, tmp_path):
    photo = tmp_path / "band-row.jpg"
    buffer = io.BytesIO()
    Pillow.new("RGB", (1400, 900), (40, 110, 100)).save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())
    page.goto("/admin/core/image/add/")
    page.locator("#id_file").set_input_files(str(photo))
    page.locator("#id_alt_text").fill("A person pulling a resistance band towards the ribs")
    page.locator("#id_author").fill("Rosa Vidal")
    page.locator("#id_licence").select_option("cc-by")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errornote")).to_contain_text("Please correct")  # no source address yet
    page.locator("#id_file").set_input_files(str(photo))  # browsers never keep a file input
    page.locator("#id_source_url").fill("https://example.org/band-row")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")


def test_submit_schedule_publish_and_rename(browser, base_url, tmp_path):
    writer = browser.new_context(base_url=base_url).new_page()
    log_in(writer, WRITER)
    upload_image(writer, tmp_path)
    fill_exercise(writer, "Workflow band row", status="review")
    choose(writer, writer.locator(".field-image"), "resistance band towards")
    writer.get_by_role("button", name="Save", exact=True).click()
    expect(writer.locator(".messagelist")).to_contain_text("was added successfully")
    expect(writer.locator("#editorial-dashboard")).to_be_hidden()  # the change list, not the index
    writer.goto("/admin/")
    expect(writer.locator("#editorial-dashboard")).to_contain_text("Exercises: 1")

    public = browser.new_context(base_url=base_url).new_page()
    assert public.goto("/exercises/workflow-band-row/").status == 404

    # The reviewer publishes it for a moment a little ahead (the site's clock is UTC).
    reviewer = browser.new_context(base_url=base_url).new_page()
    log_in(reviewer, REVIEWER)
    reviewer.goto("/admin/exercises/exercise/?status__exact=review")
    reviewer.get_by_role("link", name="Workflow band row").click()
    go_live = datetime.datetime.now(datetime.UTC).replace(microsecond=0) + datetime.timedelta(seconds=12)
    reviewer.locator("#id_status").select_option("published")
    reviewer.locator("#id_published_at_0").fill(go_live.strftime("%Y-%m-%d"))
    reviewer.locator("#id_published_at_1").fill(go_live.strftime("%H:%M:%S"))
    reviewer.get_by_role("button", name="Save", exact=True).click()
    expect(reviewer.locator(".messagelist")).to_contain_text("was changed successfully")

    assert public.goto("/exercises/workflow-band-row/").status == 404
    public.goto("/exercises/?muscle=rhomboids&equipment=resistance-band&q=workflow")
    expect(public.locator(".card-title")).to_have_count(0)
    public.goto("/search/?q=workflow+band+row")
    expect(public.get_by_role("link", name="Workflow band row")).to_have_count(0)

    time.sleep(max(0.0, (go_live - datetime.datetime.now(datetime.UTC)).total_seconds() + 1))
    assert public.goto("/exercises/workflow-band-row/").status == 200
    figure = public.locator("figure.lead-figure")
    expect(figure.locator("figcaption")).to_contain_text("Rosa Vidal, CC BY 4.0")
    image = figure.locator("img")
    expect(image).to_have_attribute("loading", "lazy")
    image.scroll_into_view_if_needed()
    public.wait_for_function("document.querySelector('figure.lead-figure img').naturalWidth > 0")
    assert violations(public) == []
    public.goto("/exercises/?muscle=rhomboids&equipment=resistance-band&q=workflow")
    expect(public.locator(".card-title")).to_have_text("Workflow band row")
    public.goto("/search/?q=workflow+band+row")
    expect(public.locator(".result-title").first).to_have_text("Workflow band row")

    reviewer.goto("/admin/exercises/exercise/?q=workflow")
    reviewer.get_by_role("link", name="Workflow band row").click()
    reviewer.locator("#id_slug").fill("banded-workflow-row")
    reviewer.get_by_role("button", name="Save", exact=True).click()
    public.goto("/exercises/workflow-band-row/")
    expect(public).to_have_url(re.compile(r"/exercises/banded-workflow-row/$"))
    expect(public.locator("h1")).to_have_text("Workflow band row")
    public.goto("/search/?q=workflow+band+row")  # the index follows the rename
    expect(public.locator(".result-title").first).to_have_attribute("href", "/exercises/banded-workflow-row/")
