#!/usr/bin/env bash
# Re-runs a review kept in git, offline, and fails when its PRISMA flow drifts: a fresh
# project, the searches replayed from the review's cache/, the hand-run exports imported,
# dedup, screen, and `synth prisma --expect expected-flow.json` (exit 1 listing the boxes
# that differ). The same steps as the GitHub Actions workflow beside it.
#
# Usage: review-ci.sh REVIEW_DIR [WORK_DIR]
#   REVIEW_DIR  the review in git: queries/ (those of PubMed or Crossref are replayed with
#               search --offline), cache/, exports/ with imports.txt (one `synth import`
#               argument list per line), decisions/, extraction/, criteria.txt,
#               expected-flow.json
#   WORK_DIR    where the project is built (must not exist or be empty; default: a
#               temporary folder)
# Environment: SYNTH  the synth binary (default: synth on PATH)
set -euo pipefail
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: review-ci.sh REVIEW_DIR [WORK_DIR]" >&2; exit 2; }
review="$(realpath -- "$1")"
work="${2:-$(mktemp -d)}"
synth="${SYNTH:-synth}"
command -v "$synth" >/dev/null || { echo "review-ci: $synth not found (set SYNTH or install synth)" >&2; exit 2; }
[ -f "$review/expected-flow.json" ] || { echo "review-ci: $review has no expected-flow.json" >&2; exit 2; }
if [ -e "$work" ] && [ -n "$(ls -A "$work")" ]; then
  echo "review-ci: $work is not empty" >&2
  exit 2
fi

step() {
  local shown=""
  for a in "$@"; do
    case "$a" in *" "*) shown+=" \"$a\"" ;; *) shown+=" $a" ;; esac
  done
  printf '\n$ synth%s\n' "$shown"
  "$synth" "$@"
}

step init "$work"
for part in queries cache exports decisions extraction; do
  [ -d "$review/$part" ] && cp -r "$review/$part" "$work/"
done
for file in criteria.txt imports.txt; do
  [ -f "$review/$file" ] && cp "$review/$file" "$work/"
done
cd "$work"

# The strategies synth runs itself (an open API): replayed from cache/, a miss is an error.
for query in queries/*.query; do
  [ -e "$query" ] || continue
  if grep -qiE '^database:[[:space:]]*(pubmed|crossref)[[:space:]]*$' "$query"; then
    step search --offline "$query"
  fi
done
# The databases without an open API: exported by hand, imported with their strategy.
if [ -f imports.txt ]; then
  while IFS= read -r line; do
    case "$line" in "" | "#"*) continue ;; esac
    eval "args=($line)"
    step import "${args[@]}"
  done < imports.txt
fi
step dedup
step screen
step prisma --expect "$review/expected-flow.json"
