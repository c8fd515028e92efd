from django import template

from exercises.bodymap import map_views

register = template.Library()


@register.inclusion_tag("includes/body_map.html")
def body_map(
    muscles,
    primary=(),
    secondary=(),
    title="The body, front and back",
    legend=False,
    large=False,
    band="",
    stretched=(),
):
    """The body map, front and back, linking every muscle that has a shape and highlighting
    the given shapes (a stretched muscle is outlined, not filled: it is lengthened, not
    loaded). ``large`` fills the screen (the anatomy and home pages); ``band``
    shades a span of vertebrae ("T1–T4")."""
    views = map_views(muscles, primary, secondary, band, stretched)
    states = {shape["state"] for view in views for shape in view["shapes"]}
    return {
        "views": views,
        "title": title,
        "legend": legend,
        "large": large,
        "has_primary": "primary" in states,
        "has_secondary": "secondary" in states,
        "has_stretched": "stretched" in states,
    }
