"""Images: only real, reasonably sized raster files get in; renditions; alt text and credit."""

import struct
import zlib

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.images import Image, validate_image_file
from core.roles import EDITORS

from .factories import image_bytes, image_upload, make_exercise, make_image, make_muscle


def png_header_only(width, height):
    """A few hundred bytes that claim to be a huge PNG: the shape of a decompression bomb."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


class TestValidation:
    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("notes.jpg", b"These are my training notes, not a photo.\n" * 20, "not an image we can read"),
            ("drawing.png", SVG_WITH_SCRIPT, "not an image we can read"),
            ("huge.png", png_header_only(7000, 300), "7000 × 300 pixels"),
            ("bomb.png", png_header_only(50_000, 50_000), "not an image we can read"),
            ("anim.png", image_bytes(40, 40, "GIF"), "GIF image; upload a JPEG, PNG or WebP"),
        ],
    )
    def test_bad_files_are_refused_with_a_clear_message(self, name, content, message):
        with pytest.raises(ValidationError) as caught:
            validate_image_file(SimpleUploadedFile(name, content))
        assert message in " ".join(caught.value.messages)

    def test_too_many_bytes(self, settings):
        settings.IMAGE_MAX_UPLOAD_BYTES = 1000
        with pytest.raises(ValidationError, match="at most 1000"):
            validate_image_file(image_upload(width=400, height=400))

    @pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
    def test_real_images_pass(self, fmt):
        validate_image_file(image_upload(name=f"ok.{fmt.lower()}", width=300, height=200, fmt=fmt))


@pytest.mark.django_db
class TestAdminUpload:
    @pytest.fixture
    def editor(self, client):
        user = User.objects.create_user("writer", password="a-long-test-password", is_staff=True)
        user.groups.add(Group.objects.get(name=EDITORS))
        client.force_login(user)
        return client

    def post(self, client, upload, **fields):
        data = {
            "alt_text": "A seated cable row, mid pull",
            "author": "Sam Lee",
            "licence": "own",
            "caption": "",
            "source_url": "",
            "file": upload,
            **fields,
        }
        return client.post(reverse("admin:core_image_add"), data)

    def test_editor_uploads_an_image_and_renditions_are_made(self, editor, media):
        response = self.post(editor, image_upload(width=1200, height=800))
        assert response.status_code == 302, response.context["adminform"].form.errors
        image = Image.objects.get()
        assert (image.width, image.height) == (1200, 800)
        assert [(w, h) for _, w, h in image.sources()] == [(480, 320), (960, 640), (1200, 800)]
        for url, width, _ in image.sources()[:-1]:
            served = editor.get(url)
            assert served.status_code == 200 and served["Content-Type"] == "image/webp"
            assert image.rendition_name(width) in url
        assert (media / image.rendition_name(480)).is_file()

    @pytest.mark.parametrize(
        ("upload", "expected"),
        [
            (
                SimpleUploadedFile("notes.jpg", b"just text\n" * 50, content_type="image/jpeg"),
                "Upload a valid image",
            ),
            (
                SimpleUploadedFile("x.svg", SVG_WITH_SCRIPT, content_type="image/svg+xml"),
                "Upload a valid image",
            ),
            (SimpleUploadedFile("wide.png", png_header_only(9000, 10)), "9000 × 10 pixels"),
        ],
    )
    def test_bad_upload_keeps_what_was_typed(self, editor, media, upload, expected):
        response = self.post(editor, upload, caption="Kept caption")
        assert response.status_code == 200
        html = response.content.decode()
        assert expected in html
        assert 'value="A seated cable row, mid pull"' in html and 'value="Kept caption"' in html
        assert not Image.objects.exists()
        assert not media.exists() or not any(media.rglob("*.*"))

    def test_alt_text_and_credit_are_required(self, editor, media):
        response = self.post(editor, image_upload(), alt_text="", author="")
        errors = response.context["adminform"].form.errors
        assert "alt_text" in errors and "author" in errors
        response = self.post(editor, image_upload(), licence="cc-by")
        assert "licence requires a credit link" in response.content.decode()
        assert not Image.objects.exists()

    def test_editors_cannot_delete_images(self, editor, media):
        image = make_image()
        assert editor.get(reverse("admin:core_image_delete", args=[image.pk])).status_code == 403
        assert editor.get(reverse("admin:core_image_changelist")).status_code == 200


@pytest.mark.django_db
def test_database_refuses_an_image_without_alt_text(media):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Image.objects.create(file=image_upload(), alt_text="", author="Sam")


@pytest.mark.django_db
def test_small_image_has_no_renditions_larger_than_itself(media):
    image = make_image(width=600, height=300)
    assert [(w, h) for _, w, h in image.sources()] == [(480, 240), (600, 300)]
    assert image.display()[1:] == (600, 300)
    assert image.display()[0].endswith("-600w.webp")
    assert image.file.url not in image.srcset()  # the uploaded file itself is never linked (issue 21)


@pytest.mark.django_db
def test_uploaded_originals_lose_their_exif(media):
    """A phone photo's EXIF can hold where it was taken: the stored original keeps none."""
    import io

    from PIL import Image as Pillow

    from .factories import image_upload

    exif = Pillow.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}  # GPS latitude
    buffer = io.BytesIO()
    Pillow.new("RGB", (800, 600), (10, 20, 30)).save(buffer, "JPEG", exif=exif)
    upload = image_upload("phone.jpg")
    upload.file = io.BytesIO(buffer.getvalue())
    upload.size = len(buffer.getvalue())
    image = make_image(file=upload)
    with image.file.open("rb") as handle, Pillow.open(handle) as stored:
        assert stored.format == "JPEG" and not stored.getexif()


