"""What every app's JSON API (Django REST framework) shares: forgiving pagination and lists
that run on the same FilterSet as their HTML page.

An app's API list view sets ``filterset_class`` to its page's FacetedFilterSet, so a query
string means the same thing on /api/v1/... and on the page: the same results in the same
order. Values the filter does not know are ignored and named in ``notices`` (the sentences
the page shows), never an error.
"""

from rest_framework import viewsets


class FacetedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only list and detail whose list is filtered by ``filterset_class``, a
    FacetedFilterSet (core/faceting.py): its results are primary keys in the page's order;
    only the requested page's rows are read, with ``get_queryset()``'s prefetching."""

    filterset_class = None
    lookup_field = "slug"

    def list(self, request, *args, **kwargs):
        filterset = self.filterset_class(request.query_params, queryset=self.get_queryset(), request=request)
        pks = self.paginate_queryset(filterset.qs)
        rows = self.get_queryset().in_bulk(pks)
        page = [rows[pk] for pk in pks if pk in rows]
        data = self.get_serializer(page, many=True).data
        return self.paginator.get_paginated_response(data, notices=filterset.notices())
