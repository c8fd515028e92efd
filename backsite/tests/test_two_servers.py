"""Two app servers on one PostgreSQL and one Redis: a change made through one is served by
the other on its next request (the content version invalidates both servers' cached pages).

Needs the PostgreSQL and Redis that every Backsite development and CI machine runs; skipped
where they are not reachable.
"""

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from .servers import manage, start_gunicorn, stop

ROOT = Path(__file__).resolve().parents[2]
PG = os.environ.get("TWO_SERVERS_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("TWO_SERVERS_REDIS", "redis://127.0.0.1:6379/15")


def reachable(host, port):
    try:
        socket.create_connection((host, port), timeout=1).close()
        return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.system,
    pytest.mark.skipif(
        not (reachable("127.0.0.1", 5432) and reachable("127.0.0.1", 6379) and shutil.which("psql")),
        reason="needs PostgreSQL on 5432 and Redis on 6379",
    ),
]


def psql(sql):
    subprocess.run(
        [shutil.which("psql") or "/usr/bin/psql", PG + "/postgres", "-qc", sql],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    name = f"backsite_two_{uuid.uuid4().hex[:8]}"
    psql(f"CREATE DATABASE {name}")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "backsite.settings",
        "DEBUG": "0",
        "SECRET_KEY": "two-servers-test",
        "DATABASE_URL": f"{PG}/{name}",
        "REDIS_URL": REDIS,
        "PAGE_CACHE": "1",
        "DJANGO_SUPERUSER_PASSWORD": "a-long-test-passphrase",
    }
    log = tmp_path_factory.mktemp("two") / "gunicorn.log"
    procs = []
    try:
        superuser = ["createsuperuser", "--noinput", "--username", "boss", "--email", "b@example.org"]
        manage(env, ["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"], ["seed", "-v0"], superuser)
        urls = []
        for _ in range(2):
            process, url = start_gunicorn(env, log, "--workers", "2")
            procs.append(process)
            urls.append(url)
        yield urls
    finally:
        for process in procs:
            stop(process)
        psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def fetch(url):
    try:
        response = urllib.request.urlopen(url, timeout=30)  # noqa: S310 (our own servers)
        return response.status, response.headers.get("X-Cache"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache"), ""


def test_a_change_through_one_server_is_served_by_the_other(servers):
    first, second = servers
    page = "/exercises/pull-up/"
    for _ in range(6):  # warm both servers' workers' view of the shared cache
        assert fetch(second + page)[0] == 200
    assert fetch(second + page)[1] == "hit"

    # An editor unpublishes the exercise through the first server's admin.
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = browser.open(first + "/admin/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login).group(1)
    form = {
        "csrfmiddlewaretoken": token,
        "username": "boss",
        "password": "a-long-test-passphrase",
        "next": "/admin/",
    }
    browser.open(first + "/admin/login/?next=/admin/", urllib.parse.urlencode(form).encode())
    listing = browser.open(first + "/admin/exercises/exercise/?q=pull-up").read().decode()
    pk = re.search(r'href="/admin/exercises/exercise/(\d+)/change/[^"]*">Pull-up<', listing).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', listing).group(1)
    action = {"csrfmiddlewaretoken": token, "action": "unpublish", "_selected_action": pk, "index": "0"}
    done = browser.open(first + "/admin/exercises/exercise/", urllib.parse.urlencode(action).encode())
    assert done.status == 200

    status, cache, _ = fetch(second + page)
    assert status == 404
    status, cache, html = fetch(second + "/exercises/")
    assert status == 200 and cache == "miss" and 'href="/exercises/pull-up/"' not in html
