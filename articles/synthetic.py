"""Synthetic articles for benchmarks (see exercises/synthetic.py)."""

from django.db import connection

from core.search import search_text
from exercises.synthetic import PREFIX, WHEN, write_vectors

from .models import Article, Topic

BODY = """## Why it matters

A generated paragraph that stands in for real writing, long enough to render like an article.

## How to do it

- Keep the movement slow.
- Stop well short of pain.

## What to expect

Another generated paragraph, so the page has sections and a table of contents.
"""


DEFAULT_COUNT = 500  # rows `manage.py synthetic` makes unless told otherwise


def remove():
    Article.objects.filter(slug__startswith=PREFIX).delete()


def generate(count, seed=7):
    topics = Topic.values
    rows = []
    for n in range(count):
        title = f"Synthetic article {n} on back training"
        summary = f"Generated article number {n} for benchmarks; not real advice."
        rows.append(
            Article(
                title=title,
                slug=f"{PREFIX}{n}",
                summary=summary,
                body=BODY,
                topic=topics[n % len(topics)],
                author_name="Synthetic data",
                reviewer_name="Synthetic data",
                last_reviewed=WHEN.date(),
                status="published",
                published_at=WHEN,
                search_text=search_text({"A": [title], "C": [summary], "D": [BODY]}),
            )
        )
    Article.objects.bulk_create(rows, batch_size=500)
    if connection.vendor == "postgresql":
        write_vectors(Article, ["title"], [], ["summary"])
