"""The shipped nginx front (issue 22), started the way `make run-proxy` starts it.

deploy/proxy.py renders deploy/nginx.conf for this machine and nginx runs it in front of a
gunicorn with `make run`'s settings (page cache on), on a throwaway PostgreSQL cluster that
the last test stops. Checked: the shipped file is valid as shipped; anonymous pages are
served from nginx's cache; staff and previews never are; a change is visible within the
shared lifetime; compression is on; static files come from nginx itself; a stopped database,
and then a stopped app, still get the last pages from the proxy.
"""

import gzip
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from .servers import (
    CAN_RUN_POSTGRES,
    ROOT,
    as_postgres,
    free_port,
    manage,
    postgres_cluster,
    start_gunicorn,
    stop,
)

sys.path.insert(0, str(ROOT / "deploy"))
import proxy  # noqa: E402 (deploy/proxy.py: not a package)

LIFETIME = 3  # SHARED_CACHE_SECONDS for this site: short, so the test of a change is quick

pytestmark = [
    pytest.mark.system,
    pytest.mark.skipif(
        not proxy.nginx_binary() or not CAN_RUN_POSTGRES,
        reason="needs Debian's nginx, and PostgreSQL's server binaries with root",
    ),
]


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        body = self.body
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return body.decode()

    @property
    def cache(self):
        return self.headers.get("X-Proxy-Cache")


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (our own servers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read())


def shell(env, code):
    """Run Python in the site's Django (manage.py shell) and return what it prints."""
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


@pytest.fixture(scope="module")
def cluster():
    with postgres_cluster() as running:
        yield running


@pytest.fixture(scope="module")
def site(cluster, tmp_path_factory):
    work = tmp_path_factory.mktemp("proxy")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "backsite.settings",
        "DEBUG": "0",
        "SECRET_KEY": "proxy-test",
        "DATABASE_URL": cluster["url"],
        "PAGE_CACHE": "1",
        "SERVE_MEDIA": "1",
        "SHARED_CACHE_SECONDS": str(LIFETIME),
    }
    env.pop("REDIS_URL", None)  # make run's page cache: each worker's own memory
    manage(env, ["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"], ["seed", "-v0"])
    app, app_url = start_gunicorn(env, work / "gunicorn.log", "--workers", "2")
    port = free_port()
    conf = proxy.write(port, app_url.removeprefix("http://"), work / "nginx")
    nginx = subprocess.Popen(proxy.command(conf, "-g", "daemon off;"), stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2)  # noqa: S310
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield {"url": url, "env": env, "app": app, "work": work}
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        if app.poll() is None:
            stop(app)


