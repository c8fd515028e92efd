"""schema.org data (JSON-LD) for exercise pages: an exercise as a HowTo."""

from core.structured import PUBLISHER, citation, image_data
from core.templatetags.seo import absolute


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
