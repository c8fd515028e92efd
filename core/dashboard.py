"""The editors' dashboard on the admin index: what needs attention, across every app.

It looks at whatever publishable models are installed (it imports no other app): items in
review, scheduled items, published items that cite nothing, live items with no image and
links in Markdown bodies that lead nowhere, plus the checks each app registers
(``register_content_app(dashboard_checks=...)``, such as exercises with no alternative).
"""

import re

from django.apps import apps
from django.contrib import admin
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from .publishing import Publishable, Status
from .registry import DASHBOARD_CHECKS

INTERNAL_LINK = re.compile(r"\]\((/[^)\s#?]*)")


def publishable_models():
    return [m for m in apps.get_models() if issubclass(m, Publishable)]


def changelist(model, query=""):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{query}" if query else url


def live_urls():
    """Every public detail address that answers 200 right now."""
    urls = set()
    for model in apps.get_models():
        if not hasattr(model, "get_absolute_url") or not hasattr(model, "slug"):
            continue
        rows = model.objects.published() if issubclass(model, Publishable) else model.objects.all()
        urls.update(row.get_absolute_url() for row in rows.only("pk", "slug"))
    return urls


def broken_links():
    """(item, path) for each internal Markdown link on a live item that leads to no live page."""
    live, found = None, []
    for model in publishable_models():
        fields = getattr(model, "markdown_fields", [])
        if not fields:
            continue
        for item in model.objects.published().only("pk", "slug", *fields):
            for field in fields:
                for path in INTERNAL_LINK.findall(getattr(item, field) or ""):
                    try:
                        match = resolve(path)
                    except Resolver404:
                        found.append((item, path))
                        continue
                    if "slug" in match.kwargs:
                        live = live if live is not None else live_urls()
                        if path not in live:
                            found.append((item, path))
    return found


def live_without_image():
    """(name, count, change-list link) per model whose live items can carry an image but don't."""
    rows = []
    for model in apps.get_models():
        if not admin.site.is_registered(model) or not any(
            f.name == "image" for f in model._meta.get_fields()
        ):
            continue  # history tables have the field too, but no change list
        live = model.objects.published() if issubclass(model, Publishable) else model.objects.all()
        count = live.filter(image__isnull=True).count()
        if count:
            rows.append((model._meta.verbose_name_plural, count, changelist(model, "image__isempty=1")))
    return rows


def editorial_dashboard():
    now = timezone.now()
    rows = {"review": [], "scheduled": [], "uncited": [], "no_image": live_without_image()}
    for model in publishable_models():
        name = model._meta.verbose_name_plural
        in_review = model.objects.filter(status=Status.IN_REVIEW).count()
        if in_review:
            rows["review"].append((name, in_review, changelist(model, "status__exact=review")))
        scheduled = model.objects.filter(status=Status.PUBLISHED, published_at__gt=now).count()
        if scheduled:
            rows["scheduled"].append((name, scheduled, changelist(model, "status__exact=published")))
        if any(f.name == "references" for f in model._meta.get_fields()):
            uncited = model.objects.published().filter(references__isnull=True).count()
            if uncited:
                rows["uncited"].append((name, uncited, changelist(model)))
    return {**rows, "checks": [check() for check in DASHBOARD_CHECKS], "broken_links": broken_links()}
