from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def highlight(text, pattern):
    """Escape ``text``, then wrap the words ``pattern`` finds in <mark>."""
    escaped = escape(text or "")
    if pattern is None:
        return escaped
    return mark_safe(pattern.sub(r"<mark>\1</mark>", escaped))  # noqa: S308 (escaped above)
