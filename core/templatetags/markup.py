from django import template
from django.utils.safestring import mark_safe

from core.markup import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render editor Markdown; the output is sanitized, so it is safe to mark as such."""
    return mark_safe(render_markdown(text))  # noqa: S308 (sanitized by nh3)
