"""Files are judged by their content, cleaned of location data, and refused with a reason."""

import io

import pytest
from flask import Flask
from PIL import Image

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


def test_pdf_is_kept_as_it_is() -> None:
    content = files.pdf()
    cleaned = clean(content)
    assert (cleaned.media_type, cleaned.content) == ("application/pdf", content)


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
