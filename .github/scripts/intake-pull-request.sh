#!/usr/bin/env bash
# Commits what `acsg from-issue` wrote under content/ on the branch intake/issue-N and opens a
# pull request for it, or updates the open one (the branch is rebuilt from main on every edit
# of the issue). Environment: GH_TOKEN, GH_REPO, ISSUE_NUMBER, REPORT (the pull request's text).
set -euo pipefail
case "$ISSUE_NUMBER" in '' | *[!0-9]*) echo "bad issue number" >&2; exit 2 ;; esac
branch="intake/issue-$ISSUE_NUMBER"
git config user.name "github-actions[bot]"
git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
git switch --force-create "$branch"
git add -- content/
if git diff --cached --quiet; then
  echo "nothing to propose: the content already holds this submission"
  exit 0
fi
git commit --quiet -m "Add the submission of issue #$ISSUE_NUMBER"
gh auth setup-git
git push --force origin "HEAD:refs/heads/$branch"
number="$(gh pr list --head "$branch" --state open --limit 1 --json number --jq '.[0].number // empty')"
if [ -n "$number" ]; then
  gh pr edit "$number" --body-file "$REPORT"
  echo "updated pull request #$number"
else
  gh pr create --base main --head "$branch" --title "Submission from issue #$ISSUE_NUMBER" \
    --body-file "$REPORT" --label submission
fi
