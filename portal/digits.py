"""Digits as people type them. Chinese keyboards often give full-width digits (２０２６),
Arabic-script keyboards Arabic-Indic ones (٢٠٢٦ or ۲۰۲۶): all mean the same numbers."""

_ASCII = str.maketrans(
    "０１２３４５６７８９٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹ｘＸ－／．＋",
    "0123456789" * 3 + "xX-/.+",
)


def ascii_digits(text: str) -> str:
    """Every digit as 0–9 (and the full-width X, hyphen, slash, dot and plus as ASCII)."""
    return text.translate(_ASCII)
