"""The SVG helper: accessible (title/desc with every value), escaped, proportional."""
from decimal import Decimal

from bangkom.dasbor import grafik


def test_bar_chart_names_every_value_and_escapes_text():
    svg = grafik.batang("JP <per> bulan", ["Jan", "Feb & Mar"], [Decimal("2"), Decimal("4.5")],
                        garis_acuan=Decimal("20"), nama_acuan="Target")
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<title id=" in svg and "JP &lt;per&gt; bulan" in svg
    assert "Jan: 2 JP; Feb &amp; Mar: 4,5 JP; Target 20 JP" in svg
    assert "<script" not in svg


def test_bars_are_proportional_to_the_scale():
    svg = grafik.batang("x", ["a", "b"], [25, 50], maks=Decimal(100), satuan="%", tinggi=242)
    # plot height = 242 - 30 - 12 = 200: 25% → 50, 50% → 100
    assert 'height="50.0"' in svg and 'height="100.0"' in svg


def test_line_chart_skips_months_not_started():
    svg = grafik.garis("tren", ["Jan", "Feb", "Mar"], [("Rata-rata", [1, 2, None]), ("Laju", [2, 4, 6])])
    assert "Rata-rata: Jan 1, Feb 2; Laju: Jan 2, Feb 4, Mar 6" in svg
    assert svg.count("<polyline") == 2
