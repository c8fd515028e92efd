"""Real-browser test set-up: a production-like site on a free port, and Debian's Chromium.

The site is served by gunicorn with DEBUG off, WhiteNoise and collected static files, on a
fresh SQLite database with all seed content, exactly as `make run` serves it.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backsite.tests.servers import start_gunicorn, stop

ROOT = Path(__file__).resolve().parents[2]
EDITOR = {"username": "editor", "password": "a-long-browser-test-password"}
# Accounts made the way the README says, with `manage.py create_editor`.
WRITER = {"username": "writer", "password": "a-long-writer-passphrase"}
REVIEWER = {"username": "checker", "password": "a-long-reviewer-passphrase"}


def chromium_path():
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.exit(
            "Chromium was not found. Install it (Debian/Ubuntu: sudo apt-get install chromium) "
            "or point CHROMIUM at a Chromium binary, then run `make test-browser` again.",
            returncode=1,
        )
    return path


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """Start gunicorn on seeded content; yield its base URL."""
    workdir = tmp_path_factory.mktemp("site")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "backsite.settings",
        "DATABASE_URL": f"sqlite:///{workdir / 'browser.sqlite3'}",
        "SECRET_KEY": "browser-tests-only",
        "DEBUG": "0",
        "SERVE_MEDIA": "1",
        "MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_SUPERUSER_PASSWORD": EDITOR["password"],
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["seed"],
        ["export_catalogue"],  # what `make run` starts in the background
        ["createsuperuser", "--noinput", "--username", EDITOR["username"], "--email", "e@example.org"],
    ):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)
    for account, extra in ((WRITER, []), (REVIEWER, ["--reviewer"])):
        subprocess.run(
            [*manage, "create_editor", account["username"], *extra],
            cwd=ROOT,
            check=True,
            capture_output=True,
            env={**env, "BACKSITE_EDITOR_PASSWORD": account["password"]},
        )
    server, url = start_gunicorn(env, workdir / "gunicorn.log", "--workers", "2")
    yield url
    stop(server)


@pytest.fixture(scope="session")
def base_url(site):
    return site


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path(),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def csp_violations(page):
    """Console reports of anything the Content Security Policy blocked on the page."""
    reports = []
    page.on(
        "console",
        lambda message: reports.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return reports
