#!/usr/bin/env bash
# Publishes a built site to an S3-compatible object store with rclone (Debian's package): what
# .github/workflows/s3.yml runs, and what tests/test_publish_s3.py runs against a local server.
#
# The store is rclone's remote "portal", configured by the environment only (no config file):
#   RCLONE_CONFIG_PORTAL_TYPE=s3  RCLONE_CONFIG_PORTAL_PROVIDER=Other
#   RCLONE_CONFIG_PORTAL_ENDPOINT  RCLONE_CONFIG_PORTAL_REGION
#   RCLONE_CONFIG_PORTAL_ACCESS_KEY_ID  RCLONE_CONFIG_PORTAL_SECRET_ACCESS_KEY
# and S3_BUCKET names the bucket (it must exist: the key needs no right to create one).
#
# `rclone sync` uploads new and changed files first and deletes the files the new site no
# longer has at the end, so readers never meet a page whose assets are gone. --checksum
# compares MD5s, not dates: builds are reproducible, so unchanged pages are not sent again.
# Each object's Content-Type comes from its extension (text/html for pages).
set -euo pipefail

site="${1:?usage: publish-s3.sh SITE_DIR}"
: "${S3_BUCKET:?set S3_BUCKET to the bucket that serves the portal}"
if [ ! -f "$site/index.html" ]; then
  echo "publish-s3.sh: $site has no index.html: build the site first (make site)" >&2
  exit 2
fi
rclone sync "$site" "portal:$S3_BUCKET" \
  --checksum --s3-no-check-bucket --fast-list --transfers 16 --stats-one-line --stats 30s
