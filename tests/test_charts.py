"""Charts: one house style, a source note on every chart, and output that works offline."""

from __future__ import annotations

import io
import json
import re
from urllib.parse import unquote

import altair as alt
import pandas as pd
import pytest

from chengyu import charts, labels


@pytest.fixture(autouse=True)
def any_label_has_chinese(monkeypatch):
    """These tests draw charts with made-up labels ("T", "a"): their Chinese edition takes each
    label as it is. That a real label needs its Chinese is tests/test_editions.py's business."""
    monkeypatch.setattr(labels, "zh", lambda text: text)
    monkeypatch.setattr(labels, "column_zh", lambda name: name)


FRAME = pd.DataFrame(
    {
        "year": [2020, 2021, 2022],
        "value": [1.0, float("nan"), 3.0],
        "who": ["a", "a", "a"],
    }
)


def rendered(chart) -> dict:
    return charts._render(chart.to_dict())


def finished_line(*, title="T", source="S", name="t", **options):
    """The house line chart of FRAME, finished with a title, a source note and a name."""
    return charts.finish(
        charts.line(FRAME, "year", "value", "who", y_title="Value"),
        title=title,
        source=source,
        name=name,
        **options,
    )


def test_house_theme_and_renderer_are_enabled_on_import():
    assert alt.theme.active == "chengyu"
    assert alt.renderers.active == "chengyu"
    assert (
        "Noto Sans CJK SC" in alt.Chart(FRAME).mark_point().to_dict()["config"]["font"]
    )


def test_chart_output_carries_static_svg_spec_and_source():
    chart = finished_line(source="Bureau: Bulletin 成都")
    bundle = rendered(chart)
    assert bundle["image/svg+xml"].lstrip().startswith("<svg")
    html = bundle["text/html"]
    assert html.startswith(
        '<!--chengyu-edition:en--><div class="chengyu-edition" lang="en"><figure class="chengyu-chart"'
    )
    assert (
        html.count('<figure class="chengyu-chart"') == 2
    )  # the English, and the Chinese
    assert "<svg" in html
    assert (
        '<figcaption class="chengyu-chart-source">Source: Bureau: Bulletin 成都'
        '<span class="chengyu-chart-download"> · <a class="chengyu-chart-data"' in html
    )
    spec = json.loads(
        re.search(
            r'<script type="application/json" class="chengyu-chart-spec">(.*?)</script>',
            html,
        ).group(1)
    )
    assert spec["usermeta"]["chengyu"]["source"] == "Bureau: Bulletin 成都"


def test_output_loads_nothing_from_another_host():
    chart = charts.finish(
        charts.bars(FRAME.fillna(0), "year", "value", "who", y_title="Value"),
        title="T",
        source="S",
        name="t",
    )
    html = rendered(chart)["text/html"]
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "<script src" not in html


def test_a_closing_script_tag_in_the_data_cannot_end_the_spec_early():
    frame = pd.DataFrame({"year": [2020], "value": [1.0], "who": ["</script><b>x"]})
    chart = charts.finish(
        charts.bars(frame, "year", "value", "who", y_title="Value"),
        title="T",
        source="S",
        name="t",
    )
    html = rendered(chart)["text/html"]
    spec_part = html.split('class="chengyu-chart-spec">', 1)[1]
    assert spec_part.index("</script>") > spec_part.index("<\\/script>")


def test_a_chart_without_a_source_note_is_refused():
    with pytest.raises(ValueError, match="no source note"):
        rendered(alt.Chart(FRAME).mark_point().encode(x="year:O", y="value:Q"))
    with pytest.raises(ValueError, match="needs a source"):
        charts.finish(alt.Chart(FRAME).mark_point(), title="T", source="  ", name="t")


def test_missing_values_break_the_line_instead_of_bridging_it():
    # Vega-Lite draws no segment to or from a null value: the gap stays visible
    spec = charts.line(FRAME, "year", "value", "who", y_title="Value").to_dict()
    values = next(iter(spec["datasets"].values()))
    assert values[1]["value"] is None


