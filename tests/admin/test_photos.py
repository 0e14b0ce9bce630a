"""Photos uploaded through the story admin: metadata removed from everything served,
oversized, malformed and pixel-bomb files refused in Vietnamese with nothing saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from campaigns import models
from campaigns.access.scope import WARD_STAFF

from .. import factories as f
from ..accounts import make_user

GPS_IFD = 0x8825
ORIENTATION = 0x0112
MAKE, MODEL = 0x010F, 0x0110


@pytest.fixture
def ward(reference):
    return f.WardFactory(name="Phường Ảnh", slug="phuong-anh")


@pytest.fixture
def staff_client(client, ward):
    client.force_login(make_user("ward-photos", WARD_STAFF, [ward]))
    return client


def gps_jpeg(size=(64, 48), orientation=None) -> bytes:
    """A phone-like JPEG: a GPS position, the device, and an orientation tag."""
    exif = Image.Exif()
    exif[MAKE], exif[MODEL] = "PhoneMaker", "Model X"
    if orientation:
        exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (22.0, 9.0, 0.0)  # Bắc Kạn
    gps[3], gps[4] = "E", (105.0, 50.0, 0.0)
    return f.jpeg_bytes(size=size, exif=exif)


def story_form(ward, upload, **extra):
    data = {
        "kind": "nguoi_tot",
        "title": "Bà Lan hiến đất làm đường",
        "slug": "",
        "summary": "Hiến 100 m² đất.",
        "body": "Đoạn một.\n\nĐoạn hai.",
        "ward": ward.pk,
        "residential_area": "",
        "year": 2025,
        "consent_given_by": "",
        "consent_recorded_at": "",
        "consent_note": "",
        "photos-TOTAL_FORMS": 1,
        "photos-INITIAL_FORMS": 0,
        "photos-MIN_NUM_FORMS": 0,
        "photos-MAX_NUM_FORMS": 1000,
        "photos-0-image": upload,
        "photos-0-alt_text": "Con đường mới mở rộng",
        "photos-0-caption": "",
        "photos-0-order": 0,
    }
    data.update(extra)
    return data


def add_story(client, ward, content: bytes, name="anh.jpg", **extra):
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    return client.post(
        reverse("admin:campaigns_story_add"), story_form(ward, upload, **extra)
    )


def served(client, url: str) -> Image.Image:
    response = client.get(url)
    assert response.status_code == 200, url
    assert "max-age=" in response["Cache-Control"]
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


def test_served_original_and_renditions_carry_no_exif(staff_client, ward):
    response = add_story(staff_client, ward, gps_jpeg(orientation=6))
    assert response.status_code == 302, response.content.decode()[:2000]
    photo = models.Photo.objects.get()
    assert photo.story.ward == ward and photo.ward == ward
    urls = [photo.image.url, photo.thumbnail.url, photo.page_width.url, photo.share.url]
    for url in urls:
        image = served(staff_client.__class__(), url)  # anonymous, as citizens
        exif = image.getexif()
        assert GPS_IFD not in exif, url
        assert MAKE not in exif and MODEL not in exif, url
        assert len(exif) == 0, (url, dict(exif))
    # The orientation tag went with the EXIF: it was applied to the pixels instead.
    original = served(staff_client, photo.image.url)
    assert original.size == (48, 64)
    assert (photo.width, photo.height) == (48, 64)
    assert served(staff_client, photo.share.url).size == (1200, 630)
    assert photo.image.name.startswith("photos/")
    assert "anh" not in photo.image.name.rsplit("/", 1)[-1]  # not the uploaded name


def test_the_gps_tags_really_were_in_the_upload():
    exif = Image.open(io.BytesIO(gps_jpeg())).getexif()
    assert exif.get_ifd(GPS_IFD)


def nothing_saved():
    return not models.Story.objects.exists() and not models.Photo.objects.exists()


def test_an_oversized_photo_is_refused_in_vietnamese(staff_client, ward, settings):
    settings.PHOTO_MAX_UPLOAD_BYTES = 1024 * 1024
    content = f.jpeg_bytes(size=(64, 48)) + b"\0" * (1024 * 1024)
    response = add_story(staff_client, ward, content)
    assert response.status_code == 200
    assert "Ảnh lớn hơn 1 MB" in response.content.decode()
    assert nothing_saved()


def test_a_malformed_image_is_refused_in_vietnamese(staff_client, ward):
    response = add_story(staff_client, ward, b"\xff\xd8\xff\xe0 not really a jpeg")
    assert response.status_code == 200
    assert "Tệp không phải là ảnh đọc được" in response.content.decode()
    assert nothing_saved()
    truncated = f.jpeg_bytes(size=(300, 200))[:400]
    response = add_story(staff_client, ward, truncated)
    assert "Tệp không phải là ảnh đọc được" in response.content.decode()
    assert nothing_saved()


@pytest.mark.parametrize("limit", [1000, 2000], ids=["error", "warning"])
def test_a_decompression_bomb_is_refused_in_vietnamese(
    staff_client, ward, monkeypatch, limit
):
    # 64 × 48 = 3,072 pixels: past twice 1,000 Pillow raises, past 2,000 it warns.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", limit)
    response = add_story(staff_client, ward, f.jpeg_bytes(size=(64, 48)))
    assert response.status_code == 200
    assert "quá nhiều điểm ảnh" in response.content.decode()
    assert nothing_saved()


def test_a_gif_is_refused_by_its_format(staff_client, ward):
    buffer = io.BytesIO()
    Image.new("P", (8, 8)).save(buffer, format="GIF")
    response = add_story(staff_client, ward, buffer.getvalue(), name="a.gif")
    assert "Không nhận ảnh định dạng GIF" in response.content.decode()
    assert nothing_saved()


def test_alt_text_is_required_in_the_form(staff_client, ward):
    response = add_story(
        staff_client, ward, f.jpeg_bytes(), **{"photos-0-alt_text": "  "}
    )
    assert response.status_code == 200
    assert nothing_saved()


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_kept_in_their_format(staff_client, ward, fmt):
    buffer = io.BytesIO()
    Image.new("RGBA", (40, 30), (0, 128, 0, 128)).save(buffer, format=fmt)
    response = add_story(staff_client, ward, buffer.getvalue(), name=f"a.{fmt}")
    assert response.status_code == 302
    photo = models.Photo.objects.get()
    image = served(staff_client, photo.image.url)
    assert image.format == fmt and image.mode == "RGBA"
    assert served(staff_client, photo.thumbnail.url).format == "JPEG"


def test_heic_from_phones_is_read_and_stored_as_jpeg(staff_client, ward):
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    try:
        Image.new("RGB", (64, 48), (10, 90, 160)).save(buffer, format="HEIF")
    except (KeyError, OSError, ValueError):
        pytest.skip("this libheif build cannot encode HEIF")
    response = add_story(staff_client, ward, buffer.getvalue(), name="IMG_0001.HEIC")
    assert response.status_code == 302, response.content.decode()[:2000]
    photo = models.Photo.objects.get()
    assert photo.image.name.endswith(".jpg")
    assert served(staff_client, photo.image.url).format == "JPEG"


def test_ward_staff_cannot_add_a_story_to_another_ward(staff_client, reference):
    other = f.WardFactory(name="Phường Khác")
    response = add_story(staff_client, other, f.jpeg_bytes())
    assert response.status_code == 200
    assert nothing_saved()


def test_media_outside_the_photo_folders_is_not_served(client, reference):
    assert client.get("/media/secret.txt").status_code == 404
    assert client.get("/media/photos/../x.jpg").status_code == 404
    assert client.get("/media/photos/2026/missing.jpg").status_code == 404
    assert client.get("/media/photos/2026/a.txt").status_code == 404


def test_the_story_admin_shows_its_photos(staff_client, ward):
    photo = f.PhotoFactory(story__ward=ward, story__status="draft")
    response = staff_client.get(
        reverse("admin:campaigns_story_change", args=[photo.story.pk])
    )
    assert response.status_code == 200
    assert photo.thumbnail.url in response.content.decode()
    response = staff_client.get(reverse("admin:campaigns_photo_changelist"))
    assert response.status_code == 200
