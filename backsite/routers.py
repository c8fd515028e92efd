"""Send anonymous page reads to a read replica when DATABASE_REPLICA_URL is set.

Only reads made while serving an anonymous GET or HEAD request go to the replica; writes,
the admin, logged-in staff and everything outside a request use the primary, so editors
always read what they just wrote. Replication lag can delay a public change by as much as
the replica lags (usually well under a second).
"""

import contextvars

from django.conf import settings

REPLICA = "replica"
_public_read = contextvars.ContextVar("public_read", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _public_read.get() and REPLICA in settings.DATABASES else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class PublicReadMiddleware:
    """Marks anonymous GET/HEAD requests so the router may read them from the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public = request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES
        token = _public_read.set(public)
        try:
            return self.get_response(request)
        finally:
            _public_read.reset(token)
