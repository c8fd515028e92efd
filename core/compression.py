"""Gzip for public pages, and only for them (the BREACH side channel).

Compressing a response that holds a secret (a CSRF token, a session's data) next to text an
attacker can choose (a search query echoed on the page) lets the attacker guess the secret
from the compressed length. So this middleware compresses a text response only when it is a
public page: the request comes from no signed-in session, the response sets no cookie (a page
that renders a CSRF token sets the CSRF cookie), and its Cache-Control allows shared caches
(not ``private`` or ``no-store``). Everything else (the admin, staff previews, forms) goes out
uncompressed. Public pages hold no secret, so their compression reveals nothing.

It sits just inside the page cache (core/pagecache.py), which keys pages by the encoding the
reader accepts, so the cache stores the compressed bytes once and serves them on every hit.
Output is deterministic (no timestamp in the gzip header), so a page's ETag is stable.
Static files are compressed ahead of time by WhiteNoise and never reach this.
"""

import gzip

from django.utils.cache import patch_vary_headers

#: Text types worth compressing (images other than SVG, and fonts, are compressed already).
COMPRESSIBLE = frozenset(
    {
        "text/html",
        "text/plain",
        "text/css",
        "text/xml",
        "application/xml",
        "application/atom+xml",
        "application/rss+xml",
        "application/json",
        "application/manifest+json",
        "image/svg+xml",
    }
)
#: Below this, the gzip header and Vary cost more than they save.
MIN_BYTES = 200
LEVEL = 6


def accepts_gzip(request):
    """Whether the request's Accept-Encoding takes gzip (a ``q=0`` refuses it)."""
    for item in request.headers.get("Accept-Encoding", "").lower().split(","):
        coding, _, params = item.strip().partition(";")
        if coding.strip() in ("gzip", "x-gzip"):
            quality = params.replace(" ", "").removeprefix("q=")
            try:
                return not params or float(quality) > 0
            except ValueError:
                return False
    return False


def signed_in(request):
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def is_public(request, response):
    control = response.get("Cache-Control", "").lower()
    return (
        not signed_in(request)
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
    )


class CompressPublicMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type not in COMPRESSIBLE or response.streaming or response.has_header("Content-Encoding"):
            return response
        if not is_public(request, response):
            return response  # may hold a secret: never compressed (see above)
        patch_vary_headers(response, ["Accept-Encoding"])
        if len(response.content) < MIN_BYTES or not accepts_gzip(request):
            return response
        compressed = gzip.compress(response.content, compresslevel=LEVEL, mtime=0)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response["Content-Length"] = str(len(compressed))
        response["Content-Encoding"] = "gzip"
        return response
