#!/usr/bin/env bash
# Keeps ONE open issue labelled "stale-records" in step with the latest `acsg stale` list.
# Environment: GH_TOKEN, GH_REPO, COUNT (the number of records listed), REPORT (Markdown).
set -euo pipefail
label="stale-records"
gh label create "$label" --color FBCA04 \
  --description "Pledges and matches under way with no recent news (weekly list)" 2>/dev/null || true
number="$(gh issue list --label "$label" --state open --limit 1 --json number --jq '.[0].number // empty')"
if [ "$COUNT" -gt 0 ]; then
  if [ -n "$number" ]; then
    gh issue edit "$number" --body-file "$REPORT"
    echo "updated issue #$number"
  else
    gh issue create --title "Pledges and matches with no recent news" --label "$label" --body-file "$REPORT"
  fi
elif [ -n "$number" ]; then
  gh issue close "$number" --comment "Every pledge and match under way has recent news (weekly list of $(date -u +%F))."
  echo "closed issue #$number"
else
  echo "no record without recent news, no open issue"
fi
