"""Bar charts for reports (ReportLab graphics). Hidden counts get no bar, only their "< 3" / "x"."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm

from coachdesk.documents.fonts import SANS, register_fonts
from coachdesk.reports.suppression import Cell

PALETTE = (colors.HexColor("#2f6f8f"), colors.HexColor("#d08c3a"))


def _values(cells: Sequence[Cell]) -> tuple[list[int], list[str]]:
    return [c.value if c.shown else 0 for c in cells], [c.text for c in cells]


def _top(series: Sequence[Sequence[Cell]]) -> int:
    peak = max([c.value for cells in series for c in cells if c.shown] + [0])
    step = 5 if peak <= 25 else 10 if peak <= 60 else 50
    return max(step, -(-peak // step) * step)


def vertical_bars(
    categories: Sequence[str],
    series: Sequence[Sequence[Cell]],
    names: Sequence[str],
    width: float,
    height: float = 60 * mm,
) -> Drawing:
    """Grouped vertical bars, one group per category (e.g. month), with a legend."""
    register_fonts()
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 14 * mm
    chart.width, chart.height = width - 16 * mm, height - 24 * mm
    data = [_values(cells) for cells in series]
    chart.data = [values for values, _t in data]
    chart.barLabelArray = [texts for _v, texts in data]
    chart.barLabelFormat = "values"
    chart.barLabels.fontName = SANS
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 5
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _top(series)
    chart.valueAxis.valueStep = chart.valueAxis.valueMax // 5
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = list(categories)
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.dy = -3
    chart.groupSpacing = 6
    for index in range(len(series)):
        chart.bars[index].fillColor = PALETTE[index % len(PALETTE)]
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    if len(names) > 1:
        legend = Legend()
        legend.fontName = SANS
        legend.fontSize = 7
        legend.x, legend.y = 14 * mm, height - 3 * mm
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.deltax = 30 * mm
        legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], n) for i, n in enumerate(names)]
        drawing.add(legend)
    return drawing


def horizontal_bars(categories: Sequence[str], cells: Sequence[Cell], width: float) -> Drawing:
    """One bar per category, labels on the left (e.g. destinations, kinds of steps)."""
    register_fonts()
    row = 6 * mm
    label_width = 55 * mm
    height = row * len(categories) + 12 * mm
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 8 * mm
    chart.width, chart.height = width - label_width - 10 * mm, row * len(categories)
    values, texts = _values(cells)
    # The first category is drawn at the bottom: reverse so the chart reads like the table.
    chart.data = [list(reversed(values))]
    chart.barLabelArray = [list(reversed(texts))]
    chart.barLabelFormat = "values"
    chart.barLabels.fontName = SANS
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _top([cells])
    chart.valueAxis.valueStep = chart.valueAxis.valueMax // 5
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = list(reversed(categories))
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.bars[0].fillColor = PALETTE[0]
    chart.bars[0].strokeColor = None
    drawing.add(chart)
    return drawing