def test_regions_keep_their_colour_in_every_chart():
    labels = {"chengdu": "Chengdu 成都市", "chongqing": "Chongqing 重庆市"}
    scale = charts.region_scale(["chongqing", "chengdu"], labels).to_dict()
    assert scale == {
        "domain": ["Chongqing 重庆市", "Chengdu 成都市"],
        "range": [charts.REGION_COLOURS["chongqing"], charts.REGION_COLOURS["chengdu"]],
    }


def test_source_note_names_publisher_and_document():
    sources = pd.DataFrame(
        {
            "id": ["a", "b"],
            "publisher": ["NBS", "NBS"],
            "document": ["Bulletin 2020", "Bulletin 2021"],
        }
    )
    assert (
        charts.source_note(sources, {"b", "a"}) == "NBS: Bulletin 2020, Bulletin 2021"
    )
    with pytest.raises(KeyError, match="unknown source id"):
        charts.source_note(sources, {"c"})


def test_each_chart_offers_its_data_as_csv_inside_the_page():
    chart = finished_line(name="gdp-by-city", description="GDP by city")
    html = rendered(chart)["text/html"]
    link = re.search(
        r'<a class="chengyu-chart-data" download="gdp-by-city.csv" href="data:text/csv;charset=utf-8,([^"]+)"',
        html,
    )
    assert link, html[-400:]
    table = pd.read_csv(io.StringIO(unquote(link.group(1))))
    assert list(table.columns) == ["year", "value", "who"]
    assert table["year"].tolist() == [2020, 2021, 2022]
    assert table["value"].isna().tolist() == [
        False,
        True,
        False,
    ]  # the gap is a gap in the CSV too


def test_a_chart_name_must_be_a_file_name_of_words_and_hyphens():
    with pytest.raises(ValueError, match="lower-case words joined by hyphens"):
        charts.finish(
            alt.Chart(FRAME).mark_point(), title="T", source="S", name="GDP by city"
        )


def test_years_after_the_paper_are_shaded_behind_the_marks_and_nothing_is_added_otherwise():
    plain = charts.line(FRAME, "year", "value", "who", y_title="Value")
    shaded = charts.line(FRAME, "year", "value", "who", y_title="Value", after=[2022])
    assert (
        plain.to_dict()
        == charts.line(
            FRAME, "year", "value", "who", y_title="Value", after=()
        ).to_dict()
    )
    layers = shaded.to_dict()["layer"]
    assert (
        layers[0]["mark"]["type"] == "rect"
    )  # the band is drawn first, behind the lines
    assert "after the paper" in json.dumps(layers[0])


def test_regions_without_a_house_colour_take_the_other_colours_in_order():
    labels = {"chengdu": "Chengdu", "xian": "Xi'an 西安市", "beijing": "Beijing"}
    scale = charts.region_scale(["chengdu", "xian", "beijing"], labels).to_dict()
    assert scale["range"] == [
        charts.REGION_COLOURS["chengdu"],
        *charts.OTHER_COLOURS[:2],
    ]
    with pytest.raises(ValueError, match="more regions than colours"):
        many = [f"r{i}" for i in range(len(charts.OTHER_COLOURS) + 1)]
        charts.region_scale(many, {r: r for r in many})


def test_labels_with_apostrophes_and_chinese_survive_into_the_static_chart():
    frame = pd.DataFrame(
        {"year": [2020, 2021], "value": [1.0, 2.0], "who": ["Xi'an 西安市"] * 2}
    )
    chart = charts.finish(
        charts.line(frame, "year", "value", "who", y_title="V"),
        title="T",
        source="S",
        name="t",
    )
    svg = rendered(chart)["image/svg+xml"]
    assert "西安市" in svg and (
        "Xi'an" in svg or "Xi&apos;an" in svg or "Xi&#39;an" in svg
    )


def test_the_static_svg_names_first_the_font_its_text_was_measured_with():
    chart = charts.finish(
        charts.line(FRAME, "year", "value", "who", y_title="Value 第三产业"),
        title="A title long enough to be laid out Wide 研发投入强度",
        source="S",
        name="t",
    )
    svg = rendered(chart)["image/svg+xml"]
    assert svg.startswith(f'<svg font-family="{charts.MEASURED_FONT}, ')

    def laid_out(font: str) -> str:  # the SVG without its fonts: positions and sizes
        spec = chart.to_dict()
        spec["config"]["font"] = font
        return re.sub(r' font-family="[^"]*"', "", charts._svg(spec))

    # vl-convert draws the house stack with the measured font (fonts-noto-cjk installed)
    assert laid_out(charts.FONT) == laid_out(charts.MEASURED_FONT)


