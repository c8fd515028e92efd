"""Stores failing under a running site (issue 21): the database stopped, Redis frozen.

- Database stopped: /healthz says 503; cached pages keep being served, even by a worker that
  starts during the outage after Redis's copy of the content version has expired; other pages
  get the 503 page. When it is back, everything recovers without a restart.
- Redis frozen (SIGSTOP: it accepts connections and never answers): pages keep coming at
  their usual pace and /healthz answers within a second, naming the cache.

Runs its own throwaway PostgreSQL cluster (initdb as the postgres user) and its own Redis,
each on a free port, so stopping them touches nothing else. Skipped where that is not possible.
"""

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .servers import (
    CAN_RUN_POSTGRES,
    RUNUSER,
    as_postgres,
    free_port,
    manage,
    postgres_cluster,
    start_gunicorn,
    stop,
)

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = shutil.which("redis-server")

pytestmark = [
    pytest.mark.system,
    pytest.mark.skipif(
        not CAN_RUN_POSTGRES,
        reason="needs PostgreSQL's server binaries and root (to run them as the postgres user)",
    ),
]


def get(url, host=None):
    """(status, body) of a GET; ``host`` sends another Host header, as a load balancer would
    for every app server behind one name."""
    request = urllib.request.Request(url, headers={"Host": host} if host else {})  # noqa: S310 (ours)
    try:
        response = urllib.request.urlopen(request, timeout=20)  # noqa: S310 (our own server)
        return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module")
def cluster():
    with postgres_cluster() as running:
        yield running


@pytest.fixture(scope="module")
def redis_server():
    port = free_port()
    process = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    import redis

    for _ in range(50):
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            time.sleep(0.1)
    try:
        yield {"url": url, "process": process, "client": redis.Redis.from_url(url)}
    finally:
        process.send_signal(signal.SIGCONT)
        process.kill()
        process.wait()


PAGES = [
    "/",
    "/exercises/",
    "/exercises/pull-up/",
    "/anatomy/",
    "/anatomy/muscles/rhomboids/",
    "/articles/",
    "/faq/",
    "/programs/",
    "/exercises/?equipment=dumbbells",
]


@pytest.fixture(scope="module")
def site(cluster, redis_server, tmp_path_factory):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "backsite.settings",
        "DEBUG": "0",
        "SECRET_KEY": "fault-test",
        "DATABASE_URL": cluster["url"],
        "PAGE_CACHE": "1",
        "REDIS_URL": redis_server["url"],
    }
    manage(env, ["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"], ["seed", "-v0"])
    return env, tmp_path_factory.mktemp("fault")


def test_database_outage_and_recovery(site, cluster, redis_server):
    env, logs = site
    server, base = start_gunicorn(env, logs / "gunicorn.log", "--workers", "2")
    try:
        assert get(base + "/healthz")[0] == 200
        for page in PAGES:
            assert get(base + page)[0] == 200  # now in the page cache

        as_postgres(*cluster["ctl"], "-m", "fast", "stop")
        redis_server["client"].delete(":1:content-version", "backsite:1:content-version")
        assert not [key for key in redis_server["client"].keys("*content-version")]  # as if it expired
        # A server whose workers start now has never seen the database or the version.
        fresh, fresh_base = start_gunicorn(env, logs / "fresh.log", "--workers", "1", healthy=False)
        try:
            host = base.removeprefix("http://")  # both servers answer for one site name
            for url in (base, fresh_base):
                assert get(url + "/healthz")[0] == 503
                for page in PAGES:
                    status, html = get(url + page, host)
                    assert status == 200 and "<h1" in html, (url, page, status)
                status, html = get(url + "/exercises/bird-dog/", host)  # never cached
                assert status == 503 and "back in a moment" in html
                assert "Traceback" not in html and "psycopg" not in html and "OperationalError" not in html
        finally:
            stop(fresh)

        as_postgres(*cluster["ctl"], "start")
        assert get(base + "/healthz")[0] == 200
        assert get(base + "/exercises/bird-dog/")[0] == 200
        assert server.poll() is None  # the same server process throughout
    finally:
        stop(server)


def test_a_frozen_redis_costs_milliseconds(site, redis_server):
    env, logs = site
    server, base = start_gunicorn(env, logs / "frozen.log", "--workers", "2")
    try:
        for page in PAGES:
            get(base + page)
        redis_server["process"].send_signal(signal.SIGSTOP)
        try:
            started = time.monotonic()
            status, body = get(base + "/healthz")
            assert time.monotonic() - started < 1
            assert status == 200 and "cache unreachable" in body
            started = time.monotonic()
            for page in PAGES * 3:
                assert get(base + page)[0] == 200
            per_page = (time.monotonic() - started) / (len(PAGES) * 3)
            assert per_page < 0.5, per_page  # was 5 to 15 s a request
        finally:
            redis_server["process"].send_signal(signal.SIGCONT)
        assert "cache ok" in get(base + "/healthz")[1]
    finally:
        stop(server)


def test_the_attack_script_finds_no_failure(site, cluster, redis_server):
    """scripts/attack.py, every attack and both faults, against a server behind one proxy."""
    env, logs = site
    server, base = start_gunicorn({**env, "TRUSTED_PROXIES": "1"}, logs / "attack.log", "--workers", "2")
    ctl = shlex.join(map(str, [RUNUSER, "-u", "postgres", "--", *cluster["ctl"]]))
    try:
        result = subprocess.run(
            [
                sys.executable,
                "scripts/attack.py",
                "--base",
                base,
                "--trusted-proxy",
                "--db-stop",
                f"{ctl} -m fast stop",
                "--db-start",
                f"{ctl} start",
                "--redis-pid",
                str(redis_server["process"].pid),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        print(result.stdout)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "FAIL" not in result.stdout and "database stopped: cached pages" in result.stdout
        assert "failed logins for an editor" in result.stdout and "Redis frozen: pages" in result.stdout
    finally:
        stop(server)
