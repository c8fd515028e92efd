"""With the database stopped, /healthz says 503 and pages fail politely; when it is back,
everything recovers without restarting the app server.

Runs its own throwaway PostgreSQL cluster (initdb as the postgres user, on a free port), so
stopping it touches nothing else. Skipped where that is not possible.
"""

import os
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .servers import free_port, manage, start_gunicorn, stop

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = max(Path("/usr/lib/postgresql").glob("*/bin"), default=None)
RUNUSER = shutil.which("runuser") or "/usr/sbin/runuser"

pytestmark = [
    pytest.mark.system,
    pytest.mark.skipif(
        PG_BIN is None or os.geteuid() != 0 or not Path(RUNUSER).exists(),
        reason="needs PostgreSQL's server binaries and root (to run them as the postgres user)",
    ),
]


def as_postgres(*command):
    return subprocess.run([RUNUSER, "-u", "postgres", "--", *map(str, command)], check=True,
                          capture_output=True, text=True)  # fmt: skip


def get(url):
    try:
        response = urllib.request.urlopen(url, timeout=20)  # noqa: S310 (our own server)
        return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module")
def cluster():
    # Directly under /tmp: the postgres user must be able to reach it (pytest's folders are 0700).
    data = Path(tempfile.mkdtemp(prefix="backsite-pgfault-"))
    shutil.chown(data, "postgres", "postgres")
    port = free_port()
    as_postgres(PG_BIN / "initdb", "-D", data / "db", "-A", "trust", "-U", "postgres")
    ctl = [PG_BIN / "pg_ctl", "-D", data / "db", "-l", data / "log", "-w",
           "-o", f"-p {port} -k {data} -c listen_addresses=127.0.0.1"]  # fmt: skip
    as_postgres(*ctl, "start")
    as_postgres(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", port, "backsite")
    try:
        yield {"url": f"postgres://postgres@127.0.0.1:{port}/backsite", "ctl": ctl}
    finally:
        subprocess.run([RUNUSER, "-u", "postgres", "--", *map(str, ctl), "-m", "immediate", "stop"],
                       capture_output=True)  # fmt: skip
        shutil.rmtree(data, ignore_errors=True)


def test_database_outage_and_recovery(cluster, tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "backsite.settings", "DEBUG": "0",
           "SECRET_KEY": "fault-test", "DATABASE_URL": cluster["url"], "PAGE_CACHE": "1"}  # fmt: skip
    env.pop("REDIS_URL", None)
    manage(env, ["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"], ["seed", "-v0"])
    server, base = start_gunicorn(env, tmp_path / "gunicorn.log", "--workers", "1")
    try:
        assert get(base + "/healthz")[0] == 200
        assert get(base + "/anatomy/")[0] == 200  # now in the page cache

        as_postgres(*cluster["ctl"], "-m", "fast", "stop")
        assert get(base + "/healthz")[0] == 503
        status, html = get(base + "/exercises/pull-up/")
        assert status == 500 and "Something went wrong" in html and "Traceback" not in html
        assert "psycopg" not in html and "OperationalError" not in html
        status, html = get(base + "/anatomy/")  # cached pages still serve
        assert status == 200 and "<h1>" in html

        as_postgres(*cluster["ctl"], "start")
        assert get(base + "/healthz")[0] == 200
        assert get(base + "/exercises/pull-up/")[0] == 200
        assert server.poll() is None  # the same server process throughout
    finally:
        stop(server)
