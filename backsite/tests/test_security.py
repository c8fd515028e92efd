"""Headers, brute-force lockout, the admin's address, and errors that show no trace."""

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from backsite.requestlog import JsonFormatter

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_security_headers_on_pages(client):
    response = client.get(reverse("exercises:exercise-list"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
class TestLockout:
    @pytest.fixture
    def axes_on(self, settings):
        settings.AXES_ENABLED = True
        settings.AXES_FAILURE_LIMIT = 3

    def attempt(self, client, username, password):
        return client.post(
            reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"}
        )

    def test_repeated_failures_lock_that_username_out(self, client, axes_on):
        User.objects.create_superuser("boss", "b@example.org", "the-right-passphrase")
        User.objects.create_superuser("other", "o@example.org", "another-passphrase")
        for _ in range(3):
            assert self.attempt(client, "boss", "wrong").status_code in (200, 429)
        locked = self.attempt(client, "boss", "the-right-passphrase")
        assert locked.status_code == 429 and b"Too many failed log-in attempts" in locked.content
        assert "_auth_user_id" not in client.session
        allowed = self.attempt(client, "other", "another-passphrase")
        assert allowed.status_code == 302 and client.session["_auth_user_id"]

    def test_a_success_resets_the_count(self, client, axes_on):
        User.objects.create_superuser("boss", "b@example.org", "the-right-passphrase")
        self.attempt(client, "boss", "wrong")
        self.attempt(client, "boss", "wrong")
        assert self.attempt(client, "boss", "the-right-passphrase").status_code == 302
        client.logout()
        self.attempt(client, "boss", "wrong")
        self.attempt(client, "boss", "wrong")
        assert self.attempt(client, "boss", "the-right-passphrase").status_code == 302


@pytest.mark.django_db
def test_request_id_is_returned_and_sane_ids_are_kept(client):
    fresh = client.get("/", HTTP_X_REQUEST_ID="abc")  # too short: replaced
    assert len(fresh["X-Request-ID"]) == 32 and fresh["X-Request-ID"] != "abc"
    kept = client.get("/", HTTP_X_REQUEST_ID="lb-1234abcd")
    assert kept["X-Request-ID"] == "lb-1234abcd"


@pytest.mark.django_db
def test_errors_show_no_trace_and_log_one_json_line(client, settings):
    settings.ROOT_URLCONF = "backsite.tests.urls_boom"
    client.raise_request_exception = False
    handler = next(h for h in logging.getLogger().handlers if isinstance(h.formatter, JsonFormatter))
    captured = io.StringIO()
    original = handler.setStream(captured)
    try:
        response = client.get("/boom/", HTTP_X_REQUEST_ID="report-12345678")
    finally:
        handler.setStream(original)
    html = response.content.decode()
    assert response.status_code == 500 and "Something went wrong" in html
    assert "hunter2" not in html and "Traceback" not in html and "report-12345678" in html
    lines = [json.loads(line) for line in captured.getvalue().splitlines()]
    errors = [line for line in lines if line["level"] == "ERROR"]
    assert errors and errors[-1]["request_id"] == "report-12345678"
    assert "RuntimeError" in errors[-1]["error"] and errors[-1]["logger"] == "django.request"


def test_admin_address_is_configurable():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "backsite.settings_test", "ADMIN_PATH": "backstage-7f3a"}
    out = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from django.urls import reverse; print(reverse('admin:index'))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "/backstage-7f3a/"
