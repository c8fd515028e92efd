"""The read-replica router: public reads to the replica, everything else to the primary."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory

from backsite.routers import PublicReadMiddleware, ReplicaRouter
from exercises.models import Exercise

ROOT = Path(__file__).resolve().parents[2]
# The router reads settings.DATABASES; these tests add a "replica" alias for a moment.
pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")


def route_during(request, settings_databases, settings):
    settings.DATABASES = settings_databases
    seen = {}

    def view(req):
        seen["read"] = ReplicaRouter().db_for_read(Exercise)
        seen["write"] = ReplicaRouter().db_for_write(Exercise)
        from django.http import HttpResponse

        return HttpResponse()

    PublicReadMiddleware(view)(request)
    return seen


@pytest.fixture
def with_replica(settings):
    return {**settings.DATABASES, "replica": settings.DATABASES["default"]}


def test_anonymous_reads_use_the_replica(settings, with_replica):
    seen = route_during(RequestFactory().get("/exercises/"), with_replica, settings)
    assert seen == {"read": "replica", "write": "default"}


@pytest.mark.parametrize(
    "request_",
    [
        RequestFactory().post("/admin/exercises/exercise/1/change/"),
        RequestFactory().get("/admin/", HTTP_COOKIE="sessionid=abc"),
    ],
)
def test_writes_and_staff_use_the_primary(settings, with_replica, request_):
    assert route_during(request_, with_replica, settings)["read"] == "default"


def test_without_a_replica_everything_uses_the_primary(settings):
    assert route_during(RequestFactory().get("/"), dict(settings.DATABASES), settings)["read"] == "default"
    assert ReplicaRouter().db_for_read(Exercise) == "default"  # outside any request
    assert ReplicaRouter().allow_migrate("replica", "exercises") is False


def test_replica_url_configures_a_second_database():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "backsite.settings_test",
        "DATABASE_REPLICA_URL": "postgres://reader@replica.internal:5432/backsite",
    }
    code = "from django.conf import settings; r = settings.DATABASES['replica']; print(r['HOST'], r['USER'])"
    command = [sys.executable, "manage.py", "shell", "--no-imports", "-c", code]
    out = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["replica.internal", "reader"]
