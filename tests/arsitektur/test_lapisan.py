"""The house plan holds (docs/architecture.md "Layers"): a lower layer never imports a higher one, no two
apps import each other, and no project import hides inside a function to dodge a cycle (only an
`AppConfig.ready()` may import late: Django loads models after apps.py)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parents[2]

# Lower number = lower layer. An app may import its own layer and those below.
LAPISAN = {
    "bangkom.lib": 0,
    "bangkom.pegawai": 1,
    "bangkom.notifikasi": 2,
    "jp_conversion": 3,
    "bangkom.kompetensi": 4,
    "bangkom.sesi": 4,
    "coaching": 5,
    "mentoring": 5,
    "belajar_mandiri": 5,
    "bangkom.dokumen": 6,
    "bangkom.dasbor": 7,
    "bangkom.api": 8,
}


def _app(modul: str) -> str | None:
    """The app of a dotted module name, longest prefix first (bangkom.lib before bangkom)."""
    for app in sorted(LAPISAN, key=len, reverse=True):
        if modul == app or modul.startswith(app + "."):
            return app
    return None


def _modul_dari_berkas(berkas: Path) -> str:
    bagian = list(berkas.relative_to(AKAR).with_suffix("").parts)
    if bagian[-1] == "__init__":
        bagian.pop()
    return ".".join(bagian)


def _berkas_produk() -> list[Path]:
    hasil = []
    for app in LAPISAN:
        folder = AKAR / app.replace(".", "/")
        hasil += [p for p in folder.rglob("*.py") if "migrations" not in p.parts]
    return sorted(hasil)


def _impor(pohon: ast.AST, modul: str) -> list[tuple[str, ast.AST]]:
    """Every (imported module, node) of a file, relative imports resolved."""
    hasil = []
    paket = modul.rsplit(".", 1)[0] if not modul.endswith("__init__") else modul
    for node in ast.walk(pohon):
        if isinstance(node, ast.Import):
            hasil += [(a.name, node) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                dasar = paket.split(".")
                dasar = dasar[: len(dasar) - (node.level - 1)]
                nama = ".".join(dasar + ([node.module] if node.module else []))
            else:
                nama = node.module or ""
            hasil += [(f"{nama}.{a.name}" if not node.module or node.level else nama, node) for a in node.names]
    return hasil


def _dalam_fungsi(pohon: ast.AST) -> dict[ast.AST, str]:
    """Import nodes nested in a function, mapped to the function's name."""
    hasil = {}
    for fungsi in ast.walk(pohon):
        if isinstance(fungsi, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(fungsi):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    hasil[node] = fungsi.name
    return hasil


def _semua_impor_proyek():
    for berkas in _berkas_produk():
        modul = _modul_dari_berkas(berkas)
        pohon = ast.parse(berkas.read_text(), filename=str(berkas))
        dalam = _dalam_fungsi(pohon)
        for tujuan, node in _impor(pohon, modul):
            app_tujuan = _app(tujuan)
            if app_tujuan is not None:
                yield berkas, _app(modul), app_tujuan, node, dalam.get(node)


def test_lower_layers_never_import_higher_ones():
    salah = [
        f"{b.relative_to(AKAR)}:{node.lineno} ({asal}, lapis {LAPISAN[asal]}) → {tujuan} (lapis {LAPISAN[tujuan]})"
        for b, asal, tujuan, node, _ in _semua_impor_proyek()
        if LAPISAN[tujuan] > LAPISAN[asal]
    ]
    assert salah == []


def test_no_two_apps_import_each_other():
    arah = {(asal, tujuan) for _, asal, tujuan, _, _ in _semua_impor_proyek() if asal != tujuan}
    assert sorted(p for p in arah if (p[1], p[0]) in arah) == []


def test_project_imports_only_at_module_level_or_in_ready():
    salah = [
        f"{b.relative_to(AKAR)}:{node.lineno} in {fungsi}()"
        for b, _, _, node, fungsi in _semua_impor_proyek()
        if fungsi is not None and fungsi != "ready"
    ]
    assert salah == []


@pytest.mark.parametrize("app", sorted(LAPISAN))
def test_every_app_has_a_layer(app):
    assert (AKAR / app.replace(".", "/")).is_dir()
