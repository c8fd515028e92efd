"""Every example response the API page (/api/) shows is the API's real answer on the seed
content: each example's request is made here and its answer compared with the stored one.

After an intended change to the API, refresh them with
``UPDATE_API_EXAMPLES=1 .venv/bin/pytest backsite/tests/test_api_examples.py``.
"""

import json
import os

import pytest
from django.urls import reverse

from backsite.views import API_EXAMPLES, EXAMPLE_HOST, api_examples

HOST = EXAMPLE_HOST.removeprefix("http://")


@pytest.mark.django_db
@pytest.mark.usefixtures("seeded_once")
def test_every_documented_example_is_the_real_answer(client):
    examples = api_examples()
    assert len(examples) >= 5
    updating = bool(os.environ.get("UPDATE_API_EXAMPLES"))
    for example in examples:
        response = client.get(example["path"], HTTP_HOST=HOST)
        answer = (response.status_code, json.loads(response.content))
        if updating:
            example["status"], example["body"] = answer
        else:
            assert answer == (example["status"], example["body"]), (
                f"{example['path']} answers differently from its example on /api/: see this file's docstring"
            )
    if updating:
        API_EXAMPLES.write_text(json.dumps(examples, indent=1, ensure_ascii=False) + "\n", "utf-8")


@pytest.mark.django_db
def test_the_api_page_shows_each_example_with_the_readers_host(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):  # the examples are a file, not content
        page = client.get(reverse("api-docs"), HTTP_HOST="localhost").content.decode()
    for example in api_examples():
        assert example["title"] in page
    assert "http://localhost/api/v1/exercises/" in page
    assert EXAMPLE_HOST not in page
