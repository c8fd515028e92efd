"""gunicorn settings for Backsite (`gunicorn -c gunicorn.conf.py backsite.wsgi`).

Every value can be overridden with an environment variable of the same name in capitals
prefixed GUNICORN_ (for example GUNICORN_WORKERS=4), or on the command line.
"""

import multiprocessing
import os


def env(name, default):
    return os.environ.get(f"GUNICORN_{name.upper()}", default)


bind = env("bind", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Sync workers: the site is CPU-bound rendering with short database queries.
workers = int(env("workers", multiprocessing.cpu_count() * 2 + 1))
timeout = int(env("timeout", 30))  # a request taking longer is killed and logged
graceful_timeout = int(env("graceful_timeout", 30))  # SIGHUP/SIGTERM: finish requests first
keepalive = int(env("keepalive", 5))
# Recycle workers now and then so slow leaks cannot grow; jitter keeps them from all
# restarting at once.
# Load Django once in the master, then fork: a recycled worker starts in milliseconds instead
# of a second of imports, and workers share the loaded code's memory. New code therefore needs
# a restart (or USR2 then QUIT to the old master); HUP only replaces the workers.
preload_app = env("preload_app", "1") == "1"
max_requests = int(env("max_requests", 2000))
max_requests_jitter = int(env("max_requests_jitter", 200))
accesslog = env("accesslog", "-")
errorlog = env("errorlog", "-")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# Only trust X-Forwarded-* from the proxy in front (set to its address in production).
forwarded_allow_ips = env("forwarded_allow_ips", "127.0.0.1")


def pre_fork(server, worker):
    """With the app preloaded, warm the facet index and templates in the master (once per
    content version) so every new or recycled worker starts with them (backsite/warmup.py)."""
    if server.cfg.preload_app:
        from backsite.warmup import warm

        warm()
