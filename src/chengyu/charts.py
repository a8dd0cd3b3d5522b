"""The book's charts: one Altair house style, and rendering that works offline.

Importing this module registers and enables the ``chengyu`` theme and renderer. Each chart is
displayed as an HTML ``<figure>`` holding

* a static SVG drawn by vl-convert, so the chart shows in JupyterLab, in a reader without
  JavaScript, and in the built book before (or without) the interactive version;
* the Vega-Lite spec as JSON, which the book's ``_static/chengyu-charts.js`` turns into the
  interactive chart with the vega bundle served from the book itself (never a CDN);
* a caption with the chart's source, given to :func:`finish`.

The output also carries ``image/svg+xml`` so that converters that cannot show HTML (PDF) still
get the chart.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import quote

import altair as alt
import pandas as pd
import vl_convert as vlc

from chengyu import data, labels, tables

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
#: The font vl-convert lays out the static SVG's text with: it knows no system-ui, so of FONT it
#: finds Noto Sans CJK SC (Debian's fonts-noto-cjk). The SVG names it first, so that a browser
#: showing the SVG as it is (JupyterLab, a reader without JavaScript) draws each text in the width
#: it was laid out for, rather than in its own system-ui, which can be wider and is then clipped.
MEASURED_FONT = "'Noto Sans CJK SC'"

# One colour per region throughout the book (Okabe-Ito, distinguishable with colour-blindness).
REGION_COLOURS = {
    "chengdu": "#0072B2",
    "chongqing": "#D55E00",
    "china": "#4D4D4D",
    "sichuan": "#009E73",
    "chengyu_circle": "#CC79A7",
}
#: Colours for the other regions a study shows (comparators, peers), given in order of appearance.
OTHER_COLOURS = ("#E69F00", "#56B4E9", "#000000", "#A6761D", "#882255", "#44AA99")
SECTOR_COLOURS = {"primary": "#009E73", "secondary": "#E69F00", "tertiary": "#56B4E9"}
#: How the years after the paper's window are marked in a chart: a light band behind the marks.
AFTER_PAPER = {"colour": "#BBBBBB", "opacity": 0.25, "label": "after the paper"}
SECTOR_LABELS = {
    "primary": "Primary 第一产业",
    "secondary": "Secondary 第二产业",
    "tertiary": "Tertiary 第三产业",
}

VEGALITE_VERSION = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[
    0
]  # "6.4", as vl-convert names it


@alt.theme.register("chengyu", enable=True)
def _house_style() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            # years are an ordinal axis: without a width, Vega-Lite gives each 20 px, and
            # four years' labels run into each other
            "view": {
                "continuousWidth": 520,
                "continuousHeight": 300,
                "discreteWidth": 520,
                "stroke": None,
            },
            "title": {
                "fontSize": 15,
                "anchor": "start",
                "subtitleFontSize": 12,
                "subtitleColor": "#555555",
                "offset": 12,
            },
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "titleFontWeight": "normal",
                "gridColor": "#E6E6E6",
                "domainColor": "#888888",
                "tickColor": "#888888",
            },
            "legend": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "orient": "bottom",
                "titleFontWeight": "normal",
                "labelLimit": 320,
                "columns": 4,
            },
            "header": {"labelFontSize": 13, "titleFontSize": 13},
            "line": {"strokeWidth": 2.5},
            "point": {"size": 50, "filled": True},
            "text": {"fontSize": 12},
        }
    }


def region_labels(
    regions: pd.DataFrame | None = None, lang: str = "en"
) -> dict[str, str]:
    """Display names by region id: in English, English then Chinese, e.g. ``"Chengdu 成都市"``;
    in Chinese (``lang="zh"``) the Chinese name alone, ``"成都市"``, and the nation ``"全国"``."""
    regions = data.load("regions") if regions is None else regions
    if lang == "zh":
        return tables.short_names(regions, "zh").to_dict()
    return {r.id: f"{r.name_en} {r.name_zh}" for r in regions.itertuples()}


def region_scale(ids: list[str], labels: dict[str, str] | None = None) -> alt.Scale:
    """A colour scale giving each region its house colour, for charts that show ``ids``.

    Regions without a house colour (a fork's comparators) take :data:`OTHER_COLOURS` in the
    order they appear in ``ids``; more than the palette holds is an error, not a repeat.
    """
    labels = labels or region_labels()
    others = iter(OTHER_COLOURS)
    colours = []
    for region in ids:
        colour = REGION_COLOURS.get(region) or next(others, None)
        if colour is None:
            raise ValueError(
                f"more regions than colours: {len(ids)} regions in one chart"
            )
        colours.append(colour)
    return alt.Scale(domain=[labels[i] for i in ids], range=colours)


def _after_filter(x: str, after) -> str:
    """A Vega expression true for the rows whose ``x`` is one of ``after``."""
    shaded = json.dumps([str(value) for value in after])
    return f"indexof({shaded}, '' + datum[{json.dumps(x)}]) >= 0"


def _after_label(frame: pd.DataFrame, x: str, after) -> alt.Chart:
    """The words "after the paper" at the top of the first category after the paper."""
    return (
        alt.Chart(frame)
        .transform_filter(_after_filter(x, after[:1]))
        .transform_aggregate(groupby=[x])
        .mark_text(
            text=AFTER_PAPER["label"],
            baseline="top",
            dy=2,
            fontSize=11,
            color="#555555",
        )
        .encode(x=alt.X(f"{x}:O"), y=alt.value(0))
    )


def _after_band(frame: pd.DataFrame, x: str, after) -> alt.Chart:
    """A light band behind the categories of ``x`` listed in ``after`` (years after the paper)."""
    return (
        alt.Chart(frame)
        .transform_filter(_after_filter(x, after))
        .transform_aggregate(groupby=[x])
        .transform_calculate(period=f"'{AFTER_PAPER['label']}'")
        .mark_rect(color=AFTER_PAPER["colour"], opacity=AFTER_PAPER["opacity"])
        .encode(
            x=alt.X(f"{x}:O"),
            tooltip=[
                alt.Tooltip(f"{x}:O", title=" "),
                alt.Tooltip("period:N", title=" "),
            ],
        )
    )


def _with_after(chart, frame: pd.DataFrame, x: str, after):
    """``chart`` with :func:`_after_band` behind it and its label on top, or unchanged when
    nothing comes after the paper."""
    if not len(after):
        return chart
    return alt.layer(
        _after_band(frame, x, after), chart, _after_label(frame, x, list(after))
    )


def sector_scale() -> alt.Scale:
    """The house colours of the three sectors, keyed by :data:`SECTOR_LABELS`."""
    return alt.Scale(
        domain=list(SECTOR_LABELS.values()), range=list(SECTOR_COLOURS.values())
    )


_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def finish(
    chart: alt.TopLevelMixin,
    title: str,
    source: str,
    *,
    name: str,
    description: str | None = None,
    subtitle: str | None = None,
) -> alt.TopLevelMixin:
    """Give a chart its title, its source note (shown under it), a name and a text description.

    ``source`` names the original publications, as the data page lists them; a note from
    :func:`source_note` naming several is shown folded to one line. ``name`` (lower
    case words joined by hyphens, e.g. ``"gdp-by-city"``) names the chart's data file, so that
    a link to it survives charts added above it. ``description`` is read by screen readers; it
    defaults to the title and the subtitle.
    """
    if not source.strip():
        raise ValueError("every chart needs a source note")
    if not _NAME.match(name):
        raise ValueError(
            f"chart name {name!r}: use lower-case words joined by hyphens, e.g. 'gdp-by-city'"
        )
    title_params = alt.TitleParams(title, subtitle=subtitle) if subtitle else title
    return chart.properties(
        title=title_params,
        description=description or ". ".join(filter(None, (title, subtitle))),
        usermeta={
            "chengyu": {
                "source": source,
                "source_zh": getattr(source, "zh", None) or labels.source_zh(source),
                "publications": getattr(source, "publications", 1),
                "name": name,
            }
        },
    )


class SourceNote(str):
    """A source note's text, which knows how many publications it names (``publications``)
    and its Chinese text (``zh``: the publishers in Chinese, the documents' titles as they are)."""

    publications: int
    zh: str


def source_note(sources: pd.DataFrame, ids: list[str] | set[str]) -> SourceNote:
    """A source note naming the publications with the given ids in ``sources.csv``, in order."""
    known = sources.set_index("id")
    missing = sorted(set(ids) - set(known.index))
    if missing:
        raise KeyError(f"unknown source id(s): {', '.join(missing)}")
    publishers: dict[str, list[str]] = {}
    for sid in sorted(set(ids)):
        row = known.loc[sid]
        publishers.setdefault(row["publisher"], []).append(row["document"])
    note = SourceNote(
        "; ".join(f"{pub}: {', '.join(docs)}" for pub, docs in publishers.items())
    )
    note.publications = len(set(ids))
    note.zh = "；".join(
        f"{labels.publisher_zh(pub)}：{'，'.join(docs)}"
        for pub, docs in publishers.items()
    )
    return note


def category_scale(names: list[str], first: str) -> alt.Scale:
    """A colour scale for groups that are not single regions (pairs of regions, say): ``first``
    in the colour of the economic circle, the book's subject, the others in :data:`OTHER_COLOURS`
    in the order of ``names``; more names than the palette holds is an error, not a repeat."""
    others = [name for name in names if name != first]
    if len(others) > len(OTHER_COLOURS):
        raise ValueError(f"more groups than colours: {len(names)} in one chart")
    return alt.Scale(
        domain=[first, *others],
        range=[REGION_COLOURS["chengyu_circle"], *OTHER_COLOURS[: len(others)]],
    )


def line(
    frame: pd.DataFrame,
    x: str,
    y: str,
    colour: str,
    *,
    scale: alt.Scale | None = None,
    y_title: str,
    x_title: str = "Year",
    y_format: str = ",.1f",
    zero: bool = False,
    after=(),
) -> alt.LayerChart:
    """Lines with points, one per ``colour`` group, and a tooltip per point.

    A missing value (NaN) in ``frame`` breaks the line: missing years stay visibly missing.
    The ``x`` values in ``after`` (years after the paper's window) are shaded.
    """
    base = alt.Chart(frame).encode(
        x=alt.X(f"{x}:O", title=x_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(
            f"{y}:Q",
            title=y_title,
            scale=alt.Scale(zero=zero),
            axis=alt.Axis(format=y_format),
        ),
        color=alt.Color(f"{colour}:N", title=None, scale=scale or alt.Undefined),
        tooltip=[
            alt.Tooltip(f"{colour}:N", title=" "),
            alt.Tooltip(f"{x}:O", title=x_title),
            alt.Tooltip(f"{y}:Q", title=y_title, format=y_format),
        ],
    )
    return _with_after(base.mark_line() + base.mark_point(), frame, x, after)


def bars(
    frame: pd.DataFrame,
    x: str,
    y: str,
    colour: str,
    *,
    scale: alt.Scale | None = None,
    y_title: str,
    x_title: str = "Year",
    y_format: str = ",.1f",
    stack: bool = False,
    after=(),
) -> alt.Chart:
    """Grouped (or, with ``stack=True``, stacked) bars with a tooltip per bar.

    The ``x`` values in ``after`` (years after the paper's window) are shaded.
    """
    encoding = dict(
        x=alt.X(f"{x}:O", title=x_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(
            f"{y}:Q",
            title=y_title,
            axis=alt.Axis(format=y_format),
            stack="zero" if stack else None,
        ),
        color=alt.Color(f"{colour}:N", title=None, scale=scale or alt.Undefined),
        tooltip=[
            alt.Tooltip(f"{colour}:N", title=" "),
            alt.Tooltip(f"{x}:O", title=x_title),
            alt.Tooltip(f"{y}:Q", title=y_title, format=y_format),
        ],
    )
    if not stack:
        encoding["xOffset"] = alt.XOffset(f"{colour}:N")
    return _with_after(alt.Chart(frame).mark_bar().encode(**encoding), frame, x, after)


def timeline(policies: pd.DataFrame) -> alt.Chart:
    """The strategy's dated milestones: one row per document, its date on a time axis.

    Rows are labelled with the (shortened) Chinese title; the tooltip gives the full Chinese
    and English titles and the issuer. Undated documents are left out (the table lists them).
    """
    dated = policies[policies["date"].notna()].copy()
    dated["when"] = pd.to_datetime(dated["date"], format="mixed")
    short = dated["title_zh"].str.len() > 18
    dated["label"] = dated["title_zh"].where(
        ~short, dated["title_zh"].str.slice(0, 17) + "…"
    )
    return (
        alt.Chart(dated)
        .mark_point(size=110, filled=True, color=REGION_COLOURS["chengyu_circle"])
        .encode(
            x=alt.X(
                "when:T",
                title=None,
                axis=alt.Axis(format="%Y", tickCount="year", labelAngle=0),
            ),
            y=alt.Y(
                "label:N",
                title=None,
                sort=alt.EncodingSortField("when"),
                axis=alt.Axis(labelLimit=260, domain=False, ticks=False),
            ),
            tooltip=[
                alt.Tooltip("date:N", title="Date"),
                alt.Tooltip("title_zh:N", title="标题"),
                alt.Tooltip("title_en:N", title="Title"),
                alt.Tooltip("issuer_en:N", title="Issuer"),
            ],
        )
        .properties(width=300)
    )


def hbars(
    frame: pd.DataFrame,
    label: str,
    x: str,
    colour: str,
    *,
    scale: alt.Scale | None = None,
    x_title: str,
    x_format: str = ",.1f",
    label_width: int = 300,
) -> alt.LayerChart:
    """Horizontal bars, one per row of ``frame`` in its order, each labelled with its value.

    For comparing a handful of named figures whose labels are too long for a category axis
    (e.g. several indices and sub-indices); ``colour`` groups them, e.g. by base year.
    """
    base = alt.Chart(frame).encode(
        y=alt.Y(
            f"{label}:N", title=None, sort=None, axis=alt.Axis(labelLimit=label_width)
        ),
        x=alt.X(f"{x}:Q", title=x_title, axis=alt.Axis(format=x_format)),
        color=alt.Color(f"{colour}:N", title=None, scale=scale or alt.Undefined),
        tooltip=[
            alt.Tooltip(f"{label}:N", title=" "),
            alt.Tooltip(f"{colour}:N", title=" "),
            alt.Tooltip(f"{x}:Q", title=x_title, format=x_format),
        ],
    )
    values = base.mark_text(align="left", dx=4).encode(
        text=alt.Text(f"{x}:Q", format=x_format), color=alt.value("#333333")
    )
    return (base.mark_bar() + values).properties(width=260)


def dots(
    frame: pd.DataFrame,
    label: str,
    x: str,
    colour: str,
    *,
    scale: alt.Scale | None = None,
    x_title: str,
    x_format: str = ".2f",
) -> alt.Chart:
    """A dot plot: one row per ``label`` (in the frame's order), its value on the x axis, and a
    tooltip per dot; for placing one item among others on a measure (with :func:`panels`, one
    panel per measure)."""
    return (
        alt.Chart(frame)
        .mark_point(filled=True, size=90)
        .encode(
            y=alt.Y(f"{label}:N", title=None, sort=None),
            x=alt.X(
                f"{x}:Q",
                title=x_title,
                scale=alt.Scale(zero=False),
                axis=alt.Axis(format=x_format),
            ),
            color=alt.Color(f"{colour}:N", title=None, scale=scale or alt.Undefined),
            tooltip=[
                alt.Tooltip(f"{label}:N", title=" "),
                alt.Tooltip(f"{x}:Q", title=x_title, format=x_format),
            ],
        )
    )


def panels(
    frame: pd.DataFrame,
    by: str,
    build,
    *,
    order: list[str] | None = None,
    width: int = 220,
    height: int | None = None,
    columns: int | None = None,
    shared_y: bool = True,
    **kwargs,
) -> alt.ConcatChart:
    """Small multiples: one panel per value of ``by``, each drawn by ``build``.

    ``build`` is a house builder such as :func:`line` or :func:`bars`, called on each panel's
    rows with ``**kwargs`` (``x=``, ``y=``, ``colour=``, ...). The panels stand side by side,
    or ``columns`` to a row (``columns=1`` stacks them, for long year axes). They share one
    legend and, unless ``shared_y=False`` (for quantities of very different size), one y scale,
    so that they compare at a glance. Each is titled with its value of ``by``, in ``order``
    (default: order of first appearance).
    """
    values = order or list(dict.fromkeys(frame[by]))
    size = {"width": width} if height is None else {"width": width, "height": height}
    subcharts = [
        build(frame[frame[by] == value], **kwargs).properties(
            title=alt.TitleParams(
                str(value), fontSize=13, anchor="middle", fontWeight="normal"
            ),
            **size,
        )
        for value in values
    ]
    return alt.concat(*subcharts, columns=columns or len(subcharts)).resolve_scale(
        y="shared" if shared_y else "independent"
    )


def composition(
    frame: pd.DataFrame,
    x: str,
    y: str,
    colour: str,
    *,
    scale: alt.Scale | None = None,
    y_title: str,
    x_title: str = "Year",
    after=(),
) -> alt.Chart:
    """Bars stacked to 100: the parts of a whole (e.g. sector shares in percent) for each ``x``.

    Unlike ``bars(stack=True)`` the axis is fixed at 0-100, so shares that sum to 100 up to
    rounding do not stretch it; the parts stack in the order of the colour scale's domain.
    The ``x`` values in ``after`` (years after the paper's window) are shaded.
    """
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"{x}:O", title=x_title, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                f"{y}:Q",
                title=y_title,
                stack="zero",
                scale=alt.Scale(domain=[0, 100], nice=False),
                axis=alt.Axis(format=".0f"),
            ),
            color=alt.Color(
                f"{colour}:N",
                title=None,
                scale=scale or alt.Undefined,
                sort=scale.domain if scale is not None else "ascending",
            ),
            order=alt.Order("stack_order:Q"),
            tooltip=[
                alt.Tooltip(f"{colour}:N", title=" "),
                alt.Tooltip(f"{x}:O", title=x_title),
                alt.Tooltip(f"{y}:Q", title=y_title, format=".1f"),
            ],
        )
        .transform_calculate(
            stack_order=f"indexof({json.dumps(list(scale.domain) if scale is not None else [])}, datum[{json.dumps(colour)}])"
        )
    )
    if not len(after):
        return bars
    # the bars fill the whole plot, so a band behind them would not show: fade them instead
    faded = bars.encode(
        opacity=alt.condition(_after_filter(x, after), alt.value(0.5), alt.value(1))
    )
    return alt.layer(faded, _after_label(frame, x, list(after)))


def line_with_reference(
    frame: pd.DataFrame, *, reference: float, **kwargs
) -> alt.LayerChart:
    """The house :func:`line` chart with a dashed horizontal line at ``reference``.

    For a quantity with a natural benchmark, e.g. a location quotient against the nation (1).
    ``kwargs`` go to :func:`line`; works as the ``build`` of :func:`panels`.
    """
    rule = (
        alt.Chart(frame)
        # hidden from screen readers, which read the chart's description (it names the line)
        .mark_rule(strokeDash=[4, 3], color="#888888", aria=False)
        .encode(y=alt.datum(reference))
    )
    return alt.layer(line(frame, **kwargs), rule)


# --- rendering -------------------------------------------------------------------------


_GEOMETRY = re.compile(
    r'(\s(?:d|transform|x|y|x1|x2|y1|y2|width|height|points)=")([^"]*)"'
)
_LONG_DECIMAL = re.compile(r"(\d+\.\d)\d+")


_FONT = re.compile(r' font-family="([^"]*)"')


@functools.cache
def _drawing_key() -> bytes:
    """What else than a spec decides a static SVG: vl-convert's version and the fonts it can
    find to measure text with (each font file's path and size)."""
    fonts = sorted(
        f"{path}:{path.stat().st_size}"
        for folder in FONT_FOLDERS
        if folder.is_dir()
        for path in folder.rglob("*")
        if path.suffix.lower() in (".ttf", ".otf", ".ttc", ".otc")
    )
    return "\n".join([vlc.__version__, VEGALITE_VERSION, *fonts]).encode()


#: where vl-convert finds fonts (Debian), for :func:`_drawing_key`
FONT_FOLDERS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".fonts",
)
#: static SVGs already drawn, by spec: every build of the same chart draws the same bytes, and
#: a build draws each chart twice (English and Chinese); kept beside the environment
SVG_CACHE = Path(sys.prefix) / "share" / "chengyu-book" / "svg"


