"""`seed_demo` step of the documents app: the demo signing identity, so the first sheet a
newcomer exports is signed (nothing is made when an agency certificate is configured)."""
from . import tandatangan


def isi(konteks) -> None:
    if tandatangan.memakai_demo():
        tandatangan.pastikan_identitas_demo()
