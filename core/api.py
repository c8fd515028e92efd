"""What every app's JSON API (Django REST framework) shares: forgiving pagination and lists
that run on the same FilterSet as their HTML page.

An app's API list view sets ``filterset_class`` to its page's FacetedFilterSet, so a query
string means the same thing on /api/v1/... and on the page: the same results in the same
order. Values the filter does not know are ignored and named in ``notices`` (the sentences
the page shows), never an error.
"""

import uuid

from django.shortcuts import get_object_or_404
from rest_framework import viewsets


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only list and detail whose detail answers to the slug (``lookup_field``) or to
    the row's permanent UUID (core/stableids.py), so a stored UUID still finds a renamed
    exercise."""

    lookup_field = "slug"

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
        rows = self.get_queryset().in_bulk(pks)
        page = [rows[pk] for pk in pks if pk in rows]
        data = self.get_serializer(page, many=True).data
        return self.paginator.get_paginated_response(data, notices=filterset.notices())


class FilteredReadOnlyViewSet(ReadOnlyViewSet):
    """A read-only list filtered by ``filterset_class``, a LenientFilterSet over
    ``get_queryset()``: unknown values are ignored and named in ``notices``."""

    filterset_class = None

    def list(self, request, *args, **kwargs):
        filterset = self.filterset_class(request.query_params, queryset=self.get_queryset(), request=request)
        page = self.paginate_queryset(filterset.qs)
        data = self.get_serializer(page, many=True).data
        return self.paginator.get_paginated_response(data, notices=filterset.notices())
