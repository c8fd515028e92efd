"""Site-wide behaviour: home, health check, error pages, headers, settings, architecture."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse

from exercises.tests import factories
from exercises.tests.factories import executable_markup, make_exercise

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
class TestSeededPages:
    """Pages over the seed content, loaded once for the class (read-only tests)."""

    seeded = factories.seeded_per_class

    def test_home_leads_into_the_catalogue(self, client, seeded):
        html = client.get(reverse("home")).content.decode()
        assert '<a href="/exercises/?region=upper-back&amp;role=primary"><strong>Upper back</strong>' in html
        assert 'href="/exercises/?muscle=latissimus-dorsi&amp;role=primary"' in html
        assert 'href="/exercises/?equipment=dumbbells"' in html
        assert 'href="/exercises/?only=1"' in html
        assert html.index(">Upper back<") < html.index(">Middle back<") < html.index(">Lower back<")

    def test_home_counts_match_what_the_links_show(self, client, seeded):
        context = client.get(reverse("home")).context
        catalogue = reverse("exercises:exercise-list")
        for region, count in context["regions"]:
            assert client.get(catalogue, {"region": region.slug, "role": "primary"}).context["total"] == count
        muscles = dict((m.slug, n) for m, n in context["muscles"])
        assert muscles["trapezius"] > muscles["upper-trapezius"] > 0  # a parent counts its parts
        for slug in ["trapezius", "rhomboids", "erector-spinae"]:
            assert (
                client.get(catalogue, {"muscle": slug, "role": "primary"}).context["total"] == muscles[slug]
            )
        assert "biceps" not in muscles  # only back muscles
        for _kind, items in context["equipment_kinds"]:
            for item, count in items[:2]:
                assert client.get(catalogue, {"equipment": item.slug}).context["total"] == count
        assert client.get(catalogue, {"only": "1"}).context["total"] == context["no_equipment_count"]

    def test_home_groups_equipment_by_kind(self, client, seeded):
        """Not one column of two dozen links: a short row per kind, in the kinds' order."""
        html = client.get(reverse("home")).content.decode()
        section = html[html.index('id="by-equipment"') :]
        headings = re.findall(r'<h3 class="kind-heading">([^<]+)</h3>', section)
        assert headings[:3] == ["Free weight", "Machine", "Cable"] and len(headings) >= 5
        free = section[section.index(">Free weight<") : section.index(">Machine<")]
        assert 'href="/exercises/?equipment=dumbbells"' in free and "Pull-up bar" not in free

    def test_no_home_link_leads_to_an_empty_catalogue(self, client, seeded):
        html = client.get(reverse("home")).content.decode()
        catalogue = reverse("exercises:exercise-list")
        links = set(re.findall(r'href="(/exercises/\?[^"]+)"', html))
        assert len(links) > 30
        for link in links:
            total = client.get(link.replace("&amp;", "&")).context["total"]
            assert total > 0, link
        assert catalogue + "?muscle=levator-scapulae&amp;role=primary" in html
        from core.pagecache import bump
        from exercises.models import ExerciseMuscle

        ExerciseMuscle.objects.filter(muscle__slug="levator-scapulae", role="primary").update(
            role="secondary"
        )
        bump()
        html = client.get(reverse("home")).content.decode()
        assert catalogue + "?muscle=levator-scapulae&amp;role=primary" not in html  # no primary exercise now

    @pytest.mark.parametrize(
        ("url", "current"),
        [
            ("/", "Home"),
            ("/exercises/", "Exercises"),
            ("/exercises/{exercise}/", "Exercises"),
            ("/anatomy/", "Anatomy"),
            ("/anatomy/muscles/rhomboids/", "Anatomy"),
            ("/programs/", "Programs"),
            ("/balance/", "Programs"),
            ("/benefits/", "Goals"),
            ("/articles/", "Articles"),
            ("/faq/", "FAQ"),
            ("/search/?q=row", None),
        ],
    )
    def test_the_main_navigation_marks_the_open_section_only(self, client, seeded, url, current):
        from exercises.models import Exercise

        html = client.get(url.format(exercise=Exercise.objects.published().first().slug)).content.decode()
        nav = html[html.index('<nav aria-label="Main">') : html.index("</nav>")]
        marked = [label for label in NAV if f'aria-current="page">{label}</a>' in nav]
        assert marked == ([current] if current else [])
        for label in NAV:
            assert f">{label}</a>" in nav

    def test_header_links_follow_the_script_prefix_of_each_request(self, client, seeded):
        """The header's links are reversed once and reused, so they must be kept per prefix:
        a site served under /guide/ links under /guide/, and the same process serving / does not."""
        from django.test.utils import override_script_prefix

        with override_script_prefix("/guide/"):
            prefixed = client.get("/faq/").content.decode()
        assert '<a class="brand" href="/guide/">' in prefixed
        assert 'action="/guide/search/"' in prefixed
        assert 'href="/guide/faq/" aria-current="page">FAQ</a>' in prefixed
        plain = client.get("/faq/").content.decode()
        assert '<a class="brand" href="/">' in plain
        assert 'href="/faq/" aria-current="page">FAQ</a>' in plain
        assert "/guide/" not in plain


