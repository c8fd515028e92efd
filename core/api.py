"""What every app's JSON API (Django REST framework) shares: forgiving pagination and lists
that run on the same FilterSet as their HTML page.

An app's API list view sets ``filterset_class`` to its page's FacetedFilterSet, so a query
string means the same thing on /api/v1/... and on the page: the same results in the same
order. Values the filter does not know are ignored and named in ``notices`` (the sentences
the page shows), never an error.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import get_object_or_404
from rest_framework import viewsets

logger = logging.getLogger(__name__)


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only list and detail whose detail answers to the slug (``lookup_field``) or to
    the row's permanent UUID (core/stableids.py), so a stored UUID still finds a renamed
    exercise."""

    lookup_field = "slug"
    # Slugs, keys and UUIDs: anything else (a NUL byte, which PostgreSQL refuses in a query)
    # matches no address and is a 404 before any lookup.
    lookup_value_regex = r"[-\w]+"

    def get_object(self):
        value = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        try:
            key = {"uuid": uuid.UUID(value)}
        except ValueError:
            key = {self.lookup_field: value}
        obj = get_object_or_404(self.filter_queryset(self.get_queryset()), **key)
        self.check_object_permissions(self.request, obj)
        return obj


class FacetedReadOnlyViewSet(ReadOnlyViewSet):
    """A read-only list and detail whose list is filtered by ``filterset_class``, a
    FacetedFilterSet (core/faceting.py): its results are primary keys in the page's order;
    only the requested page's rows are read, with ``get_queryset()``'s prefetching."""

    filterset_class = None

    def list(self, request, *args, **kwargs):
        filterset = self.filterset_class(request.query_params, queryset=self.get_queryset(), request=request)
        pks = self.paginate_queryset(filterset.qs)
        rows = self.rows(pks, filterset.index.version)
        return self.paginator.get_paginated_response(rows, notices=filterset.notices())

    def rows(self, pks, version):
        """The list representations of ``pks``, in that order. Like the pages' exercise cards
        (exercises/cards.py), each is kept in the cache until the next content change, keyed
        by the address it was built for (it holds absolute links): a list page then costs
        its filter and one cache read instead of building hundreds of objects. ``version``
        is the content version the filter's index was built for."""
        request = self.request
        origin = hashlib.sha256(request.build_absolute_uri("/").encode()).hexdigest()[:16]
        prefix = f"api:{self.basename}:{version}:{origin}"
        keys = {pk: f"{prefix}:{pk}" for pk in pks}
        try:
            found = cache.get_many(keys.values())
        except Exception:  # a cache outage must not take the API down  # noqa: BLE001
            logger.warning("API row cache unavailable", exc_info=True)
            found = {}
        missing = [pk for pk in pks if keys[pk] not in found]
        if missing:
            objects = self.get_queryset().in_bulk(missing)
            page = [objects[pk] for pk in missing if pk in objects]
            data = self.get_serializer(page, many=True).data
            fresh = {keys[obj.pk]: row for obj, row in zip(page, data, strict=True)}
            try:
                cache.set_many(fresh, settings.PAGE_CACHE_SECONDS)
            except Exception:  # noqa: BLE001
                logger.warning("API row cache unavailable", exc_info=True)
            found.update(fresh)
        return [found[keys[pk]] for pk in pks if keys[pk] in found]


class FilteredReadOnlyViewSet(ReadOnlyViewSet):
    """A read-only list filtered by ``filterset_class``, a LenientFilterSet over
    ``get_queryset()``: unknown values are ignored and named in ``notices``."""

    filterset_class = None

    def list(self, request, *args, **kwargs):
        filterset = self.filterset_class(request.query_params, queryset=self.get_queryset(), request=request)
        page = self.paginate_queryset(filterset.qs)
        data = self.get_serializer(page, many=True).data
        return self.paginator.get_paginated_response(data, notices=filterset.notices())
