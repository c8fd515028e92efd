"""A branded 503, not a 500, for pages that need the database while it is down.

Pages already in the page cache keep being served during an outage (core/pagecache.py);
this answers the rest: a short page, rendered without touching the database, that asks the
reader (and any cache in front) to come back shortly.
"""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if (
            not isinstance(exception, OperationalError | InterfaceError)
            and type(exception) is not DatabaseError
        ):
            return None  # integrity errors and the like are bugs: let them be 500s
        logger.error("database unavailable: %s", exception.__class__.__name__)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
