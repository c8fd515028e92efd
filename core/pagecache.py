"""Whole-page caching for anonymous readers, invalidated by a content version.

Every saved, deleted or re-linked row of a content app (each registers itself, see
core/registry.py) bumps one ``ContentVersion`` row in the database. Cached pages are
stored under a key that includes that version, so the next public request after any change
misses the cache and renders fresh, on every app server, whatever the cache backend (local
memory or Redis). Scheduled publishing needs no job: the row also records the next moment a
scheduled item goes live, and the first request after it bumps the version.

Requests from a signed-in session (staff) are never served from or stored in the cache; a
cookie that names no signed-in session is treated as anonymous, so it cannot bypass it.
Responses carry an ETag, so browsers revalidate with a cheap 304.

Pages are keyed by scheme, host, path, query string and accepted encoding (gzip or not;
core/compression.py compresses public pages just inside this middleware), so a request with an odd ``Host``
port cannot plant its links in everyone's copy. The query is normalised first: parameters
no public page reads (tracking tags such as ``utm_source``, anything unknown) are answered
with a 301 to the address without them, so they never reach a view or make a cache entry,
and the rest are sorted. Each app names the parameters its pages read in its AppConfig
(core/registry.py).

When the database is down, the last page cached under a key is served, whatever its
version (marked ``X-Cache: stale``); other pages get the 503 page (backsite/outage.py).
"""

import contextlib
import contextvars
import hashlib
import logging
import time
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models import BigIntegerField, F, Min, Value
from django.db.models.functions import Greatest
from django.dispatch import Signal
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_vary_headers, quote_etag
from django.utils.http import http_date

from .compression import accepts_gzip
from .registry import CONTENT_APPS, QUERY_PARAMETER_PREFIXES, QUERY_PARAMETERS  # filled by the content apps

logger = logging.getLogger(__name__)
#: Set while a bulk change runs (``bulk_change()``): per-row signal work waits for the end.
QUIET = contextvars.ContextVar("backsite_bulk_change", default=False)


#: Sent when a quiet stretch ends, so apps can do at once the per-row work they skipped.
quiet_ended = Signal()


@contextlib.contextmanager
def quietly():
    """Load many rows with per-row signal work put off (search indexing of parts, stored
    figures), then send ``quiet_ended`` once."""
    token = QUIET.set(True)
    try:
        yield
    finally:
        QUIET.reset(token)
    quiet_ended.send(sender=None)


@contextlib.contextmanager
def bulk_change():
    """Delete or load many rows: one content-version bump at the end instead of one per row
    (search indexing of parts also waits; callers re-index what they keep)."""
    with quietly():
        yield
    bump()


