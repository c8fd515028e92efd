"""Settings for the test suite: production settings plus test-only speedups.

DEBUG stays off, as in production. Nothing here is used by the running site.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")

from .settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Manifest storage needs collectstatic first; the tests render templates without it.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# No collected static folder in tests: WhiteNoise serves from the app finders instead.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# Uploaded images are served by Django in the tests, as under `make run`; each test that
# uploads points MEDIA_ROOT at its own temporary folder (the `media` fixture).
SERVE_MEDIA = True
# Never the checkout's own packages (`make run` writes them): tests that build one use tmp_path.
DATA_PACKAGE_ROOT = Path(tempfile.mkdtemp(prefix="backsite-test-data-"))  # noqa: F405
# Most tests change rows with queryset.update() (no signals) and read pages again, so the
# page cache is off here; exercises/tests/test_pagecache.py turns it on, and the browser
# tests run with it on, as in production.
PAGE_CACHE = False
# django-axes needs the request in authenticate(), which Client.login() does not pass;
# backsite/tests/test_security.py turns it on for the lockout tests.
AXES_ENABLED = False
# Tests ask the API hundreds of times a minute from one address; the throttling test sets
# its own low rate.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/min"}}  # noqa: F405
