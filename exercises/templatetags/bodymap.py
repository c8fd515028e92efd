from django import template

from exercises.bodymap import MIRROR, SILHOUETTE, map_shapes

register = template.Library()


@register.inclusion_tag("includes/body_map.html")
def body_map(muscles, primary=(), secondary=(), title="Back view of the body", legend=False):
    """The body map, linking every muscle that has a shape and highlighting the given shapes."""
    shapes = map_shapes(muscles, primary, secondary)
    return {
        "shapes": shapes,
        "silhouette": SILHOUETTE,
        "mirror": MIRROR,
        "title": title,
        "legend": legend,
        "has_primary": any(s["state"] == "primary" for s in shapes),
        "has_secondary": any(s["state"] == "secondary" for s in shapes),
    }
