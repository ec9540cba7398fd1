"""Secrets shown once and never stored in clear (API keys, calendar feed addresses): a random,
non-secret prefix finds the row, the SHA-256 of the whole secret proves it. The secrets are long
random strings, so a plain SHA-256 needs no slow password hash."""
from __future__ import annotations

import hashlib
import hmac
import secrets


def awalan_baru() -> str:
    """The non-secret prefix: 12 hex characters."""
    return secrets.token_hex(6)


def sidik(rahasia: str) -> str:
    return hashlib.sha256(rahasia.encode()).hexdigest()


def cocok(sidik_tersimpan: str, rahasia: str) -> bool:
    """Whether `rahasia` is the secret whose SHA-256 was stored (constant-time comparison)."""
    return hmac.compare_digest(sidik_tersimpan, sidik(rahasia))
