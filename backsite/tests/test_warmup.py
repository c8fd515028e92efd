"""gunicorn's pre_fork hook: forked workers start with the facet indexes and compiled templates."""

import gc
import runpy

import pytest
from django.template import engines

from backsite import warmup
from core.pagecache import current_version
from exercises.facetindex import facet_index
from exercises.models import Exercise
from programs.filters import ProgramFilter
from programs.models import ProgramTemplate


@pytest.mark.django_db
def test_warm_builds_the_index_compiles_templates_closes_connections_and_freezes(catalogue, monkeypatch):
    closed = []
    monkeypatch.setattr(warmup.connections, "close_all", lambda: closed.append(True))
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()
    facet_index.forget()
    ProgramFilter.index_cache.forget()

    gc.unfreeze()
    try:
        warmup.warm()
        # what the master holds is out of the workers' garbage collections
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()

    assert facet_index.latest.version == current_version()
    assert facet_index.latest.everything.bit_count() == Exercise.objects.published().count() > 0
    programs = ProgramFilter.index_cache.latest
    assert programs.version == current_version()
    assert programs.everything.bit_count() == ProgramTemplate.objects.published().count()
    assert {"base.html", "exercises/exercise_list.html", "includes/facet_fieldset.html"} <= set(
        loader.get_template_cache
    )
    assert closed == [True]


def test_gunicorn_warms_before_each_fork_only_with_the_app_preloaded(monkeypatch):
    calls = []
    monkeypatch.setattr(warmup, "warm", lambda: calls.append(True))
    hook = runpy.run_path("gunicorn.conf.py")["pre_fork"]

    class Server:
        class cfg:  # noqa: N801 (stands in for gunicorn's config object)
            preload_app = True

    hook(Server, worker=None)
    Server.cfg.preload_app = False
    hook(Server, worker=None)
    assert calls == [True]
