"""The 20-JP Excel report writes real numbers and dates with number formats (the reader's Excel
shows its own locale's separators: a decimal comma in an Indonesian Excel), never numbers as text."""
import io
from datetime import datetime
from decimal import Decimal

from openpyxl import load_workbook

from bangkom.dasbor import laporan
from bangkom.lib.sel import FORMAT_BILANGAN, FORMAT_JP, FORMAT_PERSEN, FORMAT_WAKTU
from bangkom.pegawai.models import Pegawai
from tests.dasbor.bantu_dasbor import TAHUN, isi_sari_dan_budi


def test_numbers_and_dates_are_typed_cells_with_indonesian_formats(cast):
    isi_sari_dan_budi(cast)
    berkas = io.BytesIO()
    laporan.laporan_jp_xlsx(berkas, tahun=TAHUN, pegawai_qs=Pegawai.objects.all())
    wb = load_workbook(io.BytesIO(berkas.getvalue()))
    ws = wb["Rekap 20 JP"]
    assert ws.freeze_panes == "A7" and ws.column_dimensions["B"].width == laporan.LEBAR[1]
    assert [c.value for c in ws[6]][:4] == ["NIP", "Nama", "Jabatan", "OPD"]
    dicetak = ws["B4"]
    assert ws["A4"].value == "Dicetak:" and isinstance(dicetak.value, datetime)
    assert dicetak.number_format == FORMAT_WAKTU == "dd/mm/yyyy hh:mm"
    sari = next(r for r in ws.iter_rows(min_row=7) if r[0].value == cast.sari.nip)
    kolom = {k: sel for k, sel in zip(laporan.KOLOM, sari, strict=True)}
    for nama in ("Coaching", "Total JP", "Target", "Sisa JP", "Klasikal"):
        assert kolom[nama].data_type == "n" and kolom[nama].number_format == FORMAT_JP == "#,##0.00", nama
    assert kolom["Total JP"].value == 16
    assert kolom["Status"].data_type == "s" and kolom["NIP"].data_type == "s"  # a NIP stays text

    ws2 = wb["Per OPD"]
    assert ws2.freeze_panes == "A4"
    baris = [r for r in ws2.iter_rows(min_row=4) if r[0].value == cast.dinkes.nama][0]
    kolom = {k: sel for k, sel in zip(laporan.KOLOM_OPD, baris, strict=True)}
    assert kolom["Jumlah Pegawai"].number_format == FORMAT_BILANGAN and kolom["Jumlah Pegawai"].data_type == "n"
    assert kolom["% Tercapai"].number_format == FORMAT_PERSEN == "0.0" and kolom["% Tercapai"].data_type == "n"
    assert kolom["Rata-rata JP"].number_format == FORMAT_JP


def test_a_formatted_cell_restyled_later_does_not_restyle_its_neighbours():
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from bangkom.lib.sel import FORMAT_JP, baris_xlsx

    ws = Workbook().active
    ws.append(baris_xlsx(ws, [Decimal("1.5")], [FORMAT_JP]))
    ws.append(baris_xlsx(ws, [Decimal("2.5")], [FORMAT_JP]))
    ws["A2"].font = Font(bold=True)  # a bold total row, as AKPK writes it
    assert ws["A2"].font.b and not ws["A1"].font.b
    assert ws["A1"].number_format == ws["A2"].number_format == FORMAT_JP
