"""Small server-rendered SVG charts (no JS, no CDN). Each chart is an accessible image: role="img"
with a <title> and a <desc> naming every value, so a screen reader gets the numbers; pages also
show the same numbers as a table. Pure functions: numbers in, markup out."""
from __future__ import annotations

import itertools
from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from bangkom.lib.angka import format_jp

_urut = itertools.count(1)

WARNA = ("#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#6c757d")


def _angka(nilai) -> str:
    return format_jp(nilai, sen=True)


def _kisi(puncak: Decimal, *, kiri: int, kanan: int, atas: int, tinggi_plot: int) -> list[str]:
    """Five horizontal grid lines, 0 to the top of the scale, each with its value on the left."""
    isi = []
    for i in range(5):
        v = puncak * i / 4
        y = atas + tinggi_plot - float(v / puncak) * tinggi_plot
        isi.append(f'<line x1="{kiri}" x2="{kanan}" y1="{y:.1f}" y2="{y:.1f}" stroke="#dee2e6"/>')
        isi.append(f'<text x="{kiri - 4}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#495057">'
                   f"{_angka(v)}</text>")
    return isi


def _bingkai(judul: str, deskripsi: str, lebar: int, tinggi: int, isi: list[str]) -> SafeString:
    n = next(_urut)
    return mark_safe(  # noqa: S308 — every text piece below is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi}" role="img" '
        f'aria-labelledby="g{n}-t g{n}-d" class="grafik" style="max-width:100%;height:auto">'
        f'<title id="g{n}-t">{escape(judul)}</title><desc id="g{n}-d">{escape(deskripsi)}</desc>'
        + "".join(isi)
        + "</svg>"
    )


def _skala_atas(maks: Decimal) -> Decimal:
    maks = Decimal(str(maks))
    if maks <= 0:
        return Decimal("1")
    for langkah in (1, 2, 4, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if maks <= langkah * 4:
            return Decimal(langkah * 4)
    return maks.quantize(Decimal("1"))


def batang(
    judul: str,
    label: Sequence[str],
    nilai: Sequence,
    *,
    satuan: str = "JP",
    lebar: int = 640,
    tinggi: int = 240,
    garis_acuan: Decimal | None = None,
    nama_acuan: str = "",
    maks: Decimal | None = None,
) -> SafeString:
    """Vertical bar chart; optional horizontal reference line (e.g. the target) and fixed top of
    the scale (e.g. 100 for percentages)."""
    nilai = [Decimal(str(v or 0)) for v in nilai]
    kiri, bawah, atas = 40, 30, 12
    tinggi_plot = tinggi - bawah - atas
    lebar_plot = lebar - kiri - 8
    puncak = Decimal(maks) if maks else _skala_atas(max([*nilai, garis_acuan or 0]))
    lebar_slot = lebar_plot / max(len(nilai), 1)
    isi = _kisi(puncak, kiri=kiri, kanan=lebar - 8, atas=atas, tinggi_plot=tinggi_plot)
    for i, (lbl, v) in enumerate(zip(label, nilai, strict=True)):
        h = float(v / puncak) * tinggi_plot
        x = kiri + i * lebar_slot + lebar_slot * 0.15
        y = atas + tinggi_plot - h
        isi.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{lebar_slot * 0.7:.1f}" height="{h:.1f}" fill="{WARNA[0]}">'
            f"<title>{escape(lbl)}: {_angka(v)} {escape(satuan)}</title></rect>"
        )
        if v:
            isi.append(f'<text x="{x + lebar_slot * 0.35:.1f}" y="{y - 3:.1f}" font-size="10" '
                       f'text-anchor="middle" fill="#212529">{_angka(v)}</text>')
        isi.append(f'<text x="{x + lebar_slot * 0.35:.1f}" y="{tinggi - bawah + 15}" font-size="11" '
                   f'text-anchor="middle" fill="#495057">{escape(lbl)}</text>')
    if garis_acuan is not None:
        y = atas + tinggi_plot - float(Decimal(str(garis_acuan)) / puncak) * tinggi_plot
        isi.append(f'<line x1="{kiri}" x2="{lebar - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="#dc3545" '
                   f'stroke-dasharray="6 4" stroke-width="2"/>')
        isi.append(f'<text x="{lebar - 10}" y="{y - 4:.1f}" font-size="11" text-anchor="end" fill="#dc3545">'
                   f"{escape(nama_acuan)} {_angka(garis_acuan)}</text>")
    deskripsi = "; ".join(f"{lbl}: {_angka(v)} {satuan}" for lbl, v in zip(label, nilai, strict=True))
    if garis_acuan is not None:
        deskripsi += f"; {nama_acuan} {_angka(garis_acuan)} {satuan}"
    return _bingkai(judul, deskripsi, lebar, tinggi, isi)


def garis(
    judul: str,
    label: Sequence[str],
    seri: Sequence[tuple[str, Sequence]],
    *,
    satuan: str = "JP",
    lebar: int = 640,
    tinggi: int = 260,
) -> SafeString:
    """Line chart of one or more series over the same labels (e.g. mean JP vs the pace line).
    A series value of None is not drawn (months still to come)."""
    kiri, bawah, atas = 40, 48, 12
    tinggi_plot = tinggi - bawah - atas
    lebar_plot = lebar - kiri - 16
    semua = [Decimal(str(v)) for _, vs in seri for v in vs if v is not None]
    puncak = _skala_atas(max(semua, default=Decimal("0")))
    langkah_x = lebar_plot / max(len(label) - 1, 1)
    isi = _kisi(puncak, kiri=kiri, kanan=lebar - 16, atas=atas, tinggi_plot=tinggi_plot)
    for i, lbl in enumerate(label):
        isi.append(f'<text x="{kiri + i * langkah_x:.1f}" y="{atas + tinggi_plot + 15}" font-size="11" '
                   f'text-anchor="middle" fill="#495057">{escape(lbl)}</text>')
    deskripsi = []
    for j, (nama, vs) in enumerate(seri):
        warna = WARNA[j % len(WARNA)]
        titik = [
            (kiri + i * langkah_x, atas + tinggi_plot - float(Decimal(str(v)) / puncak) * tinggi_plot)
            for i, v in enumerate(vs) if v is not None
        ]
        if titik:
            pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in titik)
            gaya = ' stroke-dasharray="6 4"' if j else ""
            isi.append(f'<polyline points="{pts}" fill="none" stroke="{warna}" stroke-width="2.5"{gaya}/>')
            isi.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{warna}"/>' for x, y in titik)
        ly = tinggi - 12
        lx = kiri + j * 220
        isi.append(f'<rect x="{lx}" y="{ly - 9}" width="14" height="4" fill="{warna}"/>'
                   f'<text x="{lx + 20}" y="{ly - 3}" font-size="12" fill="#212529">{escape(nama)}</text>')
        deskripsi.append(
            f"{nama}: " + ", ".join(f"{lbl} {_angka(v)}" for lbl, v in zip(label, vs, strict=True) if v is not None)
        )
    return _bingkai(judul, f"{'; '.join(deskripsi)} ({satuan})", lebar, tinggi, isi)
