#!/usr/bin/env bash
# Proposes what `acsg from-issue` wrote (the artifact of the intake workflow's read-only job) on
# the branch intake/issue-N, starting from the commit checked out (main):
# - no branch yet: one commit on main is pushed and a pull request opened;
# - the branch holds only this workflow's commits: a commit is ADDED on top of it (never a
#   force-push), whose files are main's with the record as the issue now gives it (main is a
#   second parent when it has moved on); a comment on the pull request names that commit;
# - the branch holds anyone else's commits (the Secretariat changed it by hand): nothing is
#   pushed, and a comment says the edit of the issue was not applied;
# - the branch holds a newer main than the commit checked out (an old run re-run): it stops.
# Environment: GH_TOKEN, GH_REPO, ISSUE_NUMBER, SUBMISSION (the artifact: content/... record
# files and report.md, the pull request's text), EVENT_ACTION (edited, opened, labeled) and
# EDITED_AT (the issue's updated_at).
set -euo pipefail
case "$ISSUE_NUMBER" in '' | *[!0-9]*) echo "bad issue number" >&2; exit 2 ;; esac
branch="intake/issue-$ISSUE_NUMBER"
export GIT_AUTHOR_NAME="github-actions[bot]" GIT_COMMITTER_NAME="github-actions[bot]"
export GIT_AUTHOR_EMAIL="41898282+github-actions[bot]@users.noreply.github.com"
export GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
report="$SUBMISSION/report.md"
if [ ! -f "$report" ] || [ -L "$report" ]; then echo "the submission has no report" >&2; exit 2; fi
edited_at="${EDITED_AT:-}"
day="${edited_at:0:10}"
[[ "$day" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || day="$(date -u +%F)"
if [ "${EVENT_ACTION:-}" = edited ]; then
  event="The issue was edited on $day"
else
  event="The submission was checked again on $day"
fi
notice="$(mktemp)"

# Only regular record files, under the folders the forms write to, are taken from the artifact.
record='^content/(pledges|matches|good-practices)/([a-z0-9][a-z0-9_-]*/)*[a-z0-9][a-z0-9_-]*\.yaml$'
while IFS= read -r -d '' file; do
  path="${file#"$SUBMISSION"/}"
  [ "$path" = report.md ] && continue
  if [ -L "$file" ] || [ ! -f "$file" ] || ! [[ "$path" =~ $record ]]; then
    printf 'not a record file, refused: %q\n' "$path" >&2
    exit 2
  fi
  mkdir -p -- "$(dirname -- "$path")"
  cp -- "$file" "$path"
done < <(find "$SUBMISSION" -mindepth 1 ! -type d -print0)

base="$(git rev-parse HEAD)"
git add -- content/
if git diff --cached --quiet; then
  echo "nothing to propose: the content already holds this submission"
  exit 0
fi
tree="$(git write-tree)"
gh auth setup-git
open_pull_request() {
  gh pr list --head "$branch" --state open --limit 1 --json number --jq '.[0].number // empty'
}
create_pull_request() {
  gh pr create --base main --head "$branch" --title "Submission from issue #$ISSUE_NUMBER" \
    --body-file "$report" --label submission
}

if [ -z "$(git ls-remote --heads origin "refs/heads/$branch")" ]; then
  commit="$(git commit-tree "$tree" -p "$base" -m "Add the submission of issue #$ISSUE_NUMBER")"
  git push --quiet origin "$commit:refs/heads/$branch"
  create_pull_request
  exit 0
fi

git fetch --quiet origin refs/heads/main
main="$(git rev-parse FETCH_HEAD)"
git fetch --quiet origin "refs/heads/$branch"
head="$(git rev-parse FETCH_HEAD)"
if ! git merge-base --is-ancestor "$(git merge-base "$head" "$main")" "$base"; then
  echo "the branch $branch holds a newer main than this run (a re-run of an old one?)" >&2
  exit 1
fi
fork="$(git merge-base "$base" "$head")" # where the branch last met main
number="$(open_pull_request)"
strangers="$(git log --format='%ae %ce' "$base..$head" |
  grep -v -x -F "$GIT_AUTHOR_EMAIL $GIT_COMMITTER_EMAIL" || true)"
if [ -n "$strangers" ]; then
  cat > "$notice" <<EOF
$event, but the branch \`$branch\` holds commits not made by this workflow (changed by hand): the edit was **not** applied, so as not to overwrite them. Secretariat: compare the issue with the branch and update the record by hand, or delete the branch to have the workflow propose the issue as it is now.
EOF
  if [ -n "$number" ]; then
    gh pr comment "$number" --body-file "$notice"
  else
    gh issue comment "$ISSUE_NUMBER" --body-file "$notice"
  fi
  echo "the branch $branch was changed by hand: left as it is"
  exit 0
fi

# The files the branch proposes and those proposed now: unchanged?
mapfile -d '' -t paths < <(
  git diff -z --name-only "$base" "$tree" -- content/
  git diff -z --name-only "$fork" "$head" -- content/
)
if git --literal-pathspecs diff --quiet "$head" "$tree" -- "${paths[@]}"; then
  echo "the branch $branch already proposes this version of the submission"
  exit 0
fi
parents=(-p "$head")
if git merge-base --is-ancestor "$head" "$base"; then
  parents=(-p "$base") # the branch's commits are all in main already
elif ! git merge-base --is-ancestor "$base" "$head"; then
  parents+=(-p "$base") # main has moved on: a merge, whose files are main's plus the record
fi
commit="$(git commit-tree "$tree" "${parents[@]}" \
  -m "Update the submission of issue #$ISSUE_NUMBER" -m "$event.")"
git push --quiet origin "$commit:refs/heads/$branch" # a fast-forward only: fails if the branch moved meanwhile
if [ -n "$number" ]; then
  gh pr edit "$number" --body-file "$report"
  printf '%s; commit %s updates the record.\n' "$event" "$commit" > "$notice"
  gh pr comment "$number" --body-file "$notice"
  echo "updated pull request #$number with $commit"
else
  create_pull_request
fi
