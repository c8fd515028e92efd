"""Images editors upload once and attach to exercises, muscles, articles and programs.

An ``Image`` carries the alt text and the attribution (author, licence, source) with the file,
so every page that shows it credits it the same way. Uploads are checked with Pillow: only
real JPEG, PNG or WebP files, within a size and a dimension limit, get in. On save, smaller
WebP renditions are written beside the original; pages serve them through ``srcset`` with
width and height set, so the browser reserves the space and picks the smallest that fits.
"""

import io
import posixpath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import FileExtensionValidator
from django.db import models
from django.template.defaultfilters import filesizeformat
from PIL import Image as Pillow
from PIL import ImageOps, UnidentifiedImageError
from simple_history.models import HistoricalRecords

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
ALLOWED_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
RENDITION_WIDTHS = (480, 960, 1600)


def max_upload_bytes():
    return getattr(settings, "IMAGE_MAX_UPLOAD_BYTES", 8 * 1024 * 1024)


def max_side():
    return getattr(settings, "IMAGE_MAX_SIDE", 6000)


def validate_image_file(upload):
    """Refuse anything that is not a real, reasonably sized raster image.

    Checks the bytes, not the name: a text file renamed .jpg, an SVG (which can carry
    scripts), or a tiny file that claims to be 40,000 pixels wide are all turned away with a
    message that says what to do instead.
    """
    if upload.size > max_upload_bytes():
        raise ValidationError(
            "This file is %(size)s; images can be at most %(limit)s. Export it smaller and try again.",
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_upload_bytes())},
        )
    upload.seek(0)
    try:
        # open() reads only the header, so the dimensions are checked before any pixels are.
        with Pillow.open(upload) as probe:
            kind, (width, height) = probe.format, probe.size
            if kind not in ALLOWED_FORMATS:
                raise ValidationError(
                    "This is a %(kind)s image; upload a JPEG, PNG or WebP instead.",
                    code="format",
                    params={"kind": kind or "unknown"},
                )
            if max(width, height) > max_side():
                raise ValidationError(
                    "This image is %(width)s × %(height)s pixels; the longest side can be at most "
                    "%(limit)s. Resize it and try again.",
                    code="dimensions",
                    params={"width": width, "height": height, "limit": max_side()},
                )
            probe.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Pillow.DecompressionBombError) as exc:
        raise ValidationError(
            "This file is not an image we can read. Upload a JPEG, PNG or WebP photo or drawing.",
            code="invalid",
        ) from exc
    finally:
        upload.seek(0)


class Licence(models.TextChoices):
    OWN = "own", "Our own work"
    CC0 = "cc0", "CC0 (public domain dedication)"
    PUBLIC_DOMAIN = "pd", "Public domain"
    CC_BY = "cc-by", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa", "CC BY-SA 4.0"
    PERMISSION = "permission", "Used with permission"


class Image(models.Model):
    file = models.ImageField(
        upload_to="images/%Y/%m/",
        validators=[FileExtensionValidator(ALLOWED_EXTENSIONS), validate_image_file],
        help_text="A JPEG, PNG or WebP, at most 8 MB and 6,000 pixels on the longest side. "
        "Smaller copies for phones are made automatically.",
    )
    alt_text = models.CharField(
        max_length=250,
        help_text="What the image shows, for people who cannot see it "
        '(for example "A woman at the top of a seated cable row, elbows by her ribs").',
    )
    caption = models.CharField(max_length=250, blank=True, help_text="Optional line shown under it.")
    author = models.CharField(max_length=120, help_text="Who made it: a person or an organisation.")
    licence = models.CharField(max_length=20, choices=Licence, default=Licence.OWN)
    source_url = models.URLField(
        "source address", blank=True, help_text="Where the original came from, if it is not our own."
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(table_name="exercises_historicalimage")  # the table it began with

    class Meta:
        db_table = "exercises_image"  # the table it began with, in the exercises app
        ordering = ["-uploaded_at"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(alt_text=""), name="image_has_alt_text"),
            models.CheckConstraint(condition=~models.Q(author=""), name="image_has_author"),
        ]

    def __str__(self):
        return self.alt_text[:80]

    def save(self, *args, **kwargs):
        fresh = not self.pk or self._file_changed()
        super().save(*args, **kwargs)
        if fresh:
            self.make_renditions()

    def clean(self):
        if self.licence != Licence.OWN and not self.source_url:
            raise ValidationError(
                {"source_url": "Say where this image came from: its licence requires a credit link."}
            )

    def _file_changed(self):
        old = type(self).objects.filter(pk=self.pk).values_list("file", flat=True).first()
        return old != self.file.name

    # Renditions ---------------------------------------------------------------------------

    def rendition_name(self, width):
        stem = posixpath.splitext(self.file.name)[0]
        return f"renditions/{stem}-{width}w.webp"

    def rendition_widths(self):
        """Each standard width below the original's, and the original's own (at most the
        largest standard one): pages never link the uploaded file itself."""
        if not self.width:
            return []
        return sorted(
            {w for w in RENDITION_WIDTHS if w < self.width} | {min(self.width, RENDITION_WIDTHS[-1])}
        )

    def make_renditions(self):
        """Write the WebP copies, record the upright size, and rewrite the original without
        its metadata (EXIF can hold the place a phone photo was taken)."""
        storage = self.file.storage
        with self.file.open("rb") as handle, Pillow.open(handle) as original:
            kind = original.format
            upright = ImageOps.exif_transpose(original)
            upright.load()
        stripped = io.BytesIO()
        upright.save(stripped, kind, **({"quality": 95} if kind in ("JPEG", "WEBP") else {}))
        name = self.file.name
        storage.delete(name)
        storage.save(name, ContentFile(stripped.getvalue()))
        width, height = upright.size
        type(self).objects.filter(pk=self.pk).update(width=width, height=height)
        self.width, self.height = width, height
        if upright.mode not in ("RGB", "RGBA"):
            upright = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
        for target in self.rendition_widths():
            copy = upright.copy()
            copy.thumbnail((target, target * height // width + 1), Pillow.Resampling.LANCZOS)
            buffer = io.BytesIO()
            copy.save(buffer, "WEBP", quality=80, method=4)
            name = self.rendition_name(target)
            if storage.exists(name):
                storage.delete(name)
            storage.save(name, ContentFile(buffer.getvalue()))

    def sources(self):
        """(url, width, height) for each size the page may use, smallest first."""
        storage = self.file.storage
        return [
            (storage.url(self.rendition_name(w)), w, round(self.height * w / self.width))
            for w in self.rendition_widths()
        ]

    def srcset(self):
        return ", ".join(f"{url} {width}w" for url, width, _ in self.sources())

    def display(self, max_width=960):
        """The (url, width, height) a browser without srcset should get."""
        fitting = [s for s in self.sources() if s[1] <= max_width]
        return fitting[-1] if fitting else self.sources()[0]


def image_field(**kwargs):
    """The foreign key a content model uses to carry a lead image."""
    return models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Lead image, shown with its credit. Upload new ones under Images.",
        **kwargs,
    )
