"""Pages that belong to the site as a whole rather than to one app."""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.contrib.sites.requests import RequestSite
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve

from articles.sitemaps import SECTIONS as ARTICLE_SECTIONS
from backsite import datapackage
from core.templatetags.seo import absolute
from exercises.api import CATALOGUE_PARAMETERS
from exercises.filters import ExerciseFilter
from exercises.models import Equipment, Exercise, in_tree_order
from exercises.sitemaps import SECTIONS as CATALOGUE_SECTIONS
from exercises.sitemaps import PagesSitemap
from programs.api import PROGRAM_PARAMETERS
from programs.sitemaps import SECTIONS as PROGRAM_SECTIONS


def equipment_by_kind(items):
    """[(kind label, [(equipment, count), ...]), ...] in the kinds' order, empty ones left out."""
    kinds = {kind: [] for kind in Equipment.Kind}
    for equipment, count in items:
        if count:
            kinds[Equipment.Kind(equipment.kind)].append((equipment, count))
    return [(kind.label, group) for kind, group in kinds.items() if group]


@require_safe
def home(request):
    """The front door: into the catalogue by region, muscle or equipment.

    The counts are the catalogue's own facet counts for "primary muscle only", so every
    number on this page is the number of results its link shows.
    """
    filterset = ExerciseFilter({"role": "primary"}, queryset=Exercise.objects.published())
    index = filterset.index
    counts = filterset.facet_counts(["goal", "region", "muscle", "equipment"])
    return render(
        request,
        "home.html",
        {
            # No link leads to an empty page: options with no exercise are left out.
            "goals": [
                (g, counts["goal"][g.slug]) for g in filterset.options("goal") if counts["goal"].get(g.slug)
            ],
            "regions": [
                (r, counts["region"][r.slug])
                for r in filterset.options("region")
                if counts["region"].get(r.slug)
            ],
            "muscles": [
                (m, counts["muscle"][m.slug])
                for m in in_tree_order(filterset.options("muscle"))
                # back muscles only (the index prefetched their regions)
                if m.regions.all() and counts["muscle"].get(m.slug)
            ],
            "equipment_kinds": equipment_by_kind(
                [(e, counts["equipment"][e.slug]) for e in filterset.options("equipment")]
            ),
            "exercise_count": len(filterset.qs),
            "mapped": [m for m in filterset.options("muscle") if m.map_shape],
            "no_equipment_count": len(ExerciseFilter({"only": "1"}, index=index).qs),
            "structured_data": [website_data(request)],
        },
    )


@require_safe
def about(request):
    """The editorial policy, the warning signs and the licences."""
    return render(request, "core/about.html", {"breadcrumbs": [("About", None)]})


#: Example requests and the responses the API gave for them on the seed content; the test
#: backsite/tests/test_api_examples.py makes each request and compares (UPDATE_API_EXAMPLES=1
#: rewrites the file). Addresses in them use EXAMPLE_HOST; the page shows the reader's own.
API_EXAMPLES = Path(__file__).with_name("api_examples.json")
EXAMPLE_HOST = "http://127.0.0.1:8000"


def api_examples():
    return json.loads(API_EXAMPLES.read_text("utf-8"))


@require_safe
def api_docs(request):
    """/api/: how to use the API, in the site's own pages (the schema is /api/v1/schema/)."""
    base = request.build_absolute_uri("/").rstrip("/")
    examples = [
        {
            **example,
            "url": example["path"],
            "shown": json.dumps(example["body"], indent=2, ensure_ascii=False).replace(EXAMPLE_HOST, base),
        }
        for example in api_examples()
    ]
    context = {
        "base": base,
        "examples": examples,
        "catalogue_parameters": [(p.name, p.description) for p in CATALOGUE_PARAMETERS],
        "program_parameters": [(p.name, p.description) for p in PROGRAM_PARAMETERS],
        "throttle_rate": settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"],
        "breadcrumbs": [("API", None)],
    }
    return render(request, "core/api_docs.html", context)


