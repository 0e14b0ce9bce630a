"""Charts: axes that hold every value, breaks explained, share images and Open Graph."""

import io
import re

import pytest
from django.utils import formats, translation
from PIL import Image

from campaigns import selectors
from campaigns.cache import bump_generation
from campaigns.demo import seed as demo
from campaigns.public import chart_labels, chart_share, charts
from campaigns.public import datasets as tables

MAX_PNG_BYTES = 300 * 1024


@pytest.fixture
def site(reference, seed_once):
    # 2021–2025: the poverty standard changes in 2022.
    seed_once(demo.demo_data_seed, seed=2024, years=range(2021, 2026))
    bump_generation()


def every_table():
    """One table per chart the pages draw, as the pages build them."""
    ward = selectors.ward_detail(slug="phuong-bac-kan")[0]
    built = []
    for slug, spec in charts.SPECS.items():
        dataset = tables.DATASETS[slug]
        params = {}
        if tables.YEAR in dataset.required:
            params["year"] = 2025
        if tables.GOAL in dataset.params:
            params["goal"] = 1
        built.append(tables.build(slug, **params))
        if tables.WARD in dataset.params and not spec.paged:
            built.append(tables.build(slug, **params, ward=ward))
    return built


@pytest.mark.usefixtures("site")
def test_every_axis_holds_every_value_of_its_chart():
    with translation.override("vi"):
        for table in every_table():
            spec = charts.SPECS[table.dataset.slug]
            plan = charts.plan_of(table, spec)
            values = [v for s in plan.series for v in s.values if v is not None]
            assert values, table.dataset.slug
            if spec.stacked:
                values += [
                    sum(s.values[i] or 0 for s in plan.series)
                    for i in range(len(plan.labels))
                ]
            for variant in (*charts.VARIANTS, charts.SHARE):
                layout = chart_labels.layout(plan, spec, variant)
                assert layout.ticks[0] <= min(values), table.dataset.slug
                assert layout.ticks[-1] >= max(values), table.dataset.slug


@pytest.mark.usefixtures("site")
def test_every_chart_is_drawn_twice_with_readable_text(client):
    html = client.get("/quy-vi-nguoi-ngheo/").content.decode()
    for name in ("narrow", "wide"):
        assert f'class="pygal-chart chart-{name}"' in html
    # No text smaller than the variant's size, and pygal's own style and script gone.
    sizes = {float(s) for s in re.findall(r'font-size="([0-9.]+)"', html)}
    assert sizes and min(sizes) >= min(v.font for v in charts.VARIANTS)
    assert "<script" not in html and "<style" not in html
    # Compact money ticks, the unit named, the latest value labelled.
    assert "150\u00a0tr" in html or "200\u00a0tr" in html
    assert "Đơn vị: đồng" in html
    assert "2025: " in html


@pytest.mark.usefixtures("site")
def test_goal_1_breaks_where_the_poverty_standard_changes(client):
    html = client.get("/muc-tieu/1/").content.decode()
    by_year = html[html.index('id="chart-muc-tieu-theo-nam-narrow"') :]
    assert 'class="break"' in by_year[: by_year.index("</svg>")]
    assert "Năm 2022 chuẩn nghèo thay đổi" in html
    # A goal not measured by the poverty standard has no break.
    html = client.get("/muc-tieu/4/").content.decode()
    assert 'class="break"' not in html


@pytest.mark.usefixtures("site")
def test_share_png_opens_is_small_and_its_svg_has_the_source_line(client):
    for slug, query in [
        ("quy-theo-nam", ""),
        ("ty-le-ho-ngheo", "?don-vi=phuong-bac-kan"),
        ("quy-theo-don-vi", "?nam=2025"),
        ("muc-tieu-theo-nam", "?muc-tieu=1"),
    ]:
        png = client.get(f"/bieu-do/{slug}.png{query}")
        assert png.status_code == 200, slug
        assert png["Content-Type"] == "image/png"
        assert len(png.content) < MAX_PNG_BYTES, slug
        image = Image.open(io.BytesIO(png.content))
        image.load()
        assert image.format == "PNG" and image.size[0] == 1080, slug
        svg = client.get(f"/bieu-do/{slug}.svg{query}").content.decode()
        moment = selectors.last_approved_at(topic=charts.SPECS[slug].topic)
        date = formats.date_format(moment.date(), "d/m/Y")
        # The lines under the chart, wrapped to its width, read as one text.
        footer = " ".join(re.findall(r'class="chart-label source"[^>]*>([^<]*)<', svg))
        assert "Nguồn: Ủy ban MTTQ Việt Nam các phường, xã" in footer
        assert f"số liệu đã duyệt đến {date}" in footer
        assert footer.endswith("http://testserver/")
        assert "<title>" in svg


