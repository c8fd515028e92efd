"""A URLconf with a view that fails, for the error-page and logging tests."""

from django.urls import path

from backsite.urls import handler500, urlpatterns  # noqa: F401 (Django reads handler500 here)


def boom(request):
    raise RuntimeError("secret internals: DATABASE_PASSWORD=hunter2")


urlpatterns = [path("boom/", boom), *urlpatterns]
