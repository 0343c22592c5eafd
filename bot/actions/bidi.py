"""Right-to-left chat text that never scrambles numbers, codes and Chinese titles.

In a Uyghur (right-to-left) message a run such as «(001:6(6))», a phone number with a dash,
a reference number «NX-2024-0001» or a Chinese document title would be reordered by the
bidirectional algorithm («.))6(001:6(»). Each such run is wrapped in FIRST STRONG ISOLATE
(U+2068) … POP DIRECTIONAL ISOLATE (U+2069), the plain-text twin of <bdi> (UYGHUR.md).

Left alone: the Uyghur ordinal forms «2027-يىلى», «15-ماددا» (a number joined to its Uyghur
suffix reads correctly), and web addresses, which stay whole on their own line so that
WeChat can still recognise them as links.
"""

from __future__ import annotations

import re

FSI = "\u2068"
PDI = "\u2069"

_URL = re.compile(r"https?://\S+")
_HAN = r"\u3400-\u9fff"
# a Chinese title, a Han run (a masked name such as 马*兰), or a Latin/digit code with
# inner separators (0951-1234567, NX-2024-0001, 001:6(6), 12393, 123 456)
_LTR_RUN = re.compile(
    r"《[^》]*》"
    rf"|[{_HAN}](?:[{_HAN}0-9*·（）()]*[{_HAN}])?"
    r"|(?<![A-Za-z0-9\-])[A-Za-z0-9]"
    r"(?:[A-Za-z0-9*]|[-/.:](?=[A-Za-z0-9])|\([A-Za-z0-9]+\)| (?=\d{3}\b))*"
    r"(?![A-Za-z0-9]|-[\u0600-\u06ff])"
)


def _isolate_plain(text: str) -> str:
    return _LTR_RUN.sub(lambda match: f"{FSI}{match.group(0)}{PDI}", text)


# kept as they are: web addresses, and runs isolated already (the portal's citations)
_KEEP = re.compile(rf"https?://\S+|{FSI}[^{PDI}]*{PDI}")


def isolate(text: str) -> str:
    """Wraps every left-to-right run of a Uyghur message in U+2068 … U+2069 (idempotent)."""
    parts: list[str] = []
    position = 0
    for kept in _KEEP.finditer(text):
        parts.append(_isolate_plain(text[position : kept.start()]))
        parts.append(kept.group(0))
        position = kept.end()
    parts.append(_isolate_plain(text[position:]))
    return "".join(parts)


def unisolated_runs(text: str) -> list[str]:
    """The left-to-right runs of a Uyghur text that are not isolated (for the tests)."""
    without_urls = _URL.sub(" ", text)
    inside = re.sub(f"{FSI}[^{PDI}]*{PDI}", " ", without_urls)
    return [match.group(0) for match in _LTR_RUN.finditer(inside)]