@require_safe
def open_data(request):
    """/data/: the latest data package for download (built by `export_catalogue`, never by a
    request). Not kept in the page cache, which follows content versions: a package is built
    after the change that bumped the version."""
    package = datapackage.listing()
    response = render(request, "core/data.html", {"package": package, "breadcrumbs": [("Open data", None)]})
    response["Cache-Control"] = "public, no-cache"
    return response


@never_cache
@require_safe
def healthz(request):
    """For load balancers and operators: each store's state, one line each, in well under a
    second (the cache's replies time out in milliseconds). 200 when the database answers,
    503 when not; a missing cache is reported but not fatal, since pages render without it."""
    lines, status = [], 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        lines.append("database ok")
    except DatabaseError:
        lines.append("database unreachable")
        status = 503
    ping = getattr(cache, "ping", None)
    if ping is None:
        lines.append("cache ok (in process)")
    else:
        lines.append("cache ok" if ping() else "cache unreachable (pages render without it)")
    return HttpResponse("\n".join(lines) + "\n", status=status, content_type="text/plain")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's, for one)."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


@require_safe
def media(request, path):
    """Uploaded images on a single machine (SERVE_MEDIA). Production serves MEDIA_ROOT itself."""
    response = serve_file(request, path, settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=86400"
    return response


def serve_file(request, path, root):
    """Django's static serve, with a name the file system refuses (too long, say) as a 404."""
    try:
        return serve(request, path, document_root=root)
    except OSError as error:
        raise Http404("No such file.") from error


def data_file(request, path):
    """A data package's files on a single machine (SERVE_MEDIA); an hour in caches, as a new
    package gets a new folder."""
    response = serve_file(request, path, settings.DATA_PACKAGE_ROOT)
    response["Cache-Control"] = "public, max-age=3600"
    return response


class HomeSitemap(PagesSitemap):
    names = ["home", "api-docs", "open-data"]
    changefreq = "daily"


SITEMAP_SECTIONS = {"home": HomeSitemap, **CATALOGUE_SECTIONS, **ARTICLE_SECTIONS, **PROGRAM_SECTIONS}


def sitemap_sections(request):
    site = RequestSite(request)
    return {name: section(site) for name, section in SITEMAP_SECTIONS.items()}


@require_safe
def sitemap_index(request):
    """/sitemap.xml: an index of the sections' sitemaps, each split into pages of
    SiteSitemap.limit URLs, so no response grows with the catalogue."""
    items = []
    for name, section in sitemap_sections(request).items():
        url = request.build_absolute_uri(reverse("sitemap-section", args=[name]))
        count, lastmod = section.summary()
        pages = max(1, -(-count // section.limit))
        items += [
            SitemapIndexItem(url if page == 1 else f"{url}?p={page}", lastmod) for page in range(1, pages + 1)
        ]
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml")


@require_safe
def sitemap(request, section):
    """One section's sitemap page (?p=2 and on for the rest); an unknown section or page is a 404."""
    return sitemap_view(request, sitemaps=sitemap_sections(request), section=section)


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def website_data(request):
    """The home page's WebSite entry, with the site search as its SearchAction."""
    search = absolute(request, reverse("search"))
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": "Backsite",
        "url": absolute(request, reverse("home")),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


@never_cache
def bare(request):
    """`make bench`'s baseline (only routed when BENCHMARK=1)."""
    return HttpResponse(b"ok", content_type="text/plain")


def server_error(request):
    """The 500 page, with the request id a reader can quote (the traceback is in the log);
    JSON under /api/."""
    from django.template import loader

    from .requestlog import REQUEST_ID

    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Server error.", "request_id": REQUEST_ID.get()}, status=500)
    body = loader.get_template("500.html").render({"request_id": REQUEST_ID.get()})
    return HttpResponse(body, status=500)


def bad_request(request, exception):
    """The 400 page (a request Django refuses, such as one with thousands of parameters);
    JSON under /api/."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return defaults.bad_request(request, exception)


def not_found(request, exception):
    """The 404 page; JSON under /api/, where clients parse the body."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)
