"""QR codes of certificate check addresses, drawn on the server as inline SVG: sharp at any
print size, no image file, nothing for the Content Security Policy to allow.

segno: pure Python with no dependencies (no Pillow), writes SVG itself, maintained and
tested against the QR standard (ISO/IEC 18004)."""

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str, title: str) -> SafeString:
    """An SVG QR code of ``data`` (error correction M: survives a crease or a smudge)."""
    code = segno.make(data, error="m")
    svg = code.svg_inline(scale=1, border=4, omitsize=True, title=title, svgclass="qr")
    return mark_safe(svg)  # noqa: S308 - segno's own markup; it escapes the title
