#!/usr/bin/env bash
# Keeps ONE open issue labelled "broken-links" in step with the latest link check.
# Environment: GH_TOKEN, GH_REPO, BROKEN (1 when a link is broken, else 0), REPORT (Markdown).
set -euo pipefail
label="broken-links"
gh label create "$label" --color B60205 \
  --description "Links cited by records that no longer work (weekly check)" 2>/dev/null || true
number="$(gh issue list --label "$label" --state open --limit 1 --json number --jq '.[0].number // empty')"
if [ "$BROKEN" = "1" ]; then
  if [ -n "$number" ]; then
    gh issue edit "$number" --body-file "$REPORT"
    echo "updated issue #$number"
  else
    gh issue create --title "Broken links in the records" --label "$label" --body-file "$REPORT"
  fi
elif [ -n "$number" ]; then
  gh issue close "$number" --comment "Every link works again (weekly check of $(date -u +%F))."
  echo "closed issue #$number"
else
  echo "no broken link, no open issue"
fi