@pytest.mark.django_db
def test_layout_has_skip_link_nav_breadcrumbs_and_disclaimer(client, catalogue):
    html = client.get(catalogue["exercises"]["row"].get_absolute_url()).content.decode()
    assert '<a class="skip-link" href="#main">' in html and 'id="main"' in html
    assert '<nav aria-label="Main">' in html
    assert '<nav class="breadcrumbs wrap" aria-label="Breadcrumb">' in html
    assert html.count("not medical advice") == 1  # the health note stands in for the footer's


@pytest.mark.django_db
def test_no_inline_scripts_or_styles_and_a_strict_csp(client, catalogue):
    response = client.get(reverse("exercises:exercise-list"))
    html = response.content.decode()
    assert '<script type="application/ld+json">' in html  # data, never run
    html = executable_markup(html)
    assert "<script" not in html and "<style" not in html and " style=" not in html
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # The one script (the body map's, where it is large) is a file of ours, never inline.
    html = executable_markup(client.get(reverse("exercises:anatomy")).content.decode())
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all(attrs.startswith(' src="/static/') and not body for attrs, body in scripts)


def test_favicon_ico_points_at_the_svg_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")


@pytest.mark.django_db
def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"database ok\ncache ok (in process)\n"


@pytest.mark.django_db
def test_healthz_reports_a_dead_database(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise DatabaseError("gone")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    assert client.get("/healthz").status_code == 503


@pytest.mark.django_db
def test_custom_500_page(monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    make_exercise(slug="x")
    monkeypatch.setattr("exercises.views.ExerciseDetailView.get_context_data", explode)
    response = Client(raise_request_exception=False).get("/exercises/x/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def run_settings(env):
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**clean, "DJANGO_SETTINGS_MODULE": "backsite.settings", **env},
        check=False,
    )


def test_production_without_secret_key_stops_with_a_clear_message(tmp_path):
    result = run_settings({"SECRET_KEY_FILE": str(tmp_path / "none")})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_checkouts_key_file_stands_in_for_the_variable(tmp_path):
    """`make run` writes .secret_key; manage.py commands pasted from the README then work."""
    key = tmp_path / ".secret_key"
    key.write_text("a-generated-key-for-this-checkout\n")
    code = "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env = {**clean, "DJANGO_SETTINGS_MODULE": "backsite.settings", "SECRET_KEY_FILE": str(key)}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.stdout.strip() == "a-generated-key-for-this-checkout"


def test_debug_is_off_unless_asked_for():
    assert run_settings({"SECRET_KEY": "k"}).stdout.strip() == "False"
    assert run_settings({"DEBUG": "1"}).stdout.strip() == "True"


def test_redis_url_switches_the_cache():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'])"
    )
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="backsite.settings", SECRET_KEY="k", REDIS_URL="redis://127.0.0.1:6379/1"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    ).stdout
    assert out.strip() == "backsite.cache.RedisCache"


