"""Articles and programs show their lead image with its credit, within their query budgets."""

import pytest

from articles.models import Article
from exercises.tests.factories import make_image
from programs.models import ProgramTemplate


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "slug"), [(Article, "balanced-back-training"), (ProgramTemplate, None)])
def test_lead_image_on_article_and_program(client, seeded, media, django_assert_max_num_queries, model, slug):
    item = model.objects.published().get(slug=slug) if slug else model.objects.published().first()
    url = item.get_absolute_url()
    with django_assert_max_num_queries(14) as plain:
        client.get(url)
    item.image = make_image(
        alt_text="Two people training side by side",
        author="Kai Ito",
        licence="cc-by-sa",
        source_url="https://example.org/photo",
    )
    item.save()
    with django_assert_max_num_queries(len(plain.captured_queries)):
        html = client.get(url).content.decode()
    assert 'alt="Two people training side by side"' in html and 'loading="lazy"' in html
    assert 'width="960" height="640"' in html and "CC BY-SA 4.0" in html
    assert '<a href="https://example.org/photo" rel="nofollow noopener">Kai Ito</a>' in html
