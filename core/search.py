"""Site search, shared by every app: what a model indexes, and how a query finds it.

A ``Searchable`` model says what readers may search it by, in four weights (A: its name,
B: other names, C: its summary, D: the body). Whenever a row is saved (fixtures included,
through ``post_save``), or one of its parts (an exercise's steps) is, it stores:

- ``search_text``: the same words lower-cased, with hyphens as spaces, plus each name and
  alias with its spaces removed ("pull up" -> "pullup"), so "pull-up", "pull up" and "pullup"
  all meet. Every database searches this.
- ``search_vector`` (PostgreSQL only): a weighted ``tsvector`` with a GIN index, searched with
  websearch syntax and ranked, plus trigram similarity on the names for near-misses when
  the words themselves find only a few rows.

On SQLite the fallback finds every word (or its stem) in ``search_text`` and ranks names
above aliases above the rest. The same queries are tested on both databases.
"""

import re
from functools import reduce
from operator import or_

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connection, models
from django.db.models import Case, Exists, F, FloatField, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce, Greatest, Lower

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
CONFIG = "english"
STOPWORDS = frozenset(
    "a an and are as at be by do for from how i in is it my of on or the to what with".split()  # noqa: SIM905
)
WORD = re.compile(r"[\w']+")
SEARCH_FIELDS = ["search_text", "search_vector"]  # kept out of revision history


def normalise(text):
    """Lower case, hyphens and slashes as spaces, one space between words."""
    return " ".join(WORD.findall((text or "").lower().replace("-", " ").replace("/", " ")))


def stem(word):
    """A crude English stem, enough for plurals: rhomboids -> rhomboid, traps -> trap."""
    for suffix in ("ies", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def terms(query):
    """The words of a query that carry meaning, stemmed, at most MAX_TERMS."""
    words = [w for w in normalise(query).split() if w not in STOPWORDS]
    unique = list(dict.fromkeys(stem(w) for w in words))
    return unique[:MAX_TERMS]


def clean_query(raw):
    """A query as readers meant it: control characters out, spaces squeezed, length capped."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def is_postgres():
    return connection.vendor == "postgresql"


def search_text(document):
    """The stored text for a {weight: [texts]} document: names, names without spaces, body."""
    document = {weight: [t for t in document.get(weight, []) if t] for weight in "ABCD"}
    names = [normalise(t) for t in document["A"] + document["B"]]
    squashed = [n.replace(" ", "") for n in names]
    body = [normalise(t) for t in document["C"] + document["D"]]
    return " | ".join([*names, *squashed, *body])


class Searchable(models.Model):
    """Abstract: a model readers can find through the site search."""

    search_text = models.TextField(editable=False, blank=True, default="")
    search_vector = SearchVectorField(null=True, editable=False)

    #: Shown as the group heading on the results page, in this order.
    search_kind = ""
    search_order = 50

    class Meta:
        abstract = True

    def search_document(self):
        """{"A": [...], "B": [...], "C": [...], "D": [...]} of texts. Subclasses say what."""
        raise NotImplementedError

    def search_title(self):
        return str(self)

    def search_summary(self):
        return getattr(self, "summary", "")

    def update_search_index(self):
        """Store this row's search text (and vector on PostgreSQL) without touching the rest."""
        document = {weight: [t for t in self.search_document().get(weight, []) if t] for weight in "ABCD"}
        text = search_text(document)
        values = {"search_text": text}
        if is_postgres():
            values["search_vector"] = reduce(
                lambda a, b: a + b,
                (SearchVector(Value(" ".join(document[w])), weight=w, config=CONFIG) for w in "ABCD"),
            )
        type(self)._base_manager.filter(pk=self.pk).update(**values)
        self.search_text = text


def name_fields(model):
    """The model fields holding weight-A and weight-B words, for trigram matching."""
    return getattr(model, "search_name_fields", ["name"])


def search(queryset, query):
    """``queryset`` narrowed to rows matching ``query``, best first, with a ``rank`` annotation."""
    words = terms(query)
    if not words:
        return queryset.none()
    squashed = "".join(normalise(query).split())
    if is_postgres():
        return _search_postgres(queryset, query, words, squashed)
    return _search_fallback(queryset, query, words, squashed)


# Near-misses (trigram similarity) are looked for only when the words themselves match
# fewer rows than this: the similarity is computed row by row, which at 10,000 exercises
# cost 90 ms a query where the word match alone took 6 ms (docs/performance.md).
NEAR_MISSES_BELOW = 5


def _search_postgres(queryset, query, words, squashed):
    model = queryset.model
    every = SearchQuery(query, search_type="websearch", config=CONFIG)
    some = reduce(or_, (SearchQuery(w, config=CONFIG) for w in words))
    matches = Q(search_vector=some) | word_start(squashed)
    # "No match beyond the first few": one uncorrelated subquery, evaluated once, written
    # before the similarity so a query with plenty of matches never computes it per row.
    few_matches = ~Exists(queryset.filter(matches).order_by()[NEAR_MISSES_BELOW - 1 : NEAR_MISSES_BELOW])
    similarity = Greatest(
        *(Coalesce(TrigramWordSimilarity(Value(query), Lower(F(f))), 0.0) for f in name_fields(model)),
        Value(0.0),
        output_field=FloatField(),
    )
    return (
        queryset.annotate(
            rank=SearchRank(F("search_vector"), every) * 2
            + SearchRank(F("search_vector"), some)
            + similarity
            + Case(When(exact_name(query), then=Value(10.0)), default=Value(0.0))
            + Case(When(word_start(squashed), then=Value(0.2)), default=Value(0.0)),
            similarity=similarity,
        )
        .filter(matches | (few_matches & Q(similarity__gte=0.45)))
        .order_by("-rank", *queryset.model._meta.ordering)
    )


def word_start(text):
    """Rows where ``text`` begins a word of the stored search text."""
    return Q(search_text__startswith=text) | Q(search_text__contains=f" {text}")


def exact_name(query):
    """Rows whose name, or one of its other names, is exactly the query (spacing aside)."""
    name = normalise(query)
    squashed = name.replace(" ", "")
    return Q(search_text__startswith=f"{name} |") | Q(search_text__contains=f"| {squashed} |")


def _search_fallback(queryset, query, words, squashed):
    """SQLite: each word (or the whole query without spaces) begins a word of the stored text."""
    model = queryset.model
    each = [word_start(w) for w in words]
    matched = sum(
        (Case(When(cond, then=Value(1)), default=Value(0), output_field=IntegerField()) for cond in each),
        Value(0),
    )
    first_name = name_fields(model)[0]
    in_name = reduce(or_, (Q(**{f"{first_name}__icontains": w}) for w in words))
    rank = (
        matched * 10
        + Case(When(exact_name(query), then=Value(30)), default=Value(0))
        + Case(When(in_name, then=Value(5)), default=Value(0))
        + Case(When(word_start(squashed), then=Value(3)), default=Value(0))
    )
    return (
        queryset.annotate(rank=rank, matched=matched)
        .filter(reduce(or_, each) | word_start(squashed))
        .order_by("-rank", *queryset.model._meta.ordering)
    )


def highlight_pattern(query):
    """A regex that finds the query's words (and their longer forms) in result text."""
    words = sorted(terms(query), key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(w) + r"[\w']*" for w in words) + r")", re.IGNORECASE)


