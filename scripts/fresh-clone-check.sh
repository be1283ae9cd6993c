#!/usr/bin/env bash
# A newcomer's first five minutes, checked: clone this repository's HEAD into an empty temp folder, run the
# README's `npm install`, then `npm run demo` until it says it is ready (and VS Code answers at its URL), stop it,
# and report what happened and how long each step took.
#
#   scripts/fresh-clone-check.sh [--timeout SECONDS] [--with-tests] [--keep]
#
#   --timeout     how long the demo may take to get ready (default 300)
#   --with-tests  also run the README's `npm test` in the clone (long: every suite, code-server included)
#   --keep        keep the temp folder (its logs are npm-install.log, demo.log, npm-test.log)
#
# What "fresh" covers: the clone has no node_modules, no dist, no .tools; its postinstall installs the system
# packages (test/vscode/systemPackages.ts) where the machine allows and code-server into the clone's .tools. On a
# machine whose code-server install is shared, export ALICLOUD_MEDIA_TOOLS_DIR to reuse it (code-server is then
# checked, not rebuilt); ALICLOUD_MEDIA_ASSUME_MISSING=<package>,… makes the setup install packages the machine
# already has (apt-get leaves them as they are), to see that path run. Run it in a container from a bare Debian
# image for the real thing: `docker run --rm -v "$PWD":/src -w /src node:20-bookworm scripts/fresh-clone-check.sh`.
set -euo pipefail

timeout_s=300
with_tests=0
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --timeout) timeout_s="$2"; shift 2 ;;
    --with-tests) with_tests=1; shift ;;
    --keep) keep=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/fresh-clone-check.XXXXXX")"
demo_pid=""
cleanup() {
  if [ -n "$demo_pid" ] && kill -0 "$demo_pid" 2>/dev/null; then
    kill -TERM -- "-$demo_pid" 2>/dev/null || kill -TERM "$demo_pid" 2>/dev/null || true
    wait "$demo_pid" 2>/dev/null || true
  fi
  if [ "$keep" = 1 ]; then echo "kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

results=()
now() { date +%s.%N; }
took() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }
report() { results+=("$1"); echo "::: $1"; }

t=$(now)
git clone -q --no-hardlinks "$repo" "$work/clone"
cd "$work/clone"
report "clone: $(git log -1 --format='%h %s' | cut -c1-72) ($(took "$t")s)"

t=$(now)
if npm install >"$work/npm-install.log" 2>&1; then
  report "npm install: ok in $(took "$t")s"
else
  report "npm install: FAILED after $(took "$t")s (log: $work/npm-install.log)"
  tail -30 "$work/npm-install.log"
  keep=1
  exit 1
fi
# What a newcomer saw of the setup: the few lines the postinstall prints.
grep -E '^\[vscode-test\]' "$work/npm-install.log" | sed 's/^/    /' || true

# A free port for code-server, so the check never collides with a demo someone is running.
port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
t=$(now)
set -m
npm run demo -- --port "$port" --quiet >"$work/demo.log" 2>&1 &
demo_pid=$!
set +m
ready=""
deadline=$(( $(date +%s) + timeout_s ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  if ! kill -0 "$demo_pid" 2>/dev/null; then break; fi
  if grep -q 'demo, ready in\|the emulator runs alone' "$work/demo.log"; then ready=1; break; fi
  sleep 1
done
if [ -n "$ready" ] && grep -q 'demo, ready in' "$work/demo.log"; then
  status="$(node -e "require('http').get('http://127.0.0.1:$port/',r=>{console.log(r.statusCode);r.resume()}).on('error',e=>console.log(e.code))")"
  report "npm run demo: ready in $(took "$t")s, http://127.0.0.1:$port/ answers $status"
  [ "$status" = 200 ] || [ "$status" = 302 ] || keep=1
elif [ -n "$ready" ]; then
  report "npm run demo: emulator only after $(took "$t")s (code-server unavailable; see $work/demo.log)"
  keep=1
else
  report "npm run demo: NOT ready after $(took "$t")s (log: $work/demo.log)"
  tail -30 "$work/demo.log"
  keep=1
fi
grep -E '^\[demo\]' "$work/demo.log" | sed 's/^/    /' || true

if [ -n "$demo_pid" ] && kill -0 "$demo_pid" 2>/dev/null; then
  t=$(now)
  kill -TERM -- "-$demo_pid" 2>/dev/null || kill -TERM "$demo_pid"
  wait "$demo_pid" 2>/dev/null || true
  report "demo stopped in $(took "$t")s"
fi
demo_pid=""

if [ "$with_tests" = 1 ]; then
  t=$(now)
  if npm test >"$work/npm-test.log" 2>&1; then report "npm test: ok in $(took "$t")s"; else report "npm test: FAILED after $(took "$t")s (log: $work/npm-test.log)"; keep=1; fi
fi

echo "::: summary"
for r in "${results[@]}"; do echo ":::   $r"; done
