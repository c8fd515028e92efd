"""Load: 60 seconds at 64 connections over a mix of pages, with no errors, and no worker
growing by more than 10% of its memory after warm-up.

Drives gunicorn (production settings, seed content, page cache on, worker recycling off so
that growth would show) with wrk from this machine. Runs once per CI run (the SQLite pass).
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .servers import manage, start_gunicorn, stop

ROOT = Path(__file__).resolve().parents[2]
WRK = shutil.which("wrk")
PAGES = [
    "/",
    "/exercises/",
    "/exercises/?equipment=dumbbells&muscle=latissimus-dorsi",
    "/exercises/pull-up/",
    "/anatomy/",
    "/anatomy/muscles/rhomboids/",
    "/articles/balanced-back-training/",
    "/faq/",
    "/programs/",
    "/programs/beginner-4-week-back-plan/",
    "/search/?q=row",
    "/sitemap.xml",
    "/balance/",
]
# wrk picks the next path of the mix for every request.
MIX = """
paths = {%s}
counter = 0
request = function()
  counter = counter %% #paths + 1
  return wrk.format("GET", paths[counter])
end
"""

pytestmark = [
    pytest.mark.system,
    pytest.mark.skipif(WRK is None, reason="needs wrk (apt-get install wrk)"),
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="runs in the SQLite pass"
    ),
]


def worker_memory(master):
    """Resident memory (kB) of each gunicorn worker of ``master``."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    sizes = {}
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes[pid] = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    return sizes


def run_wrk(url, script, seconds):
    command = [WRK, "-t2", "-c64", f"-d{seconds}s", "-s", script, url]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return (
        requests,
        int(errors.group(1)) if errors else 0,
        socket_errors.group(1) if socket_errors else "",
        out,
    )


def test_sixty_seconds_at_64_connections(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "backsite.settings",
        "DEBUG": "0",
        "SECRET_KEY": "load-test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'load.sqlite3'}",
        "PAGE_CACHE": "1",
        "GUNICORN_MAX_REQUESTS": "0",
        "GUNICORN_WORKERS": "4",
    }
    env.pop("REDIS_URL", None)
    manage(env, ["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"], ["seed", "-v0"])
    script = tmp_path / "mix.lua"
    script.write_text(MIX % ", ".join(f'"{page}"' for page in PAGES))
    server, base = start_gunicorn(env, tmp_path / "gunicorn.log", "--access-logfile", "/dev/null")
    try:
        run_wrk(base, script, 10)  # warm-up: every worker renders and caches every page
        warm = worker_memory(server.pid)
        requests, non2xx, socket_errors, out = run_wrk(base, script, 60)
        after = worker_memory(server.pid)
    finally:
        stop(server)
    assert requests > 1000 and non2xx == 0 and socket_errors == "", out
    assert set(after) == set(warm), "a worker died or was replaced during the run"
    grown = {pid: after[pid] / warm[pid] for pid in warm if after[pid] > warm[pid] * 1.10}
    assert grown == {}, (warm, after)