def test_the_redis_backend_works_and_keeps_the_newest_version():
    from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

    from backsite.cache import RedisCache

    options = {"socket_timeout": 0.5, "socket_connect_timeout": 0.5}
    cache = RedisCache("redis://127.0.0.1:6379/13", {"KEY_PREFIX": "backend-test", "OPTIONS": options})
    assert isinstance(cache, DjangoRedisCache)
    cache.set("answer", {"pages": [1, 2]}, 30)
    assert cache.get("answer") == {"pages": [1, 2]} and cache.get_many(["answer", "missing"]) == {
        "answer": {"pages": [1, 2]}
    }
    cache.delete("answer")
    assert cache.get("answer") is None
    # The version's own client is built from the same address and options.
    pool = cache.version_script.registered_client.connection_pool
    assert pool.connection_kwargs["db"] == 13 and pool.connection_kwargs["socket_timeout"] == 0.5
    cache.publish_version("v", 20, "n", 7, 30)
    cache.publish_version("v", 10, "n", 0, 30)  # an older version never replaces a newer one
    assert cache.get_many(["v", "n"]) == {"v": 20, "n": 7}
    cache.delete_many(["v", "n"])


PROJECT_SOURCES = [
    path
    for app in ("core", "exercises", "articles", "programs", "backsite", "scripts", "bench")
    for path in (ROOT / app).rglob("*.py")
    if "tests" not in path.parts and "migrations" not in path.parts
]
#: Underscore names that Django documents for use (the Model _meta API and the managers).
DOCUMENTED = {"_meta", "_default_manager", "_base_manager"}


def test_no_module_reaches_into_private_names_of_the_libraries():
    """No import of a private name of Django, django-filter or redis-py, and no attribute
    with a leading underscore unless the project defines it itself or Django documents it."""
    trees = [ast.parse(path.read_text()) for path in PROJECT_SOURCES]
    ours = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                ours.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                ours.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                ours.add(node.id)
    found = []
    for path, tree in zip(PROJECT_SOURCES, trees, strict=True):
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in {
                "django",
                "django_filters",
                "redis",
            }:
                parts = node.module.split(".") + [alias.name for alias in node.names]
                found += [f"{path.name}: from {node.module} import {p}" for p in parts if p.startswith("_")]
            elif isinstance(node, ast.Attribute) and node.attr.startswith("_"):
                name = node.attr
                if not name.startswith("__") and name not in DOCUMENTED and name not in ours:
                    found.append(f"{path.name}:{node.lineno}: .{name}")
    assert found == []


def imported_modules(app):
    names = set()
    for path in (ROOT / app).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names


APPS = {"core", "exercises", "articles", "programs", "backsite"}


def named_apps(app):
    """Project apps a package's code names in a string: an app label, a dotted module path
    ("articles.synthetic") or a URL namespace ("programs:program-list"). Imports are not the
    only way to depend on an app; the import test cannot see these."""
    names = set()
    for path in (ROOT / app).rglob("*.py"):
        if "tests" in path.relative_to(ROOT).parts:
            continue  # a test may name the settings module or a cache backend it configures
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for other in APPS - {app}:
                    if node.value == other or node.value.startswith((f"{other}.", f"{other}:")):
                        names.add(other)
    return names


def test_dependencies_point_one_way():
    """core imports and names no other project app; exercises points at core only; articles
    and programs point at exercises and core, never at each other; backsite wires them."""
    assert not imported_modules("core") & (APPS - {"core"})
    assert not named_apps("core")
    assert not imported_modules("exercises") & {"programs", "articles", "backsite"}
    assert not named_apps("exercises") & {"programs", "articles", "backsite"}
    for app, other in (("articles", "programs"), ("programs", "articles")):
        assert other not in imported_modules(app) | named_apps(app)
        assert "backsite" not in imported_modules(app)


NAV = ["Home", "Exercises", "Anatomy", "Programs", "Goals", "Articles", "FAQ"]


@pytest.mark.django_db
def test_every_page_type_carries_one_disclaimer(client, seeded):
    """The footer's medical disclaimer, or the health note in the page's content: never both."""
    from articles.models import Article
    from exercises.models import BodyRegion, Exercise, Muscle
    from programs.models import ProgramTemplate

    pages = [
        "/",
        "/exercises/",
        Exercise.objects.published().first().get_absolute_url(),
        "/anatomy/",
        Muscle.objects.first().get_absolute_url(),
        BodyRegion.objects.first().get_absolute_url(),
        "/articles/",
        Article.objects.published().first().get_absolute_url(),
        "/faq/",
        "/benefits/",
        "/programs/",
        ProgramTemplate.objects.published().first().get_absolute_url(),
        reverse("programs:guidelines"),
        reverse("programs:balance"),
        "/search/?q=row",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert html.count("not medical advice") == 1, url
