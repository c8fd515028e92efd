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
    path("admin/", admin.site.urls),
    path("", include("exercises.urls")),
]
