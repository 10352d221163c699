# Runs before the sh blocks of docs/api.md (tools/docs/api-walkthrough.spec.ts): stops at the first failure, and
# wraps curl so that every request's status is checked and logged. A `# → NNN` comment before a request (made
# into `__expect NNN`) says which status it must get; any other request must succeed (2xx). jq is shadowed: the
# page promises it is not needed.
set -eo pipefail
shopt -s inherit_errexit
__expect() { printf '%s' "$1" > "$WALKTHROUGH_EXPECT"; }
jq() { echo "jq was used, but the walkthrough promises it is not needed" >&2; return 127; }
curl() {
  local headers status want url="" rc=0
  headers=$(mktemp)
  command curl -D "$headers" "$@" || rc=$?
  status=$(awk 'toupper($1) ~ /^HTTP\// { s = $2 } END { print s }' "$headers")
  rm -f "$headers"
  want=$(cat "$WALKTHROUGH_EXPECT")
  : > "$WALKTHROUGH_EXPECT"
  for a in "$@"; do case "$a" in http*) url="$a" ;; esac; done
  printf '%s\t%s\t%s\n' "${status:-none}" "${want:-2xx}" "$url" >> "$WALKTHROUGH_LOG"
  if [ "$rc" -ne 0 ]; then echo "curl failed ($rc): $url" >&2; return "$rc"; fi
  if [ -n "$want" ] && [ "$status" != "$want" ]; then echo "expected $want, got $status: $url" >&2; return 1; fi
  if [ -z "$want" ] && [[ "$status" != 2* ]]; then echo "expected a success, got $status: $url" >&2; return 1; fi
}
