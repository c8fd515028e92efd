"""Site search, shared by every app: what a model indexes, and how a query finds it.

A ``Searchable`` model says what readers may search it by, in four weights (A: its name,
B: other names, C: its summary, D: the body). Whenever a row is saved (fixtures included,
through ``post_save``), or one of its parts (an exercise's steps) is, it stores:

- ``search_text``: the same words lower-cased, hyphens as spaces, and "up", "down", "apart",
  "over" and "out" joined to the word before them, so "pull-up", "pull up" and "pullup" are
  all stored (and asked for) as "pullup"; plus each name and alias with its spaces removed.
  Every database searches this.
- ``search_vector`` (PostgreSQL only): a weighted ``tsvector`` with a GIN index, which orders
  rows that the shared score leaves tied.

A query's results are the rows holding every one of its meaningful words (stop words out;
a word matches the start of a stored word, or a whole word when it is shorter than three
letters), ranked by the same integer score on every database: the name equal to the query,
then names holding more of its words. Near-misses (all words but one) are a separate call,
made by the results page only when full matches are few. The same queries are tested on
SQLite and PostgreSQL (backsite/tests/test_search_relevance.py).
"""

import re
from functools import reduce
from operator import and_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import connection, models
from django.db.models import Case, F, FloatField, IntegerField, Q, Value, When
from django.db.models.functions import Least, Lower, Replace
from django.db.models.lookups import Contains, StartsWith

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
CONFIG = "english"
#: Words that say nothing about what a reader wants ("how do I train my upper back"), and the
#: generic nouns of this site ("exercises for the rhomboids"): dropped from queries, unless a
#: query is made of nothing else.
STOPWORDS = frozenset(
    """a about am an and any are as at be best by can could do does for from get good help how i
    if in into is it its me my of on or our should so than that the their them these this those
    to was way ways we what when where which who why will with would you your
    exercise exercises workout workouts""".split()  # noqa: SIM905
)
#: Words written joined, hyphenated or spaced ("pull-up", "pull up", "pullup"; "pull ups";
#: "lat pull-down"): joined to the word before them, in stored text and queries alike.
PARTICLES = frozenset({"up", "ups", "down", "downs", "apart", "over", "overs", "out", "outs"})
#: Query words shorter than this match whole words only, so "up" never finds "upper".
MIN_PREFIX = 3
WORD = re.compile(r"[\w']+")
SEARCH_FIELDS = ["search_text", "search_vector"]  # kept out of revision history


def normalise(text):
    """Lower case, hyphens and slashes as spaces, one space between words, and a particle
    joined to the word before it: "Lat pull-down" -> "lat pulldown"."""
    words = WORD.findall((text or "").lower().replace("-", " ").replace("/", " "))
    joined, can_join = [], False
    for word in words:
        if word in PARTICLES and can_join:
            joined[-1] += word
            can_join = False  # "face down over" -> "facedown over", not one long word
        else:
            joined.append(word)
            can_join = word not in PARTICLES
    return " ".join(joined)


def stem(word):
    """A crude English stem, enough for plurals: rhomboids -> rhomboid, traps -> trap."""
    for suffix in ("ies", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def terms(query):
    """The words of a query that carry meaning, stemmed, at most MAX_TERMS. A query of stop
    words only ("how to") keeps them."""
    words = normalise(query).split()
    meaningful = [w for w in words if w not in STOPWORDS] or words
    unique = list(dict.fromkeys(stem(w) for w in meaningful))
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
    #: Words a reader uses for this kind of page ("beginner program", "lats muscle"), stored
    #: with the lowest weight so they narrow a query to the kind without outranking names.
    search_kind_words = ""

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
        document["D"].append(self.search_kind_words)
        text = search_text(document)
        values = {"search_text": text}
        if is_postgres():
            values["search_vector"] = reduce(
                lambda a, b: a + b,
                (
                    SearchVector(Value(normalise(" ".join(document[w]))), weight=w, config=CONFIG)
                    for w in "ABCD"
                ),
            )
        type(self)._base_manager.filter(pk=self.pk).update(**values)
        self.search_text = text


def name_fields(model):
    """The model fields holding weight-A and weight-B words, used in ranking."""
    return getattr(model, "search_name_fields", ["name"])


def search(queryset, query, *, partial=False):
    """``queryset`` narrowed to rows holding every meaningful word of ``query``, best first,
    with a ``rank`` annotation. With ``partial``, rows holding all but one of its words
    instead (the near-misses a results page offers when full matches are few)."""
    words = terms(query)
    if not words or (partial and len(words) < 2):
        return queryset.none()
    each = [word_match(w) for w in words]
    if partial:
        matched = sum((Case(When(c, then=1), default=0, output_field=IntegerField()) for c in each), Value(0))
        queryset = queryset.annotate(matched=matched).filter(matched=len(words) - 1)
    else:
        queryset = queryset.filter(reduce(and_, each))
    rank = name_rank(queryset.model, query, words)
    if is_postgres():  # the weighted vector orders rows the integer score leaves tied
        vector_rank = SearchRank(F("search_vector"), SearchQuery(" ".join(words), config=CONFIG))
        rank = rank + Least(vector_rank, Value(0.9), output_field=FloatField())
    return queryset.annotate(rank=rank).order_by("-rank", *queryset.model._meta.ordering)


def word_match(word):
    """Rows whose stored text holds ``word``: at the start of a word ("row" finds "rows",
    "trap" finds "trapezius"), or as a whole word when it is short ("up" never finds "upper")."""
    if len(word) < MIN_PREFIX:
        return (
            Q(search_text=word)
            | Q(search_text__startswith=f"{word} ")
            | Q(search_text__contains=f" {word} ")
            | Q(search_text__endswith=f" {word}")
        )
    return Q(search_text__startswith=word) | Q(search_text__contains=f" {word}")


def name_rank(model, query, words):
    """An integer score, the same on every database: a name (or other name) equal to the
    query first, then names holding more of its words, then names starting with its first."""
    name = Lower(F(name_fields(model)[0]))
    joined = Replace(Replace(name, Value("-"), Value("")), Value(" "), Value(""))
    in_name = [Case(When(Contains(joined, w), then=10), default=0) for w in words]
    return (
        Case(When(exact_name(query), then=100), default=0, output_field=IntegerField())
        + Case(When(StartsWith(joined, words[0]), then=3), default=0)
        + reduce(lambda a, b: a + b, in_name)
    )


def exact_name(query):
    """Rows whose name, or one of its other names, is exactly the query (spacing aside)."""
    name = normalise(query)
    squashed = name.replace(" ", "")
    return Q(search_text__startswith=f"{name} |") | Q(search_text__contains=f"| {squashed} |")


def highlight_pattern(query):
    """A regex that finds the query's words in result text as they are written there: longer
    forms of a word ("row" in "rows"), a joined word however it is spelt ("pullup" in
    "Pull-up"), and short words only whole ("up" not in "upper")."""
    words = sorted(terms(query), key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"\b(" + "|".join(word_pattern(w) for w in words) + r")", re.IGNORECASE)


def word_pattern(word):
    for particle in PARTICLES:
        head = word.removesuffix(particle)
        if head != word and head:
            return re.escape(head) + r"[\s-]?" + re.escape(particle) + r"[\w']*"
    if len(word) < MIN_PREFIX:
        return re.escape(word) + r"\b"
    return re.escape(word) + r"[\w']*"


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
