"""`python -m bench plot FILE.json ... --output docs/img/skala.svg`: time against the number of
employees on log–log axes, one line per key, from committed result files. Plain SVG written by hand
(no plotting library in the project's dependencies); the key's time is its p95 when it has one,
else its seconds (per 100 sheets for the ZIP)."""
from __future__ import annotations

import json
import math
from pathlib import Path
from xml.sax.saxutils import escape

# key → field holding its time
MEDAN = {"sheets_zip_100": "seconds_per_100", "build": "seconds", "rebuild_all": "seconds",
         "compliance_xlsx": "seconds"}
WARNA = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
         "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354"]
LEBAR, TINGGI = 900, 600
KIRI, KANAN, ATAS, BAWAH = 70, 230, 40, 50


def titik(berkas: list[str]) -> dict[str, list[tuple[int, float]]]:
    """{key: [(employees, seconds), ...]} sorted by employees, from result files."""
    hasil: dict[str, dict[int, float]] = {}
    for b in berkas:
        data = json.loads(Path(b).read_text())
        n = data["meta"]["employees"]
        for kunci, nilai in data.items():
            if kunci == "meta" or not isinstance(nilai, dict):
                continue
            detik = nilai.get(MEDAN.get(kunci, "p95"), nilai.get("seconds"))
            if isinstance(detik, (int, float)) and detik > 0:
                hasil.setdefault(kunci, {})[n] = float(detik)
    return {k: sorted(v.items()) for k, v in sorted(hasil.items())}


def _skala(nilai: list[float], panjang: float, awal: float, balik: bool):
    lo, hi = math.floor(math.log10(min(nilai))), math.ceil(math.log10(max(nilai)))
    hi = max(hi, lo + 1)

    def ke(v: float) -> float:
        f = (math.log10(v) - lo) / (hi - lo)
        return awal + (panjang * (1 - f) if balik else panjang * f)

    return ke, lo, hi


def svg(data: dict[str, list[tuple[int, float]]], judul: str) -> str:
    semua_n = [n for d in data.values() for n, _ in d]
    semua_t = [t for d in data.values() for _, t in d]
    lebar, tinggi = LEBAR - KIRI - KANAN, TINGGI - ATAS - BAWAH
    x, xlo, xhi = _skala(semua_n, lebar, KIRI, balik=False)
    y, ylo, yhi = _skala(semua_t, tinggi, ATAS, balik=True)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{LEBAR}" height="{TINGGI}" '
           f'viewBox="0 0 {LEBAR} {TINGGI}" font-family="sans-serif" font-size="11">',
           f'<rect width="{LEBAR}" height="{TINGGI}" fill="white"/>',
           f'<text x="{KIRI}" y="22" font-size="14" font-weight="bold">{escape(judul)}</text>']
    for e in range(xlo, xhi + 1):
        px = x(10 ** e)
        out.append(f'<line x1="{px:.1f}" y1="{ATAS}" x2="{px:.1f}" y2="{ATAS + tinggi}" stroke="#ddd"/>')
        out.append(f'<text x="{px:.1f}" y="{ATAS + tinggi + 16}" text-anchor="middle">{10 ** e:,}</text>')
    for e in range(ylo, yhi + 1):
        py = y(10 ** e)
        out.append(f'<line x1="{KIRI}" y1="{py:.1f}" x2="{KIRI + lebar}" y2="{py:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{KIRI - 6}" y="{py + 4:.1f}" text-anchor="end">{10.0 ** e:g} s</text>')
    out.append(f'<text x="{KIRI + lebar / 2}" y="{TINGGI - 10}" text-anchor="middle">pegawai (N, skala log)</text>')
    out.append(f'<rect x="{KIRI}" y="{ATAS}" width="{lebar}" height="{tinggi}" fill="none" stroke="#333"/>')
    label_y: list[float] = []
    for i, (kunci, d) in enumerate(data.items()):
        warna = WARNA[i % len(WARNA)]
        jalur = " ".join(f"{x(n):.1f},{y(t):.1f}" for n, t in d)
        out.append(f'<polyline points="{jalur}" fill="none" stroke="{warna}" stroke-width="2"/>')
        out += [f'<circle cx="{x(n):.1f}" cy="{y(t):.1f}" r="3" fill="{warna}"/>' for n, t in d]
        # labels in the right margin, pushed apart so they never overlap
        ly = y(d[-1][1]) + 4
        while any(abs(ly - v) < 12 for v in label_y):
            ly += 12
        label_y.append(ly)
        out.append(f'<line x1="{x(d[-1][0]):.1f}" y1="{y(d[-1][1]):.1f}" x2="{KIRI + lebar + 6}" y2="{ly - 4:.1f}" '
                   f'stroke="{warna}" stroke-dasharray="2,2"/>')
        out.append(f'<text x="{KIRI + lebar + 8}" y="{ly:.1f}" fill="{warna}">{escape(kunci)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def tulis(berkas: list[str], keluaran: str, judul: str = "Waktu terhadap jumlah pegawai (PostgreSQL, 2 core)") -> None:
    Path(keluaran).parent.mkdir(parents=True, exist_ok=True)
    Path(keluaran).write_text(svg(titik(berkas), judul))
