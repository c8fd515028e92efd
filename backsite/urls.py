"""Wires the apps together: each app owns its URLs under its own namespace."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from . import search, views

admin.site.site_header = "Backsite editors"
admin.site.site_title = "Backsite admin"
admin.site.index_title = "Content"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on every page that names none (the admin's, for one).
    path("favicon.ico", views.favicon),
    path("search/", search.search_view, name="search"),
    path("about/", views.about, name="about"),
    path("data/", views.open_data, name="open-data"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap, name="sitemap-section"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("api/", views.api_docs, name="api-docs"),
    path("api/v1/", include(("backsite.api", "api"))),
    path("", include("exercises.urls")),
    path("", include("articles.urls")),
    path("", include("programs.urls")),
]

if settings.BENCHMARK:
    # `make bench` only: the framework's ceiling, a trivial view behind the whole middleware stack.
    urlpatterns.insert(0, path("bench/bare", views.bare, name="bench-bare"))

if settings.SERVE_MEDIA:
    # Uploaded images and the data packages, for a single machine (`make run`); production
    # serves MEDIA_ROOT and DATA_PACKAGE_ROOT itself.
    urlpatterns[:0] = [
        re_path(rf"^{settings.DATA_PACKAGE_URL.strip('/')}/(?P<path>.+)$", views.data_file, name="data-file"),
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", views.media, name="media"),
    ]

handler400 = "backsite.views.bad_request"
handler404 = "backsite.views.not_found"
handler500 = "backsite.views.server_error"
