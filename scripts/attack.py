#!/usr/bin/env python3
"""Attack a running Backsite and break its stores, then print what happened (issue 21).

    python scripts/attack.py --base http://127.0.0.1:8000 [--trusted-proxy]
        [--db-stop CMD --db-start CMD] [--redis-pid PID]

Each row of the table is one attack or fault: what was tried, how many times, what the site
answered, and whether that is what a safe site answers. The exit status is 1 when any row
failed. Only the standard library is used, so it runs against any server, from anywhere.

Attacks: cache poisoning through the Host header, cache flooding with tracking and unknown
parameters, reordered parameters, a made-up session cookie, oversized and odd input, an
unmatched search, a bad Host, the security headers, and (with --trusted-proxy, for a server
run with TRUSTED_PROXIES=1) a lockout turned on a victim. Faults, when the commands to cause
them are given: the database stopped (cached pages still served, others a 503, never a 500)
and Redis frozen with SIGSTOP (pages and /healthz keep their pace).
"""

import argparse
import http.client
import os
import shlex
import signal
import subprocess
import sys
import time
import urllib.parse

PAGES = ["/", "/exercises/", "/exercises/pull-up/", "/anatomy/", "/articles/", "/programs/"]


class Site:
    def __init__(self, base):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.name = parts.netloc

    def request(self, path, method="GET", headers=None, body=None):
        """(status, headers as a dict with lower-case names, body as text)."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers={"Host": self.name, **(headers or {})})
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read().decode()
        finally:
            connection.close()


class Table:
    def __init__(self):
        self.rows = []

    def add(self, attack, tries, seen, ok):
        self.rows.append((attack, str(tries), seen, "ok" if ok else "FAIL"))

    def print(self):
        heads = ("attack or fault", "tries", "what happened", "result")
        widths = [max(len(row[n]) for row in [heads, *self.rows]) for n in range(4)]
        for row in [heads, tuple("-" * w for w in widths), *self.rows]:
            print(" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))

    @property
    def failed(self):
        return any(row[3] != "ok" for row in self.rows)


def statuses(results):
    counts = {}
    for status in results:
        counts[status] = counts.get(status, 0) + 1
    return ", ".join(f"{count}x {status}" for status, count in sorted(counts.items()))


def poisoning(site, table):
    path = "/exercises/?sort=name"
    planted = site.request(path, headers={"Host": f"{site.host}:1337"})
    status, _, body = site.request(path)
    table.add(
        "Host header with another port, then a reader",
        2,
        f"planted {planted[0]}; reader {status}, port in reader's page: {':1337' in body}",
        status == 200 and ":1337" not in body,
    )


def flooding(site, table):
    site.request("/exercises/")
    results = [site.request(f"/exercises/?utm_source=mail{n}&fbclid={n}")[0] for n in range(300)]
    results += [site.request(f"/exercises/?made-up{n}=1")[0] for n in range(200)]
    _, headers, _ = site.request("/exercises/")
    table.add(
        "tracking and unknown parameters",
        len(results),
        f"{statuses(results)}; plain page afterwards: {headers.get('x-cache', 'no cache header')}",
        set(results) == {301} and headers.get("x-cache") == "hit",
    )
    first = site.request("/exercises/?equipment=dumbbells&sort=name")[1].get("x-cache")
    second = site.request("/exercises/?sort=name&equipment=dumbbells")[1].get("x-cache")
    table.add("the same parameters reordered", 2, f"{first}, then {second}", second == "hit")


def bypass(site, table):
    site.request("/anatomy/")
    results = [site.request("/anatomy/", headers={"Cookie": f"sessionid=made-up-{n}"}) for n in range(50)]
    hits = sum(1 for _, headers, _ in results if headers.get("x-cache") == "hit")
    table.add("made-up session cookies", len(results), f"{hits} served from the cache", hits == len(results))


def bad_input(site, table):
    tries = [
        "/exercises/?" + "&".join(f"equipment=x{n}" for n in range(1500)),
        "/exercises/?page=%C2%B2",
        "/exercises/?page=-1",
        "/exercises/?page=99999999999999999999",
        "/exercises/?q=" + "a" * 5000,
        "/exercises/%FF%FE/",
        "/exercises/?muscle=%00%01",
        "/search/?q=%3Cscript%3Ealert(1)%3C/script%3E",
        "/programs/?level=../../etc/passwd",
        "/anatomy/muscles/no-such-muscle/",
    ]
    results = [site.request(path)[0] for path in tries]
    table.add(
        "oversized, repeated and odd input",
        len(results),
        statuses(results),
        all(status < 500 for status in results),
    )
    status = site.request("/", headers={"Host": "attacker.example"})[0]
    table.add("a Host the site does not serve", 1, str(status), status == 400)


def search_cost(site, table):
    started = time.monotonic()
    results = [site.request(f"/search/?q=qzxv{n}+wplk+jjjj+ffff+kkkk")[0] for n in range(5)]
    each = (time.monotonic() - started) / 5
    table.add(
        "searches that match nothing",
        5,
        f"{statuses(results)}, {each * 1000:.0f} ms each",
        set(results) == {200} and each < 1.0,
    )


def headers(site, table):
    _, seen, _ = site.request("/")
    wanted = ["content-security-policy", "permissions-policy", "x-content-type-options", "referrer-policy"]
    missing = [name for name in wanted if name not in seen]
    table.add("security headers on a page", 1, "missing: " + (", ".join(missing) or "none"), not missing)


def lockout(site, table):
    login = "/admin/login/"
    status, page_headers, page = site.request(login)
    cookie = page_headers.get("set-cookie", "").split(";")[0]
    token = cookie.partition("=")[2]

    def attempt(address):
        form = urllib.parse.urlencode(
            {
                "username": "editor-under-attack",
                "password": "guess",
                "csrfmiddlewaretoken": token,
                "next": "/admin/",
            }
        )
        return site.request(
            login,
            "POST",
            {
                "Cookie": cookie,
                "X-Forwarded-For": address,
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{site.name}{login}",
            },
            form,
        )[0]

    attacker = [attempt("198.51.100.66") for _ in range(8)]
    victim = attempt("203.0.113.9")
    table.add(
        "failed logins for an editor from one address",
        len(attacker) + 1,
        f"attacker: {statuses(attacker)}; the editor from elsewhere: {victim}",
        attacker[-1] == 429 and victim == 200,
    )


def database_outage(site, table, stop, start):
    for path in PAGES:
        site.request(path)
    subprocess.run(shlex.split(stop), check=True, capture_output=True)
    try:
        cached = [site.request(path) for path in PAGES]
        uncached = site.request("/exercises/bird-dog/?sort=name")
        health = site.request("/healthz")[0]
    finally:
        subprocess.run(shlex.split(start), check=True, capture_output=True)
    served = [status for status, _, _ in cached]
    table.add("database stopped: cached pages", len(served), statuses(served), set(served) == {200})
    table.add(
        "database stopped: a page not cached",
        1,
        f"{uncached[0]}, Retry-After {uncached[1].get('retry-after')}",
        uncached[0] == 503 and "retry-after" in uncached[1],
    )
    table.add("database stopped: /healthz", 1, str(health), health == 503)
    for _ in range(50):
        if site.request("/healthz")[0] == 200:
            break
        time.sleep(0.2)


def frozen_redis(site, table, pid):
    for path in PAGES:
        site.request(path)
    os.kill(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        health = site.request("/healthz")
        health_seconds = time.monotonic() - started
        started = time.monotonic()
        served = [site.request(path)[0] for path in PAGES * 3]
        each = (time.monotonic() - started) / len(served)
    finally:
        os.kill(pid, signal.SIGCONT)
    table.add(
        "Redis frozen: pages",
        len(served),
        f"{statuses(served)}, {each * 1000:.0f} ms each",
        set(served) == {200} and each < 0.5,
    )
    table.add(
        "Redis frozen: /healthz",
        1,
        f"{health[0]} in {health_seconds * 1000:.0f} ms, {health[2].strip().splitlines()[-1]!r}",
        health_seconds < 1 and "unreachable" in health[2],
    )


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--trusted-proxy", action="store_true", help="the server runs with TRUSTED_PROXIES=1")
    parser.add_argument("--db-stop", help="a command that stops the site's database")
    parser.add_argument("--db-start", help="a command that starts it again")
    parser.add_argument("--redis-pid", type=int, help="the site's Redis server, to freeze with SIGSTOP")
    args = parser.parse_args(argv)
    site, table = Site(args.base), Table()
    for attack in (poisoning, flooding, bypass, bad_input, search_cost, headers):
        attack(site, table)
    if args.trusted_proxy:
        lockout(site, table)
    if args.db_stop and args.db_start:
        database_outage(site, table, args.db_stop, args.db_start)
    if args.redis_pid:
        frozen_redis(site, table, args.redis_pid)
    table.print()
    return 1 if table.failed else 0


if __name__ == "__main__":
    sys.exit(main())
