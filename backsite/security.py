"""Security pieces the project adds to Django's own middleware and settings.

- ``client_ip``: the reader's address for django-axes's login lockout. Behind a proxy every
  request comes from the proxy, so locking by REMOTE_ADDR would let anyone lock out any
  editor. With ``TRUSTED_PROXIES=N`` (the number of proxies in front that each append to
  ``X-Forwarded-For``), the address is the one the outermost trusted proxy saw; a client's
  own ``X-Forwarded-For`` entries sit to the left of it and are never believed.
- ``SecurityHeadersMiddleware``: a ``Permissions-Policy`` that turns off the browser features
  the site never uses, and ``Cache-Control: private, no-store`` on every response to a
  signed-in session (staff previews of drafts must never land in a shared cache).
"""

import ipaddress

from django.conf import settings
from django.utils.cache import add_never_cache_headers

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=()"
)


def client_ip(request):
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            address = hops[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return request.META.get("REMOTE_ADDR", "")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES and getattr(request, "user", None)
        if signed_in and request.user.is_authenticated:
            add_never_cache_headers(response)
        return response
