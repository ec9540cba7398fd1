from tests.belajar_mandiri.conftest import buat_penugasan, hari_ini, penugasan  # noqa: F401
from tests.coaching.conftest import catat_sesi, kesepakatan, kesepakatan_baru  # noqa: F401
