"""An editor adds and publishes an exercise in the admin, and readers find it."""

from playwright.sync_api import expect

from .conftest import EDITOR


def log_in(page, account=EDITOR):
    page.goto("/admin/login/?next=/admin/")
    page.locator("#id_username").fill(account["username"])
    page.locator("#id_password").fill(account["password"])
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_contain_text("Backsite editors")


def choose(page, container, text):
    """Pick an option in one of the admin's autocomplete (select2) widgets."""
    container.locator(".select2-selection").click()
    inline = container.locator(".select2-selection .select2-search__field")  # multiple-choice widgets
    field = inline if inline.count() else page.locator(".select2-dropdown .select2-search__field")
    field.fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()
    page.keyboard.press("Escape")
    expect(page.locator(".select2-dropdown")).to_have_count(0)


def fill_exercise(page, name, status="published"):
    page.goto("/admin/exercises/exercise/add/")
    page.locator("#id_name").fill(name)
    page.locator("#id_summary").fill("A browser-test row for the mid-back.")
    page.locator("#id_movement_pattern").select_option("horizontal-pull")
    choose(page, page.locator(".field-equipment"), "Resistance band")
    page.locator("#id_tips").fill("Keep your ribs down.")
    rows = page.locator("#exercise_muscles-group tr.form-row.dynamic-exercise_muscles")
    for n in range(2):
        page.locator("#exercise_muscles-group .add-row a").click()
        expect(rows).to_have_count(n + 1)
    choose(page, rows.nth(0).locator(".field-muscle"), "Rhomboids")
    rows.nth(0).locator("select[name$=role]").select_option("primary")
    choose(page, rows.nth(1).locator(".field-muscle"), "Biceps")
    rows.nth(1).locator("select[name$=role]").select_option("secondary")
    for n in range(3):
        page.locator("#steps-group .add-row a").click()
        expect(page.locator(f"input[name=steps-{n}-position]")).to_be_visible()
        page.locator(f"input[name=steps-{n}-position]").fill(str(n + 1))
        page.locator(f"textarea[name=steps-{n}-text]").fill(f"Browser step {n + 1}.")
    page.locator("#id_status").select_option(status)


def test_editor_publishes_an_exercise_readers_can_find(page):
    log_in(page)
    fill_exercise(page, "Browser band row")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.goto("/exercises/?muscle=rhomboids&role=primary&equipment=resistance-band")
    page.get_by_role("link", name="Browser band row").click()
    expect(page.locator("h1")).to_have_text("Browser band row")
    expect(page.locator(".steps li")).to_have_count(3)


def test_a_refused_form_keeps_what_was_typed(page):
    log_in(page)
    fill_exercise(page, "Browser refused row")
    # Make the only primary muscle secondary: publishing must now be refused.
    page.locator("#exercise_muscles-group tr.dynamic-exercise_muscles").nth(0).locator(
        "select[name$=role]"
    ).select_option("secondary")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator("#exercise_muscles-group")).to_contain_text("needs at least one primary muscle")
    expect(page.locator("#id_name")).to_have_value("Browser refused row")
    expect(page.locator("#id_tips")).to_have_value("Keep your ribs down.")
    expect(page.locator("textarea[name=steps-2-text]")).to_have_value("Browser step 3.")
    page.goto("/exercises/?q=refused")
    expect(page.locator("#results-heading")).to_have_text("0 exercises")
