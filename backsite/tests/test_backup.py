"""`make backup` writes every item; restoring it into an empty database brings each one back."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(env, *args):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True).stdout  # fmt: skip


COUNT = """
from django.apps import apps
for label in ("exercises", "articles", "programs"):
    for model in apps.get_app_config(label).get_models():
        if model._meta.model_name != "contentversion":
            print(model._meta.label, model.objects.count())
from exercises.models import Exercise
print("search", Exercise.objects.exclude(search_text="").count())
"""


def test_backup_restores_into_an_empty_database(tmp_path):
    base = {**os.environ, "DJANGO_SETTINGS_MODULE": "backsite.settings_test"}
    source = {**base, "DATABASE_URL": f"sqlite:///{tmp_path / 'source.sqlite3'}"}
    target = {**base, "DATABASE_URL": f"sqlite:///{tmp_path / 'target.sqlite3'}"}
    manage(source, "migrate", "-v0")
    manage(source, "seed", "-v0")
    make = [shutil.which("make") or "make", "-s", "backup", f"BACKUP_DIR={tmp_path}", "PY=" + sys.executable]
    out = subprocess.run(make, cwd=ROOT, env=source, check=True, capture_output=True, text=True).stdout
    dump = next(tmp_path.glob("backsite-*.json.gz"))
    assert str(dump) in out and dump.stat().st_size > 10_000

    manage(target, "migrate", "-v0")
    assert "exercises.Exercise 0" in manage(target, "shell", "--no-imports", "-c", COUNT)
    manage(target, "loaddata", str(dump), "-v0")
    manage(target, "search_index", "-v0")
    before = manage(source, "shell", "--no-imports", "-c", COUNT)
    after = manage(target, "shell", "--no-imports", "-c", COUNT)
    assert after == before and "exercises.Exercise 0" not in after and "articles.Article 0" not in after
