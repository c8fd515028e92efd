"""Every manage.py command the README shows works as pasted into a checkout after `make run`
(issue 19): no SECRET_KEY in the environment, only the checkout's .secret_key file."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.system


def readme_commands():
    """The README's shell lines that run manage.py, as written (from its ```sh blocks)."""
    text = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if "manage.py" in line]


def test_the_readme_shows_manage_py_commands():
    assert any("create_editor" in command for command in readme_commands())


@pytest.mark.parametrize("command", readme_commands())
def test_each_readme_command_works_as_pasted(command, tmp_path):
    key = tmp_path / ".secret_key"
    key.write_text("a-key-make-run-would-have-made")
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DEBUG"}}
    env.update(SECRET_KEY_FILE=str(key), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    python = [sys.executable, "manage.py"]
    subprocess.run([*python, "migrate", "-v0"], cwd=ROOT, env=env, check=True, capture_output=True)
    words = shlex.split(command.split("#")[0])
    assignments = dict(word.split("=", 1) for word in words if re.match(r"^[A-Z_]+=", word))
    args = words[words.index("manage.py") + 1 :]
    result = subprocess.run(
        [*python, *args],
        cwd=ROOT,
        env={**env, **assignments},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    if "BACKSITE_EDITOR_PASSWORD" not in assignments and args[0] == "create_editor":
        # Without a terminal the command asks for the variable, by name, and creates nobody.
        assert result.returncode != 0 and "BACKSITE_EDITOR_PASSWORD" in result.stderr
    else:
        assert result.returncode == 0, result.stderr
    assert "SECRET_KEY" not in result.stderr
