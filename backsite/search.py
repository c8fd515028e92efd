"""/search/: one box for the whole site, results grouped by kind, best match first."""

import bisect
import difflib

from django.core.paginator import Paginator
from django.db.models import Count, Q, Window, prefetch_related_objects
from django.shortcuts import render
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.views.decorators.http import require_safe

from core.markup import render_markdown
from core.pagecache import current_version
from core.publishing import Publishable
from core.search import (
    MAX_QUERY_LENGTH,
    STOPWORDS,
    clean_query,
    highlight_pattern,
    normalise,
    search,
    searchable_models,
    stem,
)
from exercises.models import Exercise, Muscle
from programs.models import ProgramTemplate

PER_GROUP = 5
PER_PAGE = 20


def visible(model):
    return model.objects.published() if issubclass(model, Publishable) else model.objects.all()


def kind_slug(model):
    return model._meta.model_name


def excerpt(item):
    text = item.search_summary() or ""
    if "\n" in text or "*" in text or "[" in text:  # Markdown: read it as plain words
        text = strip_tags(render_markdown(text))
    return Truncator(" ".join(text.split())).words(32)


#: Close-spelling suggestions compare the query with at most this many names, and only its
#: first few words: difflib's cost grows with both, and an unmatched query must stay cheap
#: however large the catalogue (at 10,000 exercises it took 0.3 to 0.5 s before the bound).
MAX_CANDIDATES = 600
MAX_WORDS = 4


def candidates(names, word):
    """Names that could be a misspelling of ``word``: same first letter, similar length."""
    near = [n for n in names if n[:1] == word[:1] and abs(len(n) - len(word)) <= max(3, len(word) // 2)]
    return near[:MAX_CANDIDATES]


#: The names suggestions choose from, built once per content version in each process.
_vocabulary = {"version": None, "names": {}}


def vocabulary():
    """Exercise and muscle names and aliases, lower-cased, to their display form."""
    version = current_version()
    if _vocabulary["version"] != version:
        names = {}
        for rows in (Exercise.objects.published(), Muscle.objects.all()):
            for name, aliases in rows.values_list("name", "aliases"):
                for option in [name, *aliases.split(",")]:
                    names.setdefault(option.strip().lower(), option.strip())
        names.pop("", None)
        _vocabulary.update(version=version, names=names)
    return _vocabulary["names"]


def suggestions(query):
    """Close spellings among exercise and muscle names and aliases."""
    names = vocabulary()
    query = query.lower()
    close = difflib.get_close_matches(query, candidates(names, query), n=5, cutoff=0.6)
    for word in query.split()[:MAX_WORDS]:
        close += difflib.get_close_matches(word, candidates(names, word), n=2, cutoff=0.75)
    return [names[c] for c in dict.fromkeys(close)][:6]


def popular_exercises():
    """The exercises that published programs prescribe most often."""
    programs = ProgramTemplate.objects.published()
    return (
        Exercise.objects.published()
        .annotate(uses=Count("prescriptions", filter=Q(prescriptions__session__phase__program__in=programs)))
        .order_by("-uses", "name")
        .only("pk", "name", "slug", "summary")[:6]
    )


#: Near-misses (pages holding all of a query's words but one) are offered only when fewer
#: pages than this hold every word, in a section of their own, at most PER_GROUP of a kind.
NEAR_MISSES_BELOW = 5


def corrected(query):
    """The query with each word that begins no exercise or muscle name replaced by the closest
    such word ("dumbell row" -> "dumbbell row"), or "" when nothing changes."""
    known = sorted({word for name in vocabulary() for word in normalise(name).split()})
    words, changed = normalise(query).split(), False
    for i, word in enumerate(words[: MAX_WORDS * 2]):
        if word in STOPWORDS or len(word) < 4:
            continue
        start = bisect.bisect_left(known, stem(word))
        if start < len(known) and known[start].startswith(stem(word)):
            continue  # a known word (or the start of one)
        close = difflib.get_close_matches(word, candidates(known, word), n=1, cutoff=0.75)
        if close:
            words[i], changed = close[0], True
    return " ".join(words) if changed else ""


def find(models, chosen, query, page=None, *, partial=False):
    """Result groups for ``query`` (one per kind with matches, best kind first), and the page
    when one kind is chosen."""
    groups, page_obj = [], None
    for slug, model in models.items():
        if chosen and slug != chosen:
            continue
        found = search(visible(model), query, partial=partial).defer("search_vector")
        if chosen:
            page_obj = Paginator(found, PER_PAGE).get_page(page)
            items, count = list(page_obj.object_list), page_obj.paginator.count
        else:  # the group's total rides along with its top rows: one ranking pass, not two
            items = list(found.annotate(total=Window(Count("pk")))[:PER_GROUP])
            count = items[0].total if items else 0
        if count:
            prefetch_related_objects(items, *getattr(model, "result_prefetch", []))
            groups.append(
                {
                    "slug": slug,
                    "kind": model.search_kind,
                    "count": count,
                    "items": items,
                    # Kinds are ordered by the shared integer score alone (PostgreSQL's vector
                    # rank only breaks ties inside a kind), so both databases agree on them.
                    "top": int(items[0].rank) if items else 0,
                    "order": model.search_order,
                    "results": [(item, excerpt(item)) for item in items],
                }
            )
    groups.sort(key=lambda g: (-g["top"], g["order"]))
    return groups, page_obj


@require_safe
def search_view(request):
    raw = request.GET.get("q", "")
    query = asked = clean_query(raw)
    notices = []
    if len(" ".join(raw.split())) > MAX_QUERY_LENGTH:
        notices.append(f"Your search was long, so we used its first {MAX_QUERY_LENGTH} characters.")
    models = {kind_slug(m): m for m in searchable_models()}
    chosen = request.GET.get("kind", "")
    if chosen and chosen not in models:
        notices.append("That kind of result does not exist; showing every kind.")
        chosen = ""

    groups, page_obj, near = [], None, []
    page = request.GET.get("page")
    if query:
        groups, page_obj = find(models, chosen, query, page)
        if not groups and (spelling := corrected(query)):
            groups, page_obj = find(models, chosen, spelling, page)
            if groups:
                query = spelling
        if not chosen and sum(g["count"] for g in groups) < NEAR_MISSES_BELOW:
            near, _ = find(models, "", query, partial=True)
    total = sum(g["count"] for g in groups)
    context = {
        "query": query,
        "asked": asked,
        "kind": chosen,
        "kind_name": models[chosen].search_kind if chosen else "",
        "groups": groups,
        "near": near,
        "total": total,
        "page_obj": page_obj,
        "elided_pages": page_obj.paginator.get_elided_page_range(page_obj.number) if page_obj else [],
        "pattern": highlight_pattern(query) if query else None,
        "notices": notices,
        "breadcrumbs": [("Search", None)],
    }
    if not total and not near:
        context["suggestions"] = suggestions(query) if query else []
        context["popular"] = popular_exercises()
    return render(request, "search.html", context)