@pytest.mark.usefixtures("site")
def test_share_images_are_cached_like_pages(client):
    first = client.get("/bieu-do/nha-dai-doan-ket.png")
    second = client.get("/bieu-do/nha-dai-doan-ket.png")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert first.content == second.content
    assert second["Content-Type"] == "image/png"


@pytest.mark.parametrize(
    "path",
    [
        "/bieu-do/khong-co.png",
        "/bieu-do/nha-hao-tam.png",  # a table without a chart
        "/bieu-do/quy-theo-nam.png?khu-dan-cu=song-cau-to-mot",  # not read
        "/bieu-do/cong-trinh-theo-nam.svg?trang=2",
        "/bieu-do/ty-le-ho-ngheo.png?don-vi=khong-co",
    ],
)
def test_unknown_charts_and_parameters_are_404(client, reference, path):
    assert client.get(path).status_code == 404


def test_vietnamese_letters_are_drawn_in_the_png():
    def ink(text):
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="60">'
            f'<text x="10" y="40" font-size="30" font-family="sans-serif">{text}</text>'
            "</svg>"
        )
        image = Image.open(io.BytesIO(chart_share.png(svg))).convert("L")
        return image.point(lambda p: 255 if p < 128 else 0).getbbox()

    plain, accented = ink("e"), ink("ệ")
    assert plain is not None and accented is not None
    # The circumflex above and the dot below: taller than "e", no wider (no box).
    assert accented[1] < plain[1] and accented[3] > plain[3]
    assert accented[2] - accented[0] <= (plain[2] - plain[0]) + 2


@pytest.mark.usefixtures("site")
def test_every_page_has_open_graph_tags_with_its_chart(client):
    pages = {
        "/": "/bieu-do/ty-le-ho-ngheo.png",
        "/quy-vi-nguoi-ngheo/": "/bieu-do/quy-theo-nam.png",
        "/muc-tieu/1/": "/bieu-do/muc-tieu-theo-nam.png?",
        "/don-vi/phuong-bac-kan/": "/bieu-do/ty-le-ho-ngheo.png?don-vi=phuong-bac-kan",
        "/ngay-hoi/": "/bieu-do/ngay-hoi-theo-nam.png",
        "/gia-dinh-van-hoa/": "/bieu-do/gia-dinh-van-hoa-theo-nam.png",
        "/khen-thuong/": "/bieu-do/khen-thuong-theo-nam.png",
        "/du-lieu/": "/bieu-do/ty-le-ho-ngheo.png",  # no chart: the default image
    }
    for path, image in pages.items():
        html = client.get(path).content.decode()
        found = re.search(r'<meta property="og:image" content="([^"]+)"', html)
        assert found and found[1].startswith("http://testserver" + image), path
        assert f'<meta property="og:url" content="http://testserver{path}' in html
        assert '<meta property="og:title"' in html
        assert '<meta property="og:description"' in html
        assert client.get(found[1].replace("&amp;", "&")).status_code == 200


@pytest.mark.usefixtures("site")
def test_equal_figures_reuse_the_drawing_and_other_figures_redraw(monkeypatch):
    drawn = []
    draw = charts._draw
    monkeypatch.setattr(
        charts, "_draw", lambda *a, **k: drawn.append(a[2].name) or draw(*a, **k)
    )
    monkeypatch.setattr(charts, "_drawn", charts._Drawings())
    ward = selectors.ward_detail(slug="phuong-bac-kan")[0]
    with translation.override("vi"):
        first = charts.chart(tables.build("quy-theo-nam"))
        again = charts.chart(tables.build("quy-theo-nam"))
        assert drawn == ["narrow", "wide"]
        assert again.svg == first.svg
        other = charts.chart(tables.build("quy-theo-nam", ward=ward))
        titled = charts.chart(tables.build("quy-theo-nam"), title="Khác")
    assert len(drawn) == 6
    assert other.svg != first.svg
    assert "Khác" in titled.svg and "Khác" not in first.svg
    with translation.override("en"):
        english = charts.chart(tables.build("quy-theo-nam"))
    assert len(drawn) == 8 and english.svg != first.svg