def _svg(spec: dict) -> str:
    """The static SVG, made lighter without visible change (drawn once per spec and fonts,
    then read from :data:`SVG_CACHE`).

    Coordinates are cut to 0.1 px (only geometry attributes: numbers in the chart's text stay as
    drawn), and the house font stack, which vl-convert repeats on every text element, is set
    once on the root element, whence the text inherits it, after the font the text was measured
    with (``MEASURED_FONT``).
    """
    digest = hashlib.sha256(_drawing_key())
    digest.update(json.dumps(spec, sort_keys=True, ensure_ascii=False).encode())
    cached = SVG_CACHE / f"{digest.hexdigest()}.svg"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    svg = _drawn(spec)
    SVG_CACHE.mkdir(parents=True, exist_ok=True)
    partial = cached.with_name(f".{cached.name}.{os.getpid()}")
    partial.write_text(svg, encoding="utf-8")
    partial.replace(cached)  # whole or not at all, whichever kernel writes it
    return svg


def _drawn(spec: dict) -> str:
    svg = vlc.vegalite_to_svg(spec, vl_version=VEGALITE_VERSION)
    svg = _GEOMETRY.sub(
        lambda m: m.group(1) + _LONG_DECIMAL.sub(r"\1", m.group(2)) + '"', svg
    )
    fonts = _FONT.findall(svg)
    if fonts:
        common = max(set(fonts), key=fonts.count)
        svg = svg.replace(f' font-family="{common}"', "")
        svg = svg.replace("<svg ", f'<svg font-family="{MEASURED_FONT}, {common}" ', 1)
    return svg


