"""Wires the apps together: each app owns its URLs under its own namespace."""

from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Backsite editors"
admin.site.site_title = "Backsite admin"
admin.site.index_title = "Content"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on every page that names none (the admin's, for one).
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
    path("", include("exercises.urls")),
    path("", include("articles.urls")),
    path("", include("programs.urls")),
]