def test_a_chart_is_named_for_screen_readers_by_its_title_and_subtitle():
    chart = charts.finish(
        charts.line_with_reference(
            FRAME, reference=1, x="year", y="value", colour="who", y_title="LQ"
        ),
        title="Location quotients",
        subtitle="Dashed line: the national structure (LQ = 1)",
        source="S",
        name="location-quotients",
    )
    html = rendered(chart)["text/html"]
    assert (
        'aria-label="Location quotients. Dashed line: the national structure (LQ = 1)"'
        in html
    )
    # the dashed line itself is not announced as an unnamed graphic (axe: svg-img-alt)
    marks = re.findall(r'"mark": (\{[^{}]*\})', json.dumps(chart.to_dict()))
    rules = [json.loads(mark) for mark in marks if '"type": "rule"' in mark]
    assert [rule["aria"] for rule in rules] == [False]


def test_a_note_naming_several_publications_is_folded_to_one_line():
    sources = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "publisher": ["NBS", "NBS", "Chengdu bureau"],
            "document": ["Bulletin 2020", "Bulletin 2021", "Bulletin 2022"],
        }
    )
    note = charts.source_note(sources, {"a", "b", "c"})
    assert note.publications == 3
    html = rendered(finished_line(source=note))["text/html"]
    assert (
        '<details class="chengyu-chart-sources"><summary>Sources: 3 publications</summary>'
        "NBS: Bulletin 2020, Bulletin 2021; Chengdu bureau: Bulletin 2022</details>"
    ) in html
    assert 'download="t.csv"' in html  # the data link stays in view


def test_a_chart_over_a_few_years_is_wide_enough_for_their_labels():
    # Vega-Lite's default, 20 px a year, ran chapter 1's four years into each other
    svg = rendered(finished_line())["image/svg+xml"]
    years = [
        float(x)
        for x in re.findall(
            r'<text[^>]*transform="translate\(([\d.]+),[\d.]+\)"[^>]*>20(?:20|21|22)<',
            svg,
        )
    ]
    assert len(years) == 3
    assert min(b - a for a, b in zip(years, years[1:], strict=False)) > 100


def test_pairs_take_the_circles_colour_for_the_first_and_the_others_in_order():
    scale = charts.category_scale(["B–T", "C–C", "G–S"], first="C–C").to_dict()
    assert scale["domain"] == ["C–C", "B–T", "G–S"]
    assert scale["range"] == [
        charts.REGION_COLOURS["chengyu_circle"],
        *charts.OTHER_COLOURS[:2],
    ]
    with pytest.raises(ValueError, match="more groups than colours"):
        charts.category_scale([str(i) for i in range(9)], first="0")


def test_a_dot_plot_draws_one_dot_per_row_in_the_frames_order():
    frame = pd.DataFrame({"pair": ["b", "a"], "value": [0.9, 0.8]})
    spec = charts.dots(frame, "pair", "value", "pair", x_title="Value").to_dict()
    assert spec["mark"]["type"] == "point"
    assert spec["encoding"]["y"]["sort"] is None  # the frame's order, not alphabetical
    assert spec["encoding"]["x"]["scale"] == {"zero": False}


def test_a_static_svg_is_drawn_once_per_spec_and_then_read_back(tmp_path, monkeypatch):
    monkeypatch.setattr(charts, "SVG_CACHE", tmp_path)
    drawn = []
    original = charts._drawn
    monkeypatch.setattr(
        charts, "_drawn", lambda spec: drawn.append(1) or original(spec)
    )
    spec = finished_line().to_dict()
    first, again = charts._svg(spec), charts._svg(spec)
    assert first == again and len(drawn) == 1 and len(list(tmp_path.glob("*.svg"))) == 1
    charts._svg(finished_line(title="Another title").to_dict())
    assert len(drawn) == 2 and len(list(tmp_path.glob("*.svg"))) == 2
