"""The colours every renderer gives a rating or a priority, so paper and screen agree.

Excel's own Good / Neutral / Bad pairs: a pale fill with dark ink, readable in
print and in grey. Colour is never the only signal: the word is always written.
"""

from __future__ import annotations

COLOURS = {
    "green": ("C6EFCE", "006100"),
    "amber": ("FFEB9C", "9C5700"),
    "red": ("FFC7CE", "9C0006"),
    "blue": ("DDEBF7", "1F4E79"),
}
"""Fill and ink (hex RGB) by colour name."""

PRIORITY_COLOUR = {"high": "red", "medium": "amber", "low": "blue"}
