"""schema.org data (JSON-LD) pieces every content app uses, built as Python dicts.

The ``seo`` template tags serialise it; views put it in ``structured_data``.
"""

from .templatetags.seo import absolute

PUBLISHER = {"@type": "Organization", "name": "Backsite"}


def image_data(request, image):
    if image is None:
        return {}
    url, width, height = image.display(1600)
    return {
        "image": {
            "@type": "ImageObject",
            "url": absolute(request, url),
            "width": width,
            "height": height,
            "caption": image.alt_text,
            "creditText": image.author,
        }
    }


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
