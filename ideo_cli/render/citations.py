"""A citation as one line of text, in the user's language (for every renderer)."""
from __future__ import annotations

from ideo_cli.diagnostics import Citation
from ideo_cli.i18n import t


def format_citation(citation: Citation | None, lang: str) -> str:
    """``002《XX镇…实施方案》二(一)4 “党组织每年至少两次…”`` (parts left out when empty).

    The quote stays verbatim Chinese in either language; only the document
    title is translated (it is LocalText from documents.yaml).
    """
    if citation is None:
        return ""
    head = citation.document.strip()
    title = t(citation.title, lang)
    if title:
        head += f"《{title}》" if lang == "zh" else f" ({title})"
    if citation.section:
        sep = "" if (title and lang == "zh") or not head else " "
        head += sep + citation.section
    if citation.quote:
        quote = citation.quote.strip()
        quoted = quote if quote.startswith("“") and quote.endswith("”") else f"“{quote}”"  # a quote already in quotes is not quoted twice
        head += (" " if head else "") + quoted
    return head
