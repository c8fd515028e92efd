"""First-visit weight of the main pages: HTML plus every stylesheet, script and image they
load, compressed as served, under 60 KB each; and no render-blocking script."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from exercises.tests import factories

BUDGET = 60 * 1024
PAGES = ["/", "/exercises/", "/exercises/pull-up/"]


@pytest.mark.django_db
class TestPageWeight:
    seeded = factories.seeded_per_class

    @pytest.mark.parametrize("path", PAGES)
    def test_first_visit_is_under_60_kb_compressed(self, client, seeded, path):
        html = client.get(path).content
        assets = re.findall(
            rb'<(?:link rel="(?:stylesheet|icon)"|script|img)[^>]*?(?:href|src)="/static/([^"]+)"', html
        )
        total = len(gzip.compress(html))
        for asset in assets:
            found = finders.find(asset.decode())
            assert found, asset
            with open(found, "rb") as handle:
                total += len(gzip.compress(handle.read()))
        assert b"stylesheet" in html and assets  # the page's own CSS is counted
        assert total < BUDGET, f"{path}: {total} bytes"

    @pytest.mark.parametrize("path", PAGES)
    def test_no_render_blocking_script(self, client, seeded, path):
        head = client.get(path).content.split(b"</head>")[0]
        tags = re.findall(rb"<script[^>]*>", head)
        blocking = [
            t for t in tags if not any(word in t for word in (b"application/ld+json", b" defer", b" async"))
        ]
        assert blocking == []