def chart_data_csv(spec: dict, lang: str = "en") -> str:
    """The rows a chart draws, as CSV: every inline dataset, with a ``dataset`` column if several;
    in Chinese (``lang="zh"``) with the columns named by :data:`chengyu.labels.COLUMNS_ZH`."""
    datasets = dict(spec.get("datasets", {}))
    if isinstance(spec.get("data"), dict) and "values" in spec["data"]:
        datasets["data"] = spec["data"]["values"]
    frames = [
        pd.DataFrame(rows).assign(dataset=name) for name, rows in datasets.items()
    ]
    if not frames:
        raise ValueError("chart has no inline data to offer as CSV")
    table = pd.concat(frames, ignore_index=True)
    if len(frames) == 1:
        table = table.drop(columns="dataset")
    if lang == "zh":
        table = table.rename(columns=labels.column_zh)
    return table.to_csv(index=False)


#: the words around a chart, by language
_CAPTION = {
    "en": {
        "source": "Source: ",
        "sources": "Sources: {} publications",
        "data": "Data (CSV)",
    },
    "zh": {"source": "来源：", "sources": "来源：{}种出版物", "data": "数据（CSV）"},
}


def localised(spec: dict) -> dict:
    """The chart ``spec`` with its words in Chinese (:func:`chengyu.labels.zh`): titles,
    subtitles, the description, axis, legend and tooltip titles, text marks, the categories it
    shows (values of its nominal and ordinal fields, and scale domains) and the source note."""
    shown: set[str] = set()

    def fields(node) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("field"), str) and node.get("type") in (
                "nominal",
                "ordinal",
            ):
                shown.add(node["field"])
            for value in node.values():
                fields(value)
        elif isinstance(node, list):
            for value in node:
                fields(value)

    def words(node, key=None):
        if isinstance(node, dict):
            return {
                k: v if k in ("datasets", "data", "usermeta") else words(v, k)
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [words(v, key) for v in node]
        if isinstance(node, str):
            if key in ("title", "subtitle", "text", "domain"):
                return labels.zh(node)
            if key == "calculate" and re.fullmatch(r"'[^']*'", node):
                return f"'{labels.zh(node[1:-1])}'"
        return node

    fields(spec)
    result = words(spec)
    # read by screen readers: the Chinese title and subtitle
    title = result.get("title", "")
    if isinstance(title, dict):
        title = "。".join(filter(None, (title.get("text"), title.get("subtitle"))))
    if "description" in result:
        result["description"] = title or result["description"]

    def rows(values):
        return [
            {
                k: labels.zh(v)
                if k in shown and k not in labels.KEPT and isinstance(v, str)
                else v
                for k, v in row.items()
            }
            for row in values
        ]

    if "datasets" in spec:
        result["datasets"] = {
            name: rows(values) for name, values in spec["datasets"].items()
        }
    if isinstance(spec.get("data"), dict) and "values" in spec["data"]:
        result["data"] = {**spec["data"], "values": rows(spec["data"]["values"])}
    meta = dict(spec["usermeta"]["chengyu"])
    meta["source"] = meta.pop("source_zh")
    result["usermeta"] = {**spec["usermeta"], "chengyu": meta}
    return result


def _figure_html(spec: dict, svg: str, lang: str = "en") -> str:
    words = _CAPTION[lang]
    source = spec.get("usermeta", {}).get("chengyu", {}).get("source")
    if not source:
        raise ValueError(
            "chart has no source note: pass it through charts.finish(chart, title, source)"
        )
    # "</" would end the <script> element early; JSON allows the escaped form.
    spec_json = json.dumps(spec, ensure_ascii=False, separators=(",", ":")).replace(
        "</", "<\\/"
    )
    label = html.escape(spec.get("description", "chart"), quote=True)
    # the data travel inside the page, so the download needs no file beside it
    csv_link = "data:text/csv;charset=utf-8," + quote(chart_data_csv(spec, lang))
    filename = spec["usermeta"]["chengyu"]["name"]
    data_link = (
        f'<a class="chengyu-chart-data" download="{filename}.csv" '
        f'href="{html.escape(csv_link, quote=True)}">{words["data"]}</a>'
    )
    count = spec["usermeta"]["chengyu"]["publications"]
    # several publications: one line, which opens to the list (and opens for print)
    if count > 1:
        caption = (
            f'<span class="chengyu-chart-download">{data_link} · </span>'
            f'<details class="chengyu-chart-sources"><summary>{words["sources"].format(count)}'
            f"</summary>{html.escape(source)}</details>"
        )
    else:
        caption = (
            f"{words['source']}{html.escape(source)}"
            f'<span class="chengyu-chart-download"> · {data_link}</span>'
        )
    return (
        f'<figure class="chengyu-chart" role="group" aria-label="{label}">'
        f'<div class="chengyu-chart-static">{svg}</div>'
        f'<script type="application/json" class="chengyu-chart-spec">{spec_json}</script>'
        f'<figcaption class="chengyu-chart-source">{caption}</figcaption>'
        "</figure>"
        # upgrade the chart as soon as it is parsed, not after every deferred script of the page
        "<script>window.chengyuCharts && window.chengyuCharts.upgrade(document.currentScript.previousElementSibling)</script>"
    )


def _render(spec: dict, **_metadata) -> dict:
    """Altair renderer: a static SVG plus the spec for the interactive upgrade, in English and
    in Chinese (the book's page keeps its edition's; JupyterLab shows the English)."""
    svg = _svg(spec)
    english = _figure_html(spec, svg)  # first: it refuses a chart without a source note
    chinese = localised(spec)
    return {
        "text/html": labels.both(english, _figure_html(chinese, _svg(chinese), "zh")),
        "image/svg+xml": svg,
    }


alt.renderers.register("chengyu", _render)
alt.renderers.enable("chengyu")
