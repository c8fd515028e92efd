"""Lighthouse, Google's page audit, scores the home, anatomy, catalogue and exercise pages
100 in each of its four categories (performance, accessibility, best practices, SEO), on the
production-like site in Debian's Chromium, with its default phone emulation and throttling.

Lighthouse is a Node.js tool: the first run installs the pinned version from npm into
.tools/ (ignored by git); later runs reuse it.
"""

import json
import os
import shutil
import subprocess

import pytest

from .conftest import ROOT, chromium_path

LIGHTHOUSE = "lighthouse@12.8.2"
TOOLS = ROOT / ".tools" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


@pytest.fixture(scope="module")
def lighthouse():
    binary = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        npm = shutil.which("npm")
        if not npm:
            pytest.fail("Lighthouse needs Node.js and npm (Debian: apt-get install nodejs npm).")
        TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(TOOLS), LIGHTHOUSE],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return binary


@pytest.mark.parametrize("path", ["/", "/anatomy/", "/exercises/", "/exercises/wide-grip-pull-up/"])
def test_lighthouse_scores_100_in_every_category(site, lighthouse, path, tmp_path):
    report = tmp_path / "report.json"
    command = [
        str(lighthouse),
        site + path,
        "--quiet",
        "--chrome-flags=--headless --no-sandbox --disable-gpu",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={report}",
    ]
    env = {**os.environ, "CHROME_PATH": chromium_path()}
    for _attempt in range(2):  # Lighthouse's own Chrome launch now and then fails to connect
        run = subprocess.run(command, check=False, capture_output=True, text=True, timeout=240, env=env)
        if run.returncode == 0:
            break
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(report.read_text())
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    audits = result["audits"]
    failing = [
        f"{name}: {ref['id']} {audits[ref['id']].get('displayValue', '')}"
        for name in CATEGORIES
        for ref in result["categories"][name]["auditRefs"]
        if ref["weight"] and audits[ref["id"]].get("score") not in (None, 1)
    ]
    assert scores == dict.fromkeys(CATEGORIES, 100), failing
