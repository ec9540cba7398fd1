#!/usr/bin/env bash
# Restore of Bangkom from scripts/cadangan.sh output. Stop the app servers and Celery first.
# Usage: DATABASE_URL=postgres://user@host:5432/bangkom MEDIA_ROOT=/srv/bangkom/media \
#        scripts/pulihkan.sh bangkom-<timestamp>.dump [media-<timestamp>.tar.gz]
# The database named in DATABASE_URL must exist (empty or not: every object is dropped and recreated).
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL is required (postgres://...)}"
DUMP="${1:?give the .dump file}"
MEDIA_TGZ="${2:-}"
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
  --dbname="$DATABASE_URL" "$DUMP"
if [ -n "$MEDIA_TGZ" ]; then
  : "${MEDIA_ROOT:?MEDIA_ROOT is required to restore media}"
  mkdir -p "$MEDIA_ROOT"
  find "$MEDIA_ROOT" -mindepth 1 -delete
  tar -xzf "$MEDIA_TGZ" -C "$MEDIA_ROOT"
fi
echo "Pemulihan selesai. Jalankan: python manage.py migrate && python manage.py check"