class ContentVersion(models.Model):
    """One row: bumped on every content change; cached pages are keyed by it."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.PositiveBigIntegerField(default=1)
    next_change_at = models.DateTimeField(
        null=True, blank=True, help_text="When the next scheduled item goes live."
    )

    class Meta:
        db_table = "exercises_contentversion"  # the table it began with, in the exercises app
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="content_version_single_row")]

    def __str__(self):
        return f"content version {self.version}"


def next_scheduled_time():
    """The earliest publication time still in the future, across publishable models."""
    from .publishing import Publishable, Status

    now = timezone.now()
    times = [
        model.objects.filter(status=Status.PUBLISHED, published_at__gt=now).aggregate(t=Min("published_at"))[
            "t"
        ]
        for model in apps.get_models()
        if issubclass(model, Publishable)
    ]
    times = [t for t in times if t is not None]
    return min(times) if times else None


def bump():
    """Invalidate every cached page (on all servers), and note the next scheduled change.

    A new version is never a number used before, even by another database sharing the cache:
    it is at least the current time in microseconds. A counter alone would start again at 1
    in a new or recreated database, and go back after a restore from backup, and the shared
    cache would then serve pages rendered from other content under the reused numbers.
    """
    next_at = next_scheduled_time()
    fresh = Value(time.time_ns() // 1000, output_field=BigIntegerField())
    updated = ContentVersion.objects.filter(pk=1).update(
        version=Greatest(F("version") + 1, fresh), next_change_at=next_at
    )
    if not updated:
        ContentVersion.objects.get_or_create(
            pk=1, defaults={"version": fresh.value, "next_change_at": next_at}
        )
    transaction.on_commit(publish_version)


#: A cache shared by every server (Redis, see backsite/cache.py) also holds the version and
#: the next scheduled change beside the pages, so a cached hit is one round trip to it and
#: none to the database. The keys expire, so a lost update is corrected within a minute.
VERSION_KEY, NEXT_CHANGE_KEY = "content-version", "content-version-next-change"
VERSION_SECONDS = 60


def publish_version():
    """Copy the committed version into a shared cache (one that can ``publish_version``);
    the cache keeps whichever is newer, so a slow writer cannot put an old version back."""
    publish = getattr(cache, "publish_version", None)
    if publish is None:
        return
    primary = ContentVersion.objects.db_manager(router.db_for_write(ContentVersion))  # not a lagging replica
    version, next_at = primary.values_list("version", "next_change_at").get(pk=1)
    try:
        publish(VERSION_KEY, version, NEXT_CHANGE_KEY, micros(next_at) if next_at else 0, VERSION_SECONDS)
    except Exception:  # the database has the version; the key's expiry repairs the cache  # noqa: BLE001
        logger.warning("could not publish the content version to the cache", exc_info=True)


def micros(moment):
    return int(moment.timestamp() * 1_000_000)


def version_and_page(key):
    """The current content version and the page cached under ``key`` (or None).

    With a shared cache both come from one ``get_many``; the database is asked only when the
    cache has no version or a scheduled item is due. Otherwise the database is asked first.
    """
    if not hasattr(cache, "publish_version"):
        return current_version(), cache.get(key)
    found = cache.get_many([VERSION_KEY, NEXT_CHANGE_KEY, key])
    version, next_at = found.get(VERSION_KEY), found.get(NEXT_CHANGE_KEY)
    if version is None or (next_at and next_at <= micros(timezone.now())):
        version = current_version()  # bumps (and publishes) when a scheduled item is due
        publish_version()
    return version, found.get(key)


def current_version():
    """The content version to key pages by.

    Every anonymous request asks this first, so it is one hand-written primary-key read
    (the ORM's query building cost more than the cached page itself): the version, and
    whether a scheduled item has gone live since the last bump.
    """
    connection = connections[router.db_for_read(ContentVersion)]
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT version, next_change_at IS NOT NULL AND next_change_at <= %s FROM {table} WHERE id = 1",  # noqa: S608 (the table name is ours)
            [now],
        )
        row = cursor.fetchone()
    if row is None or row[1]:
        bump()  # no row yet, or a scheduled item has just gone live
        return current_version()
    return row[0]


def _changed(sender, **kwargs):
    if kwargs.get("action", "post_").startswith("pre_") or kwargs.get("raw") or QUIET.get():
        return  # m2m_changed fires before and after; fixture loads and bulk changes bump once
    if sender.__module__ == "__fake__":
        return  # a migration's historical model: the table may not exist yet
    if sender._meta.app_label in CONTENT_APPS and sender is not ContentVersion:
        bump()


def connect_signals():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    post_save.connect(_changed, dispatch_uid="pagecache-save")
    post_delete.connect(_changed, dispatch_uid="pagecache-delete")
    # m2m senders are the auto-created through models, which live in the content apps too.
    m2m_changed.connect(_changed, dispatch_uid="pagecache-m2m")


#: How long browsers and shared caches may keep a parameter clean-up redirect.
REDIRECT_SECONDS = 3600


def shared_cache_control():
    """Cache-Control of an anonymous public page (the policy table is in docs/deploy.md).

    Browsers revalidate every time (``max-age=0``: a cheap 304 by ETag). Shared caches (nginx,
    a CDN) may serve the page for ``SHARED_CACHE_SECONDS`` without asking, so a content change
    reaches every reader within that time; after it they may answer once more from the stale
    copy while they refresh it in the background (``stale-while-revalidate``), and keep
    answering from it for ``STALE_IF_ERROR_SECONDS`` while the site fails (``stale-if-error``).
    """
    return (
        f"public, max-age=0, s-maxage={settings.SHARED_CACHE_SECONDS}, "
        f"stale-while-revalidate={settings.STALE_WHILE_REVALIDATE_SECONDS}, "
        f"stale-if-error={settings.STALE_IF_ERROR_SECONDS}"
    )


def last_modified(version):
    """The content version as an HTTP date: a version is the time of the change that made it,
    in microseconds (see ``bump``), never later than now."""
    return http_date(min(version / 1_000_000, time.time()))


class PageCacheMiddleware:
    """Serve anonymous GET and HEAD requests from the cache; store fresh 200 responses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def public_request(self, request):
        """An anonymous read of a public page: what shared caches may keep, page cache or not."""
        return (
            request.method in ("GET", "HEAD")
            and not request.path.startswith(
                (f"/{settings.ADMIN_PATH}", "/bench/", f"/{settings.MEDIA_URL.strip('/')}/")
            )
            and not self.signed_in(request)
        )

    @staticmethod
    def signed_in(request):
        """A session cookie counts only when it names a signed-in session: a made-up cookie
        must not buy an uncached page. With the database down, nobody is signed in."""
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False
        try:
            return SESSION_KEY in request.session
        except DatabaseError:
            return False

    @staticmethod
    def cacheable_response(response):
        control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(word in control for word in ("private", "no-cache", "no-store"))
        )

    @staticmethod
    def without_unread_parameters(request):
        """A 301 to the same address without the parameters no page reads, or None. The same
        address always redirects the same way, so shared caches may keep the answer."""
        prefixes = tuple(QUERY_PARAMETER_PREFIXES)
        unread = [
            name for name in request.GET if name not in QUERY_PARAMETERS and not name.startswith(prefixes)
        ]
        if not unread:
            return None
        query = request.GET.copy()
        for name in unread:
            del query[name]
        redirect = HttpResponsePermanentRedirect(request.path + (f"?{query.urlencode()}" if query else ""))
        redirect["Cache-Control"] = f"public, max-age={REDIRECT_SECONDS}"
        return redirect

    @staticmethod
    def key(request):
        """Scheme, host, path and the query sorted by name (each name's values keep their order),
        and whether the reader takes gzip: the compressed page is cached apart from the plain
        one (core/compression.py compresses it on the way in)."""
        query = urlencode(sorted(request.GET.lists()), doseq=True)
        encoding = "gzip" if accepts_gzip(request) else "identity"
        address = f"{request.scheme}://{request.get_host()}{request.path}?{query} {encoding}"
        return f"page:{hashlib.sha256(address.encode()).hexdigest()}"

    def __call__(self, request):
        if not self.public_request(request):
            return self.get_response(request)
        if not getattr(settings, "PAGE_CACHE", True):
            return self.with_cache_headers(self.get_response(request))
        redirect = self.without_unread_parameters(request)
        if redirect is not None:
            return redirect
        key = self.key(request)
        try:
            version, hit = version_and_page(key)
        except DatabaseError:
            # The database is down: the last page cached here beats an error page.
            logger.warning("database unavailable; serving the page cache as it stands")
            with contextlib.suppress(Exception):
                hit = cache.get(key)
                if hit is not None:
                    return self.headless(request, self.from_cache(hit, "stale"))
            return self.get_response(request)  # most likely the 503 page (backsite/outage.py)
        except Exception:  # a cache outage must not take pages down  # noqa: BLE001
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        if hit is not None and hit[0] == version:
            return self.headless(request, self.from_cache(hit, "hit"))
        response = self.with_cache_headers(self.get_response(request), version)
        if not self.cacheable_response(response):
            return self.headless(request, response)
        response["ETag"] = quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest())
        headers = [(name, value) for name, value in response.items() if name.lower() != "x-cache"]
        try:
            cache.set(
                key,
                (version, response.status_code, headers, response.content),
                settings.PAGE_CACHE_SECONDS,
            )
        except Exception:  # a cache outage must not take pages down  # noqa: BLE001
            logger.warning("page cache unavailable", exc_info=True)
        response["X-Cache"] = "miss"
        return self.headless(request, response)

    def with_cache_headers(self, response, version=None):
        """The shared-cache policy (docs/deploy.md): a public 200 may be kept by shared caches
        for a short time, with the content version as its Last-Modified; a permanent redirect
        for an hour; anything else (an error, a response setting a cookie) is ``private,
        no-store``. A view that sets its own Cache-Control keeps it."""
        if self.cacheable_response(response):
            response.setdefault("Cache-Control", shared_cache_control())
            if version is not None:
                response.setdefault("Last-Modified", last_modified(version))
            patch_vary_headers(response, ["Cookie"])
        elif response.has_header("Cache-Control"):
            pass  # the view said
        elif response.status_code in (301, 308) and not response.cookies:
            response["Cache-Control"] = f"public, max-age={REDIRECT_SECONDS}"  # a moved page stays moved
        else:
            add_never_cache_headers(response)
        return response

    @staticmethod
    def from_cache(hit, how):
        _, status, headers, content = hit
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Cache"] = how
        return response

    @staticmethod
    def headless(request, response):
        """HEAD gets the headers (with the full Content-Length) and no body, as RFC 9110 says."""
        if request.method == "HEAD" and not response.streaming:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response
