"""Real app servers for the tests that need one (two servers, fault, load, browser)."""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = max(Path("/usr/lib/postgresql").glob("*/bin"), default=None)
RUNUSER = shutil.which("runuser") or "/usr/sbin/runuser"
#: A throwaway PostgreSQL cluster needs the server binaries and root (to run them as postgres).
CAN_RUN_POSTGRES = PG_BIN is not None and os.geteuid() == 0 and Path(RUNUSER).exists()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *commands):
    """Run each management command (a list of arguments) in ``env``; stop at the first failure."""
    for command in commands:
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )


def start_gunicorn(env, log, *options, healthy=True):
    """gunicorn with gunicorn.conf.py on a free port; returns (process, base URL) once /healthz
    answers 200 (or, with ``healthy=False``, answers at all: a store may be down on purpose).
    ``log`` (a path) receives its error log."""
    port = free_port()
    with Path(log).open("a") as errors:  # the server keeps its own copy of the descriptor
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "backsite.wsgi",
                "-c",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                *options,
            ],
            cwd=ROOT,
            env=env,
            stdout=errors,
            stderr=errors,
        )
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2)  # noqa: S310 (our own server)
            return process, url
        except urllib.error.HTTPError:
            if not healthy:
                return process, url
            time.sleep(0.1)
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(Path(log).read_text())


def stop(process):
    process.terminate()
    process.wait(timeout=30)


def as_postgres(*command):
    return subprocess.run(
        [RUNUSER, "-u", "postgres", "--", *map(str, command)], check=True, capture_output=True, text=True
    )


@contextlib.contextmanager
def postgres_cluster():
    """A throwaway PostgreSQL cluster on a free port (never the machine's own server), with a
    ``backsite`` database: yields {"url", "ctl"}; ``as_postgres(*ctl, "stop")`` stops it."""
    # Directly under /tmp: the postgres user must be able to reach it (pytest's folders are 0700).
    data = Path(tempfile.mkdtemp(prefix="backsite-pg-"))
    shutil.chown(data, "postgres", "postgres")
    port = free_port()
    as_postgres(PG_BIN / "initdb", "-D", data / "db", "-A", "trust", "-U", "postgres")
    ctl = [
        PG_BIN / "pg_ctl",
        "-D",
        data / "db",
        "-l",
        data / "log",
        "-w",
        "-o",
        f"-p {port} -k {data} -c listen_addresses=127.0.0.1",
    ]
    as_postgres(*ctl, "start")
    as_postgres(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", port, "backsite")
    try:
        yield {"url": f"postgres://postgres@127.0.0.1:{port}/backsite", "ctl": ctl}
    finally:
        subprocess.run(
            [RUNUSER, "-u", "postgres", "--", *map(str, ctl), "-m", "immediate", "stop"], capture_output=True
        )
        shutil.rmtree(data, ignore_errors=True)
