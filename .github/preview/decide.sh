#!/usr/bin/env bash
# Decides what the preview workflow does for one finished "pull request" run. It reads the run's
# artifact only as data and takes every decision from GitHub's API and the default branch:
#   - the pull request number in meta.json is believed only if that pull request's head commit is
#     the commit this run built (so an artifact cannot name another pull request);
#   - a pull request from a fork is published only while a maintainer's label is on it;
#   - where previews go (preview.host, preview.dir, preview.url) comes from the default branch's
#     _config.yml, not from the pull request.
# Inputs (environment): REPO, HEAD_SHA, META (meta.json), SITE (the built site folder),
#   CONFIG (_config.yml of the default branch), LABEL (default: preview), GITHUB_OUTPUT.
# Outputs: action (deploy | remove | comment | none), state (deployed | failed | closed |
#   awaiting-label), number, fork, host, dir, url (the preview URL for azure).
set -euo pipefail

label="${LABEL:-preview}"
out() { echo "$1=$2" >> "$GITHUB_OUTPUT"; }

if [ ! -f "$META" ]; then
  echo "この実行にはプレビューの成果物がありません。何もしません。"
  out action none
  exit 0
fi
number="$(jq -r '.number // empty | tostring' "$META")"
if ! [[ "$number" =~ ^[1-9][0-9]{0,8}$ ]]; then
  echo "::error::meta.json の pull request 番号が正しくありません: ${number:0:40}"
  exit 1
fi

pr="$(gh api "repos/$REPO/pulls/$number")"
head="$(jq -r '.head.sha' <<<"$pr")"
if [ "$head" != "$HEAD_SHA" ]; then
  echo "pull request #$number の先頭コミット ($head) は、この実行がビルドしたコミット ($HEAD_SHA) ではありません。新しい実行に任せます。"
  out action none
  exit 0
fi

host="$(yq -r '.preview.host // "pages"' "$CONFIG")"
dir="$(yq -r '.preview.dir // "pr-preview"' "$CONFIG")"
case "$host" in pages | azure) ;; *) echo "::error::_config.yml の preview.host は pages か azure です: $host"; exit 1 ;; esac
if ! [[ "$dir" =~ ^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$ ]] || [[ "/$dir/" == *"/../"* ]] || [[ "/$dir/" == *"/./"* ]]; then
  echo "::error::_config.yml の preview.dir が正しくありません: $dir"
  exit 1
fi
url=""
if [ "$host" = azure ]; then
  template="$(yq -r '.preview.url // ""' "$CONFIG")"
  url="${template//\{number\}/$number}"
fi

fork=false
[ "$(jq -r '.head.repo.full_name // ""' <<<"$pr")" = "$REPO" ] || fork=true
labelled="$(jq -r --arg l "$label" '[.labels[]?.name] | index($l) != null' <<<"$pr")"

out number "$number"
out fork "$fork"
out host "$host"
out dir "$dir"
out url "$url"

if [ "$(jq -r '.state' <<<"$pr")" = closed ]; then
  out action remove
  out state closed
elif [ "$(jq -r '.build // ""' "$META")" != success ] || [ ! -f "$SITE/index.html" ]; then
  out action comment
  out state failed
elif [ "$fork" = true ] && [ "$labelled" != true ]; then
  out action comment
  out state awaiting-label
else
  out action deploy
  out state deployed
fi