def test_the_shipped_file_is_valid_as_shipped(tmp_path):
    """deploy/nginx.conf with its TLS server, only the project's path and the certificate
    (a self-signed one) moved: nginx -t accepts it."""
    openssl = shutil.which("openssl")
    if not openssl:
        pytest.skip("needs openssl for a self-signed certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subject = "/CN=backsite.example.org"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", subject,
         "-keyout", key, "-out", cert],
        check=True,
        capture_output=True,
    )  # fmt: skip
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    for old, new in {
        "/srv/backsite": str(ROOT),
        "/etc/letsencrypt/live/backsite.example.org/fullchain.pem": str(cert),
        "/etc/letsencrypt/live/backsite.example.org/privkey.pem": str(key),
        "/var/cache/nginx/backsite": str(tmp_path / "cache"),
        "/var/log/nginx/": f"{tmp_path}/",
        "/run/nginx-backsite.pid": str(tmp_path / "nginx.pid"),
    }.items():
        text = text.replace(old, new)
    (tmp_path / "nginx.conf").write_text(text)
    if os.geteuid() != 0:
        pytest.skip("nginx -t of the shipped file (user www-data, ports 80 and 443) needs root")
    result = subprocess.run(
        [proxy.nginx_binary(), "-t", "-c", tmp_path / "nginx.conf", "-e", tmp_path / "error.log"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_anonymous_pages_are_served_from_the_proxy(site):
    first = fetch(site["url"] + "/exercises/pull-up/")
    again = fetch(site["url"] + "/exercises/pull-up/")
    assert first.status == again.status == 200
    assert first.cache in ("MISS", "EXPIRED") and again.cache == "HIT"
    assert again.text == first.text and "<h1>Pull-up</h1>" in again.text
    assert again.headers["Cache-Control"].startswith(f"public, max-age=0, s-maxage={LIFETIME},")


def test_one_page_is_one_entry_however_its_path_is_spelt(site):
    """The key and the request gunicorn gets both use nginx's normalised path."""
    fetch(site["url"] + "/exercises/good-morning/")
    for spelling in ["/exercises//good-morning/", "/exercises/./good-morning/", "/exercises/good%2Dmorning/"]:
        answer = fetch(site["url"] + spelling)
        assert answer.status == 200 and answer.cache == "HIT", (spelling, answer.status, answer.cache)
        assert "<h1>Good morning</h1>" in answer.text
    query = fetch(site["url"] + "/exercises/?equipment=dumbbells&utm_source=mail")
    assert query.status == 200 and "utm_source" not in query.text  # redirected to the clean address


def test_staff_and_previews_are_never_cached(site):
    session = shell(
        site["env"],
        "from django.contrib.auth import get_user_model, SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY\n"
        "from django.contrib.sessions.backends.db import SessionStore\n"
        "from core.publishing import Status\n"
        "from exercises.models import Exercise\n"
        "u = get_user_model().objects.create_superuser('ed', 'ed@example.org', 'x-long-password-1')\n"
        "draft = Exercise.objects.get(slug='chin-up'); draft.status = Status.DRAFT; draft.save()\n"
        "s = SessionStore(); s[SESSION_KEY] = str(u.pk)\n"
        "s[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'\n"
        "s[HASH_SESSION_KEY] = u.get_session_auth_hash(); s.create(); print(s.session_key)",
    )
    staff = {"Cookie": f"sessionid={session}"}
    for _ in range(2):
        preview = fetch(site["url"] + "/exercises/chin-up/", **staff)
        assert preview.status == 200 and preview.cache == "BYPASS"
        assert (
            "no-store" in preview.headers["Cache-Control"] and "private" in preview.headers["Cache-Control"]
        )
    reader = fetch(site["url"] + "/exercises/chin-up/")
    assert reader.status == 404 and reader.cache != "HIT"  # the draft never reached the cache
    assert fetch(site["url"] + "/admin/", **staff).cache == "BYPASS"
    for _ in range(2):  # the sign-in page the admin sends readers to: never kept
        sign_in = fetch(site["url"] + "/admin/")
        assert "Log in" in sign_in.text and sign_in.cache in ("MISS", "EXPIRED")
        assert "no-store" in sign_in.headers["Cache-Control"]


def test_a_change_is_visible_within_the_lifetime(site):
    url = site["url"] + "/exercises/face-pull/"
    fetch(url)
    assert fetch(url).cache == "HIT"
    shell(
        site["env"],
        "from exercises.models import Exercise\n"
        "e = Exercise.objects.get(slug='face-pull'); e.name = 'Face pull (renamed)'; e.save()",
    )
    changed, seen = time.monotonic(), None
    while time.monotonic() - changed < LIFETIME + 5:
        if "Face pull (renamed)" in fetch(url).text:
            seen = time.monotonic() - changed
            break
        time.sleep(0.2)
    assert seen is not None and seen <= LIFETIME + 1.5, seen


def test_pages_css_and_svg_are_compressed(site):
    page = fetch(site["url"] + "/exercises/", **{"Accept-Encoding": "gzip"})
    assert page.headers["Content-Encoding"] == "gzip" and "<h1" in page.text
    css_path = next((ROOT / "staticfiles" / "css").glob("site.*.css")).name
    css = fetch(f"{site['url']}/static/css/{css_path}", **{"Accept-Encoding": "gzip"})
    assert css.headers["Content-Encoding"] == "gzip"
    svg = fetch(site["url"] + "/static/favicon.svg", **{"Accept-Encoding": "gzip"})
    assert svg.status == 200 and svg.headers["Content-Type"].startswith("image/svg+xml")
    assert svg.headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in fetch(site["url"] + "/exercises/").headers
    if proxy.brotli_enabled():
        brotli = fetch(site["url"] + "/exercises/", **{"Accept-Encoding": "br, gzip"})
        assert brotli.headers["Content-Encoding"] == "br"


def test_static_files_come_from_nginx_itself(site):
    css_path = next((ROOT / "staticfiles" / "css").glob("site.*.css")).name
    css = fetch(f"{site['url']}/static/css/{css_path}")
    assert css.status == 200 and css.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "X-Request-ID" not in css.headers  # Django stamps every response it makes
    assert css.headers["Server"] == "nginx"


def test_a_stopped_database_and_then_a_stopped_app_still_get_the_last_pages(site, cluster):
    pages = ["/", "/exercises/", "/exercises/deadlift/"]
    for page in pages:
        fetch(site["url"] + page)
    as_postgres(*cluster["ctl"], "-m", "fast", "stop")
    time.sleep(LIFETIME + 0.5)  # past the shared lifetime: the proxy must ask the app again
    for page in pages:
        answer = fetch(site["url"] + page)
        assert answer.status == 200, (page, answer.status)
    assert fetch(site["url"] + "/anatomy/").status == 503  # never fetched: the app's 503 page
    stop(site["app"])
    # With no app at all, every answer is 200 from the proxy: fresh copies until they expire
    # (within the lifetime), then the stale copies.
    for page in pages:
        deadline, answer = time.monotonic() + 3 * LIFETIME + 5, None
        while time.monotonic() < deadline:
            answer = fetch(site["url"] + page)
            assert answer.status == 200 and answer.cache in ("HIT", "STALE"), (
                page,
                answer.status,
                answer.cache,
            )
            if answer.cache == "STALE":
                break
            time.sleep(0.5)
        assert answer.cache == "STALE" and "</html>" in answer.text, page
