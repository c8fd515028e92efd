"""schema.org data (JSON-LD) for the core app's pages, built as Python dicts.

The ``seo`` template tags serialise it; views put it in ``structured_data``.
"""

from .templatetags.seo import absolute

PUBLISHER = {"@type": "Organization", "name": "Backsite"}


def image_data(request, image):
    if image is None:
        return {}
    url, width, height = image.display(1600)
    return {"image": {"@type": "ImageObject", "url": absolute(request, url), "width": width, "height": height,
                      "caption": image.alt_text, "creditText": image.author}}  # fmt: skip


def citation(reference):
    """A Reference as a schema.org CreativeWork."""
    data = {"@type": "CreativeWork", "name": reference.title or reference.publication}
    if reference.authors:
        data["author"] = reference.authors
    if reference.publication:
        data["isPartOf"] = reference.publication
    if reference.year:
        data["datePublished"] = str(reference.year)
    if reference.doi:
        data["sameAs"] = f"https://doi.org/{reference.doi}"
    elif reference.url:
        data["url"] = reference.url
    return data


def exercise_how_to(request, exercise, steps, equipment, references):
    """An exercise as a HowTo: its steps in order, the equipment as tools, its sources."""
    data = {
        "@context": "https://schema.org",
        "@type": "HowTo",
        "name": exercise.name,
        "description": exercise.summary,
        "url": absolute(request, exercise.get_absolute_url()),
        "step": [
            {"@type": "HowToStep", "position": n, "text": step.text} for n, step in enumerate(steps, start=1)
        ],
        "tool": [{"@type": "HowToTool", "name": item.name} for item in equipment],
        "dateModified": exercise.updated_at.isoformat(),
        "publisher": PUBLISHER,
        **image_data(request, exercise.image),
    }
    if exercise.alias_list:
        data["alternateName"] = exercise.alias_list
    if references:
        data["citation"] = [citation(reference) for reference in references]
    return data
