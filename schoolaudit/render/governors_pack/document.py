"""The paper every part of the governors' pack is laid on: A4 portrait, one typeface,
the school and audit date on every page, and text that is always printed as written.

fpdf2 prints a string as it is given (no markup is read unless asked for), so a
school named `<b>` or `=1+1` prints just so. Two things still need care, and
`safe` does both: a character the bundled font has no glyph for is shown as
U+FFFD (never dropped silently, never a warning), and so is a control character;
fpdf2's page-count alias is made of control characters, so no text from a file
can hold it (`{nb}`, fpdf2's default alias, prints as `{nb}`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from importlib.resources import files
from typing import Any

from fpdf import FPDF
from fpdf.enums import Align, TableCellFillMode, VAlign, XPos, YPos
from fpdf.fonts import FontFace, TTFFont

FONT = "DejaVuCondensed"
FONT_FILES = {"": "DejaVuSansCondensed.ttf", "B": "DejaVuSansCondensed-Bold.ttf"}
BODY_PT = 10.0
TABLE_PT = 9.0  # the smallest size anywhere in the pack
MARGIN_MM = 15.0  # left and right: room for a hole punch and a thumb
TOP_MM = 12.0
FOOTER_MM = 8.0  # under the text: the running footer's line and a gap above it
PT_MM = 25.4 / 72
LINE = 1.18  # line height as a multiple of the font size
INK = (0, 0, 0)
GREY = (80, 80, 80)
HEADER_FILL = (31, 78, 121)
RULE = (170, 170, 170)
PAGE_ALIAS = "\x00\x01"  # control characters, which `safe` never lets through; fpdf2
# sizes an alias as that many digits, so two: a pack has fewer than 100 pages
REPLACEMENT = "\ufffd"
KEEP_WITH_NEXT_MM = 20.0  # a heading this near the foot of a page starts the next one


def rgb(hex_colour: str) -> tuple[int, int, int]:
    """`9C5700` as (156, 87, 0)."""
    return (int(hex_colour[0:2], 16), int(hex_colour[2:4], 16), int(hex_colour[4:6], 16))


def line_mm(points: float) -> float:
    """The height of one line of text at `points`, in millimetres."""
    return points * PT_MM * LINE


class PackDocument(FPDF):
    """An A4 page with the pack's font, margins and running footer."""

    def __init__(self, running: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        fonts = files("schoolaudit.render") / "fonts"
        for style, name in FONT_FILES.items():
            self.add_font(FONT, style, str(fonts / name))
        font = self.fonts[FONT.lower()]
        assert isinstance(font, TTFFont)  # added from a file just above
        self.covered = frozenset(font.cmap)
        self.set_margins(MARGIN_MM, TOP_MM, MARGIN_MM)
        self.set_auto_page_break(True, margin=TOP_MM + FOOTER_MM)
        self.running = self.safe(running)
        self.set_creator("schoolaudit")
        self.alias_nb_pages(PAGE_ALIAS)
        self.set_text_color(*INK)

    # --- text -------------------------------------------------------------------------------

    def safe(self, text: str) -> str:
        """`text` as the page will show it: every character printable, nothing interpreted."""
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
        return "".join(
            c
            if c == "\n" or (ord(c) in self.covered and unicodedata.category(c) != "Cc")
            else REPLACEMENT
            for c in text
        )

    def fitted(self, text: str, width: float) -> str:
        """`text` (already safe) cut with `…` to fit `width` mm in the current font."""
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + "…") > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def style(
        self, points: float = BODY_PT, *, bold: bool = False, colour: Sequence[int] = INK
    ) -> None:
        self.set_font(FONT, "B" if bold else "", points)
        self.set_text_color(*colour)

    def paragraph(
        self,
        text: str,
        points: float = BODY_PT,
        *,
        bold: bool = False,
        colour: Sequence[int] = INK,
        indent: float = 0.0,
        after: float = 1.5,
    ) -> None:
        """Wrapped text across the page (less `indent`), then a little space."""
        self.style(points, bold=bold, colour=colour)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.epw - indent,
            line_mm(points),
            self.safe(text),
            align=Align.L,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.ln(after)

    def heading(self, text: str, points: float = 14.0, *, before: float = 3.0) -> None:
        """A part's heading, kept with at least a few lines of what follows it."""
        if self.get_y() + KEEP_WITH_NEXT_MM > self.page_break_trigger:
            self.add_page()
        elif self.get_y() > self.t_margin + 1:
            self.ln(before)
        self.paragraph(text, points, bold=True, after=1.0)

    def bullet(self, text: str, points: float = BODY_PT, *, mark: str = "•") -> None:
        """A line of a list: the mark in the margin, the text wrapped beside it."""
        self.style(points)
        y = self.get_y()
        if y + line_mm(points) > self.page_break_trigger:
            self.add_page()
            y = self.get_y()
        self.set_xy(self.l_margin, y)
        self.cell(5, line_mm(points), mark)
        self.paragraph(text, points, indent=5, after=0.8)

    def two_columns(self, entries: Sequence[tuple[str, str]], points: float = TABLE_PT) -> None:
        """Short entries in two balanced columns, each a bold lead and plain words after it.

        For lists whose entries are a line or two (the low priorities, the terms, the
        sources, what did not apply): in two columns they take half the height, with no
        ragged half-empty right side.
        """
        if self.get_y() + 2 * line_mm(points) > self.page_break_trigger:
            self.add_page()
        self.set_text_color(*INK)
        with self.text_columns(ncols=2, gutter=6, balance=True, line_height=LINE) as columns:
            for lead, rest in entries:
                with columns.paragraph(bottom_margin=0.6) as entry:
                    self.set_font(FONT, "B", points)
                    entry.write(self.safe(lead))
                    self.set_font(FONT, "", points)
                    entry.write(self.safe(rest))
        self.set_x(self.l_margin)
        self.ln(1.5)

    # --- tables -----------------------------------------------------------------------------

    def table_of(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str | tuple[str, FontFace]]],
        widths: Sequence[float],
        *,
        min_row_mm: float | None = None,
    ) -> None:
        """A table at `TABLE_PT` across the page, header repeated on every page it spans.

        A cell is text, or (text, FontFace) for a coloured one such as a rating.
        """
        self.style(TABLE_PT)
        heads = FontFace(
            family=FONT, emphasis="BOLD", color=(255, 255, 255), fill_color=HEADER_FILL
        )
        options: dict[str, Any] = {"min_row_height": min_row_mm} if min_row_mm else {}
        self.set_draw_color(*RULE)
        self.set_fill_color(255, 255, 255)  # a chart's last colour must not fill the cells
        with self.table(
            width=self.epw,
            col_widths=tuple(widths),
            text_align=Align.L,
            v_align=VAlign.T,
            line_height=line_mm(TABLE_PT),
            padding=(0.5, 0.9),
            headings_style=heads,
            cell_fill_mode=TableCellFillMode.NONE,
            repeat_headings=1,
            **options,
        ) as table:
            table.row([self.safe(h) for h in headers])
            for cells in rows:
                row = table.row()
                for cell in cells:
                    if isinstance(cell, tuple):
                        row.cell(self.safe(cell[0]), style=cell[1])
                    else:
                        row.cell(self.safe(cell))
        self.ln(2)

    # --- every page -------------------------------------------------------------------------

    def footer(self) -> None:
        """The school, the audit date and `page N of M`, so a loose page is never lost."""
        self.set_y(-TOP_MM - 2)
        self.style(TABLE_PT, colour=GREY)
        number = f"page {self.page_no()} of {PAGE_ALIAS}"
        right = self.get_string_width(f"page {self.page_no()} of 000") + 2
        self.cell(
            self.epw - right, line_mm(TABLE_PT), self.fitted(self.running, self.epw - right - 4)
        )
        self.cell(right, line_mm(TABLE_PT), number, align=Align.R)
