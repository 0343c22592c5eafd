"""Files are judged by their content, cleaned of location data, and refused with a reason."""

import io

import pytest
from flask import Flask
from PIL import Image
from pypdf import PdfReader

from portal.uploads.service import UploadRejected, clean
from tests import files


@pytest.fixture(autouse=True)
def _request_context() -> object:
    # Messages are translated, so they need a request to know the language.
    app = Flask(__name__)
    from flask_babel import Babel

    Babel(app)
    with app.test_request_context():
        yield


@pytest.mark.parametrize("fmt", ["JPEG", "HEIF"])
def test_photos_lose_their_location_and_are_downscaled(fmt: str) -> None:
    original = files.photo_with_location(fmt)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    cleaned = clean(original)
    assert cleaned.media_type == "image/jpeg"
    image = Image.open(io.BytesIO(cleaned.content))
    assert max(image.size) == 2000
    assert not image.getexif().get_ifd(0x8825)
    assert 0x010F not in image.getexif()


def test_png_becomes_jpeg() -> None:
    assert clean(files.png()).media_type == "image/jpeg"


def test_a_pdf_keeps_only_its_pages() -> None:
    """JavaScript run on opening, an attached program and data after the end are left out."""
    content = files.pdf_with_extras()
    cleaned = clean(content)
    assert cleaned.media_type == "application/pdf"
    assert len(PdfReader(io.BytesIO(cleaned.content)).pages) == 1
    for extra in (b"/JavaScript", b"/OpenAction", b"/EmbeddedFile", b"run.exe", b"<script>"):
        assert extra not in cleaned.content
    assert cleaned.content.rstrip().endswith(b"%%EOF")


def test_a_decompression_bomb_is_refused_before_it_is_decoded() -> None:
    with pytest.raises(UploadRejected, match="超过 5000 万像素"):
        clean(files.decompression_bomb_png())


def test_a_photo_just_past_the_pixel_budget_is_refused_too() -> None:
    """Past the budget but under twice it, Pillow only warns: that warning refuses it too."""
    with pytest.raises(UploadRejected, match="超过 5000 万像素"):
        clean(files.decompression_bomb_png(side=7500))


def test_an_empty_file_says_it_is_empty() -> None:
    with pytest.raises(UploadRejected, match="这个文件是空的"):
        clean(b"", "照片.jpg")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (files.pdf(password="secret"), "有密码保护"),
        (files.broken_pdf(), "PDF 文件打不开"),
        (files.disguised_program(), "只能上传照片"),
        (files.oversized_jpeg(), "不能超过 10MB"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "照片打不开"),
        (b"", "请选择一个文件"),
    ],
    ids=["encrypted-pdf", "broken-pdf", "disguised", "oversized", "broken-jpeg", "empty"],
)
def test_unusable_files_are_refused_with_a_specific_reason(content: bytes, message: str) -> None:
    with pytest.raises(UploadRejected, match=message):
        clean(content)
