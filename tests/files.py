"""Real files of every kind a person might upload, made on the fly."""

import io

from PIL import Image
from pillow_heif import register_heif_opener
from pypdf import PdfWriter

register_heif_opener()


def photo_with_location(fmt: str = "JPEG", size: tuple[int, int] = (3000, 2000)) -> bytes:
    """A photo whose EXIF says where it was taken (GPS IFD) and which camera took it."""
    image = Image.new("RGB", size, (200, 180, 150))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (39.0, 54.0, 15.0), 3: "E", 4: (116.0, 23.0, 30.0)}  # GPS
    output = io.BytesIO()
    image.save(output, format=fmt, exif=exif)
    return output.getvalue()


def png() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (400, 300), (255, 255, 255)).save(output, format="PNG")
    return output.getvalue()


def pdf(password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def broken_pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ngarbage without pages or xref\n"


def disguised_program() -> bytes:
    """What a '.jpg' that is really a Windows program starts with."""
    return b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 2000


def oversized_jpeg() -> bytes:
    return photo_with_location()[:4] + b"\x00" * (10 * 1024 * 1024 + 1)


def decompression_bomb_png(side: int = 12000) -> bytes:
    """A real PNG of side×side black pixels: a few hundred KB that decode to side² × 3 bytes
    (12000: 430 MB). Compressed row by row, so making it costs no such memory."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + 3 * side)  # filter byte, then RGB
    idat = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def pdf_with_extras() -> bytes:
    """A one-page PDF that runs JavaScript when opened, carries an attached program and has
    data after its end."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    from pypdf.actions import JavaScript

    writer.add_open_action(JavaScript("app.alert('hello');"))
    writer.add_attachment("run.exe", b"MZ not really a program")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue() + b"\n<script>trailing data after the end</script>\n"
