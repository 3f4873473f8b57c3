"""What a DataTable works out per line and per row, worked out once (a mixin for ViewTable).

DataTable asks for its own style (a walk up the DOM) once per line and builds its rows' and
header's component styles (new Styles objects, then the same walk) twice per row: a paint works
each out once instead (styles do not change while a paint runs). And a body line, drawn for a
row at a place in the table with a look (cursor, hover, widths, focus), is kept across refills:
DataTable empties its own line cache whenever rows are added, so a year shown again (`[` then
`]`) drew every line again; here a line is drawn again only when its row object, its place or
its look changed. Rows are one line high and the cursor is a row cursor (else: DataTable's way).
"""

from __future__ import annotations

from pcntui.tui.widgets.kept import Kept

LINES_KEPT = 512  # body lines kept (about ten screens)


class _Held:
    """Component styles with their Rich style worked out once (for one paint)."""

    def __init__(self, styles) -> None:
        self._styles = styles
        self.rich_style = styles.rich_style

    def __getattr__(self, name: str):
        return getattr(self._styles, name)


class PaintOnce:
    """For a DataTable subclass whose `shown` lists its rows in table order (before DataTable among its bases)."""

    _paint: dict | None = None  # what this paint worked out (None between paints)
    _lines_drawn: Kept | None = None

    def render_lines(self, crop):
        self._paint = {}
        try:
            return super().render_lines(crop)
        finally:
            self._paint = None

    @property
    def rich_style(self):
        held = self._paint
        if held is None:
            return super().rich_style
        if "" not in held:
            held[""] = super().rich_style
        return held[""]

    def get_component_styles(self, *names: str):
        held = self._paint
        if held is None:
            return super().get_component_styles(*names)
        if names not in held:
            held[names] = _Held(super().get_component_styles(*names))
        return held[names]

    def _render_line(self, y: int, x1: int, x2: int, base_style):
        held = self._paint
        row = None
        if held is not None and self.cursor_type == "row" and not self.fixed_columns and not self._labelled_row_exists:
            try:
                row_key, line = self._get_offsets(y)
            except LookupError:
                row_key, line = None, 0
            index = self._row_locations.get(row_key) if row_key is not self._header_row_key else None
            if index is not None and index < len(self.shown) and line == 0:
                row = self.shown[index]
        if row is None:
            return super()._render_line(y, x1, x2, base_style)
        if "columns" not in held:
            held["columns"] = (tuple((c.key, c.get_render_width(self)) for c in self.ordered_columns),
                               self.size.width, self.fixed_rows, self.show_cursor, self._show_hover_cursor,
                               self._pseudo_class_state, self.zebra_stripes)
        key = (id(row), index, x1, x2, base_style, self.cursor_coordinate.row == index, self.hover_coordinate.row == index,
               held["columns"])
        lines = self._lines_drawn
        if lines is None:
            lines = self._lines_drawn = Kept(LINES_KEPT)
        found = lines.found(key)
        if found is not None and found[0] is row:  # (the row held: an id is not reused while it lives)
            return found[1]
        return lines.keep(key, (row, super()._render_line(y, x1, x2, base_style)))[1]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self._lines_drawn is not None:
            self._lines_drawn.clear()  # a new look (theme, focus): drawn again
