"""The API's pagination (REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"]), in a module of its own:
REST framework imports it while its views module is still loading, so it imports no views."""

from django.core.paginator import Paginator
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


class ForgivingPagination(PageNumberPagination):
    """Page numbers as on the site's pages: a bad or too-high number gives page 1 or the
    last page and a note, not a 404. The body gives the total, next and previous links."""

    page_size = 24

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.notices = []
        paginator = Paginator(queryset, self.page_size, allow_empty_first_page=True)
        raw = request.query_params.get(self.page_query_param, "1")
        try:
            number = int(raw)
        except ValueError:
            number = 0
        if number < 1:
            if raw != "1":
                self.notices.append("That page number was not understood; showing page 1.")
            number = 1
        elif number > paginator.num_pages:
            self.notices.append(f"There is no page {number}; showing page {paginator.num_pages}, the last.")
            number = paginator.num_pages
        self.page = paginator.page(number)
        return list(self.page)

    def get_paginated_response(self, data, notices=()):
        return Response(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "notices": [*notices, *self.notices],
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        wrapped = super().get_paginated_response_schema(schema)
        # DRF writes OpenAPI 3.0's "nullable"; the description is 3.1, where null is a type.
        for link in ("next", "previous"):
            wrapped["properties"][link].pop("nullable", None)
            wrapped["properties"][link]["type"] = ["string", "null"]
        wrapped["properties"]["notices"] = {
            "type": "array",
            "items": {"type": "string"},
            "description": "Parts of the request that were not understood and were ignored.",
        }
        wrapped["required"] = ["count", "results", "notices"]
        return wrapped