@pytest.mark.django_db
def test_exif_rotated_photo_gets_its_upright_size(media):
    import io

    from PIL import Image as Pillow

    buffer = io.BytesIO()
    exif = Pillow.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise when shown
    Pillow.new("RGB", (800, 500), (200, 10, 10)).save(buffer, "JPEG", exif=exif)
    image = make_image(file=SimpleUploadedFile("phone.jpg", buffer.getvalue()))
    assert (image.width, image.height) == (500, 800)


@pytest.mark.django_db
class TestOnPages:
    def test_exercise_page_shows_image_with_size_lazy_loading_and_credit(self, client, media):
        image = make_image(author="Ana Ruiz", licence="cc-by", source_url="https://example.org/row")
        exercise = make_exercise("One-arm row", slug="one-arm-row", primary=[make_muscle("Lats")])
        exercise.image = image
        exercise.save()
        html = client.get(exercise.get_absolute_url()).content.decode()
        assert 'width="960" height="640"' in html and 'loading="lazy"' in html
        assert f'alt="{image.alt_text}"' in html and "480w" in html and "1200w" in html
        assert '<a href="https://example.org/row" rel="nofollow noopener">Ana Ruiz</a>, CC BY 4.0' in html

    def test_muscle_page_shows_its_image(self, client, media):
        muscle = make_muscle("Rhomboids", slug="rhomboids", image=make_image(alt_text="Rhomboids drawn"))
        html = client.get(muscle.get_absolute_url()).content.decode()
        assert 'alt="Rhomboids drawn"' in html and "Image: Backsite, Our own work." in html

    def test_page_without_image_has_no_empty_figure(self, client):
        exercise = make_exercise("Plank", slug="plank", primary=[make_muscle("Core")])
        assert "lead-figure" not in client.get(exercise.get_absolute_url()).content.decode()

    def test_deleting_an_image_leaves_the_exercise(self, media):
        exercise = make_exercise("Row", slug="row", primary=[make_muscle("Lats")])
        exercise.image = make_image()
        exercise.save()
        exercise.image.delete()
        exercise.refresh_from_db()
        assert exercise.image is None


def test_media_is_not_served_outside_media_root(client, media):
    client.raise_request_exception = False
    for path in ["/media/../manage.py", "/media/%2e%2e/manage.py", "/media/..%2fbacksite/settings.py"]:
        response = client.get(path)
        assert response.status_code in (400, 404) and b"SECRET_KEY" not in response.content
