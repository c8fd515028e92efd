from django.contrib import admin
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from .images import Image


@admin.register(Image)
class ImageAdmin(SimpleHistoryAdmin):
    """The image library: each upload carries its alt text and credit wherever it is used."""

    list_display = ["thumbnail", "alt_text", "author", "licence", "dimensions", "uploaded_at"]
    list_display_links = ["thumbnail", "alt_text"]
    list_filter = ["licence"]
    search_fields = ["alt_text", "caption", "author", "file"]
    readonly_fields = ["preview", "dimensions"]
    fieldsets = [
        (None, {"fields": ["file", "preview", "dimensions", "alt_text", "caption"]}),
        (
            "Credit",
            {
                "fields": ["author", "licence", "source_url"],
                "description": "Shown under the image on every page that uses it.",
            },
        ),
    ]

    @admin.display(description="image")
    def thumbnail(self, image):
        url, width, height = image.sources()[0]
        return format_html(
            '<img src="{}" alt="" width="96" height="{}" loading="lazy">',
            url,
            round(96 * height / width) if width else 96,
        )

    @admin.display(description="preview")
    def preview(self, image):
        if not image.pk:
            return "Choose a file; the preview appears after saving."
        url, width, height = image.display(480)
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}">', url, image.alt_text, width, height
        )

    @admin.display(description="size in pixels")
    def dimensions(self, image):
        return f"{image.width} × {image.height}" if image.width else "–"