def _index_saved(sender, instance, raw=False, **kwargs):
    if not raw:  # fixture loads index everything once at the end (see ``index_missing``)
        instance.update_search_index()


def _index_parent(sender, instance, raw=False, **kwargs):
    from .pagecache import QUIET

    if raw or QUIET.get():
        return
    try:
        parent = getattr(instance, instance.search_parent)
    except models.ObjectDoesNotExist:
        return  # the parent is being deleted too
    if parent is not None and parent.pk is not None:
        parent.update_search_index()


def index_missing(rebuild=False):
    """Index rows never indexed (rows loaded from fixtures, or older than search); with
    ``rebuild``, every row. Returns how many rows were indexed."""
    done = 0
    for model in searchable_models():
        rows = model._base_manager.all() if rebuild else model._base_manager.filter(search_text="")
        for row in rows.prefetch_related(*getattr(model, "search_prefetch", [])):
            row.update_search_index()
            done += 1
    return done


def _index_missing(sender, plan=None, **kwargs):
    if any(backwards for _migration, backwards in plan or []):
        return  # migrated back: the tables may be older than the models that would read them
    index_missing()


def searchable_models():
    from django.apps import apps

    return sorted((m for m in apps.get_models() if issubclass(m, Searchable)), key=lambda m: m.search_order)


def connect_signals():
    """Keep the index current: called once from the core app's ready()."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_migrate, post_save

    for model in apps.get_models():
        if issubclass(model, Searchable):
            post_save.connect(_index_saved, sender=model, dispatch_uid=f"search-{model._meta.label}")
        elif getattr(model, "search_parent", None):
            for signal in (post_save, post_delete):
                signal.connect(_index_parent, sender=model, dispatch_uid=f"search-part-{model._meta.label}")
    post_migrate.connect(_index_missing, dispatch_uid="search-index-missing")


def index_operations(*model_names, extension=False):
    """Migration operations: on PostgreSQL, GIN indexes for search (and the pg_trgm extension,
    created once by the core app's migration, which the others depend on).

    They live outside the models' state (the indexes are PostgreSQL-only), so SQLite's table
    rebuilds never try to recreate them.
    """
    from django.contrib.postgres.operations import TrigramExtension
    from django.db import migrations

    def tables(apps, schema_editor):
        for label in model_names:
            yield apps.get_model(label)._meta.db_table

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in tables(apps, schema_editor):
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{table}_search_gin" ON "{table}" USING GIN (search_vector)'
            )
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{table}_search_trgm" ON "{table}" '
                "USING GIN (search_text gin_trgm_ops)"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in tables(apps, schema_editor):
            schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_search_gin"')
            schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_search_trgm"')

    operations = [migrations.RunPython(create, drop, elidable=False)]
    return [TrigramExtension(), *operations] if extension else operations
