"""Run deploy/nginx.conf on this machine, in front of a local gunicorn.

    python deploy/proxy.py --port 8080 --upstream 127.0.0.1:8000 [--workdir .proxy] [--check]

Writes <workdir>/nginx.conf from the shipped deploy/nginx.conf and deploy/nginx-locations.conf,
changing only what differs on a developer's machine: the project's path, the upstream
address, where the cache, logs, pid and temporary files go, the user nginx's workers run as,
and the servers (one plain-HTTP server on 127.0.0.1:<port> in place of the TLS ones). Brotli
is included when Debian's Brotli modules are enabled. Then it runs nginx in the foreground
(``--check`` only tests the configuration). `make run-proxy`, `make bench` and the proxy
system test all start nginx this way.
"""

import argparse
import getpass
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
SERVERS = re.compile(r"    # --- servers:.*?# --- end servers ---\n", re.S)
MODULES = Path("/etc/nginx/modules-enabled")


def nginx_binary():
    return shutil.which("nginx") or next(
        (str(p) for p in (Path("/usr/sbin/nginx"), Path("/usr/local/sbin/nginx")) if p.exists()), None
    )


def brotli_enabled():
    return any(MODULES.glob("*brotli*")) if MODULES.is_dir() else False


def render(port, upstream, workdir, *, extra_server=""):
    """The text of the local nginx.conf (and its locations file, written beside it)."""
    workdir = Path(workdir).resolve()
    for sub in ("cache", "temp", "logs"):
        (workdir / sub).mkdir(parents=True, exist_ok=True)
    locations = (DEPLOY / "nginx-locations.conf").read_text().replace("/srv/backsite", str(ROOT))
    (workdir / "nginx-locations.conf").write_text(locations)
    server = f"""    server {{
        listen 127.0.0.1:{port} default_server;
        server_name _;
        include {workdir / "nginx-locations.conf"};
    }}
{extra_server}"""
    text = (DEPLOY / "nginx.conf").read_text()
    text, found = SERVERS.subn(lambda _m: server, text)
    if found != 1:
        raise SystemExit("deploy/nginx.conf has lost its '# --- servers' markers")
    temp = workdir / "temp"
    replacements = {
        "user www-data;": f"user {getpass.getuser()};",
        "pid /run/nginx-backsite.pid;": f"pid {workdir / 'nginx.pid'};",
        "/var/log/nginx/": f"{workdir / 'logs'}/",
        "/var/cache/nginx/backsite": str(workdir / "cache"),
        "server 127.0.0.1:8000;": f"server {upstream};",
        "include /etc/nginx/backsite-brotli*.conf;": (
            f"include {DEPLOY / 'nginx-brotli.conf'};" if brotli_enabled() else "# (no Brotli module here)"
        ),
        "    server_tokens off;\n": (
            "    server_tokens off;\n"
            + "".join(
                f"    {kind}_temp_path {temp / kind};\n"
                for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            )
        ),
    }
    for old, new in replacements.items():
        if old not in text:
            raise SystemExit(f"deploy/nginx.conf no longer holds {old!r}")
        text = text.replace(old, new)
    if os.geteuid() != 0:
        text = text.replace(f"user {getpass.getuser()};", "# (not root: workers run as this user)")
    return text


def write(port, upstream, workdir, **kwargs):
    conf = Path(workdir).resolve() / "nginx.conf"
    conf.write_text(render(port, upstream, workdir, **kwargs))
    return conf


def command(conf, *extra):
    nginx = nginx_binary()
    if not nginx:
        raise SystemExit("nginx is not installed (Debian: apt-get install nginx)")
    return [nginx, "-c", str(conf), "-e", str(conf.parent / "logs" / "error.log"), *extra]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--upstream", default="127.0.0.1:8000")
    parser.add_argument("--workdir", default=str(ROOT / ".proxy"))
    parser.add_argument("--check", action="store_true", help="only test the configuration")
    args = parser.parse_args()
    conf = write(args.port, args.upstream, args.workdir)
    if args.check:
        sys.exit(subprocess.run(command(conf, "-t"), check=False).returncode)  # noqa: S603 (nginx, found on PATH)
    print(f"nginx on http://127.0.0.1:{args.port}/ in front of {args.upstream} (Ctrl+C stops it)", flush=True)
    os.execv(command(conf)[0], command(conf, "-g", "daemon off;"))  # noqa: S606 (nginx, found above)


if __name__ == "__main__":
    main()
