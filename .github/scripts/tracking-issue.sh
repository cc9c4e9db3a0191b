#!/usr/bin/env bash
# Keeps ONE open issue with a label in step with the latest weekly check: opens it when the
# check finds something, updates its text while it does, closes it once nothing is found.
# Environment: GH_TOKEN, GH_REPO; LABEL, COLOR, DESCRIPTION (the label's); TITLE (the issue's);
# FOUND (how many things the check found: 0 for none); REPORT (a Markdown file, the issue's
# text); SOLVED (said when closing, followed by the day); NOTHING (printed when there is nothing
# to do).
set -euo pipefail
gh label create "$LABEL" --color "$COLOR" --description "$DESCRIPTION" 2>/dev/null || true
number="$(gh issue list --label "$LABEL" --state open --limit 1 --json number --jq '.[0].number // empty')"
if [ "$FOUND" -gt 0 ]; then
  if [ -n "$number" ]; then
    gh issue edit "$number" --body-file "$REPORT"
    echo "updated issue #$number"
  else
    gh issue create --title "$TITLE" --label "$LABEL" --body-file "$REPORT"
  fi
elif [ -n "$number" ]; then
  gh issue close "$number" --comment "$SOLVED $(date -u +%F)."
  echo "closed issue #$number"
else
  echo "$NOTHING"
fi
