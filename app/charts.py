"""Charts shared by the pages: every bar labelled with its count, whole-number axes,
labels never cut, categories in document order."""

from __future__ import annotations

from app import warm

warm.wait_imports()  # the background loader imports these two at server start

import altair as alt  # noqa: E402
import pandas as pd  # noqa: E402

LABEL_LIMIT = 0  # no truncation of axis labels
BAND = 28  # pixels per bar
CELL = 24  # pixels per heat-map column


def bar_chart(frame: pd.DataFrame, category: str, value: str, color: str | None = None,
              order: list[str] | None = None, horizontal: bool = True,
              title_category: str | None = None, title_value: str = "条数 Clauses") -> alt.Chart:
    """Bars (stacked by ``color`` when given) with the total written at the end of each
    bar; the count axis in whole numbers; categories in ``order``."""
    totals = frame.groupby(category, as_index=False, sort=False)[value].sum()
    top = int(totals[value].max()) if len(totals) else 0
    domain = [0, max(1, top) * 1.15 + 0.5]  # room for the label after the longest bar
    count_axis = alt.Axis(format="d", tickMinStep=1, title=title_value)
    scale = alt.Scale(domain=domain, nice=False)
    sort = order or "-x" if horizontal else order or "-y"
    if horizontal:
        cat = alt.Y(f"{category}:N", sort=sort, title=title_category,
                    axis=alt.Axis(labelLimit=LABEL_LIMIT, labelOverlap=False))
        val = alt.X(f"sum({value}):Q", axis=count_axis, scale=scale)
        text_val = alt.X(f"{value}:Q", scale=scale)
        text_mark = alt.Chart(totals).mark_text(align="left", baseline="middle", dx=4,
                                                fontSize=12)
        text = text_mark.encode(y=alt.Y(f"{category}:N", sort=sort), x=text_val,
                                text=alt.Text(f"{value}:Q", format="d"))
    else:
        cat = alt.X(f"{category}:N", sort=sort, title=title_category,
                    axis=alt.Axis(labelLimit=LABEL_LIMIT, labelOverlap=False, labelAngle=0))
        val = alt.Y(f"sum({value}):Q", axis=count_axis, scale=scale)
        text_val = alt.Y(f"{value}:Q", scale=scale)
        text_mark = alt.Chart(totals).mark_text(align="center", baseline="bottom", dy=-3,
                                                fontSize=12)
        text = text_mark.encode(x=alt.X(f"{category}:N", sort=sort), y=text_val,
                                text=alt.Text(f"{value}:Q", format="d"))
    encoding = {"tooltip": list(frame.columns)}
    if color:
        encoding["color"] = alt.Color(f"{color}:N", legend=alt.Legend(orient="top", title=None))
    bars = alt.Chart(frame).mark_bar().encode(
        **({"y": cat, "x": val} if horizontal else {"x": cat, "y": val}), **encoding)
    chart = alt.layer(bars, text)
    # A fixed height squeezes the bands when Streamlit lays the chart out; a step per
    # band keeps every bar and its label readable however many there are.
    return chart.properties(height=alt.Step(BAND)) if horizontal else chart.properties(height=240)


def heat_map(frame: pd.DataFrame, columns: list[str], rows: list[str]) -> alt.Chart:
    """Units x sections: cells coloured and numbered, columns in document order."""
    base = alt.Chart(frame).encode(
        x=alt.X("column:N", sort=columns, title="部分 Section",
                axis=alt.Axis(labelAngle=-50, labelLimit=320, labelOverlap=False, orient="top")),
        y=alt.Y("unit:N", sort=rows, title="部门 Unit",
                axis=alt.Axis(labelLimit=LABEL_LIMIT, labelOverlap=False)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("clauses:Q", title="条数 Clauses", scale=alt.Scale(scheme="blues"),
                        legend=alt.Legend(format="d", tickMinStep=1, orient="bottom")),
        tooltip=[alt.Tooltip("unit:N", title="部门 Unit"),
                 alt.Tooltip("column:N", title="部分 Section"),
                 alt.Tooltip("clauses:Q", title="条数 Clauses", format="d")],
    )
    top = float(frame["clauses"].max()) if len(frame) else 1.0
    numbers = base.mark_text(fontSize=11).encode(
        text=alt.Text("clauses:Q", format="d"),
        color=alt.condition(alt.datum.clauses > top / 2, alt.value("white"), alt.value("#1f2937")),
    )
    # A step per cell: on a narrow screen the map keeps its cells readable and scrolls.
    return alt.layer(cells, numbers).properties(width=alt.Step(CELL), height=alt.Step(BAND - 4))
