#!/usr/bin/env bash
# Backup of Bangkom: the PostgreSQL database (pg_dump custom format) and MEDIA_ROOT (tar.gz).
# Usage: DATABASE_URL=postgres://user@host:5432/bangkom MEDIA_ROOT=/srv/bangkom/media scripts/cadangan.sh [TARGET_DIR]
# Writes TARGET_DIR/bangkom-<timestamp>.dump and TARGET_DIR/media-<timestamp>.tar.gz and prints their names.
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL is required (postgres://...)}"
case "$DATABASE_URL" in postgres://*|postgresql://*) ;; *) echo "cadangan.sh: only PostgreSQL (for SQLite: sqlite3 db.sqlite3 '.backup FILE')" >&2; exit 2;; esac
TUJUAN="${1:-./cadangan}"
WAKTU="$(date +%Y%m%d-%H%M%S)"
mkdir -p "$TUJUAN"
DB="$TUJUAN/bangkom-$WAKTU.dump"
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$DB.part"
mv "$DB.part" "$DB"
echo "$DB"
if [ -n "${MEDIA_ROOT:-}" ] && [ -d "$MEDIA_ROOT" ]; then
  MEDIA="$TUJUAN/media-$WAKTU.tar.gz"
  tar -czf "$MEDIA.part" -C "$MEDIA_ROOT" .
  mv "$MEDIA.part" "$MEDIA"
  echo "$MEDIA"
fi
