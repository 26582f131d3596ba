#!/usr/bin/env bash
# Proves that the regression test guards the DST fix:
#   1. on a throwaway copy with bug.patch applied, test/dst-regression.test.ts must FAIL
#      (with failed assertions, not with a file that does not even load);
#   2. on the code in src/ (the fix), the same test must PASS.
# Exits 0 only when both hold. Needs `npm install` (or `npm ci`) to have been run here.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
test_file="test/dst-regression.test.ts"
cd "$root"
[ -d node_modules ] || { echo "node_modules missing: run npm ci in $root first" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
buggy="$work/buggy"
mkdir "$buggy"
# Copy only the project's own files; share node_modules so nothing is installed twice.
cp -R package.json tsconfig.json vitest.config.ts src test "$buggy"/
ln -s "$root/node_modules" "$buggy/node_modules"

# run_test DIR NAME: runs the regression test in DIR, leaves vitest's JSON report and log in
# $work/NAME.*, and prints one line per test. Returns vitest's exit code.
run_test() {
  local dir="$1" name="$2" rc=0
  (cd "$dir" && NO_COLOR=1 npx vitest run "$test_file" \
      --reporter=default --reporter=json --outputFile.json="$work/$name.json") \
      >"$work/$name.log" 2>&1 || rc=$?
  if [ -s "$work/$name.json" ]; then
    node -e '
      const r = require(process.argv[1]);
      for (const f of r.testResults) for (const t of f.assertionResults) {
        const why = t.status === "failed" ? "  <- " + t.failureMessages[0].split("\n")[0] : "";
        console.log(`   ${t.status === "passed" ? "PASS" : "FAIL"}  ${t.title}${why}`);
      }
      console.log(`   vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
    ' "$work/$name.json"
  fi
  return "$rc"
}

# count FIELD NAME: a number from the JSON report of run NAME (0 when there is no report).
count() {
  node -e 'try { console.log(require(process.argv[2])[process.argv[1]]) } catch { console.log(0) }' \
    "$1" "$work/$2.json"
}

status=0

echo "== 0. for the record: the older suites on the buggy copy (not an expectation)"
patch -p1 -d "$buggy" --no-backup-if-mismatch --quiet < bug.patch
(cd "$buggy" && NO_COLOR=1 npx vitest run test/slots.test.ts test/availability.test.ts 2>&1 \
  | grep -E '^ +Tests ' | sed 's/^ */   /') || true

echo "== 1. bug.patch applied to a temporary copy: the regression test must FAIL"
echo "   now in the copy: $(grep -n 'midnight +' "$buggy/src/slots.ts" | sed 's/^ *//; s/  */ /g')"
if run_test "$buggy" buggy; then
  echo "   exit 0  -> UNEXPECTED: the test passes on the buggy code, so it does not guard the fix"
  status=1
elif [ "$(count numFailedTests buggy)" -ge 1 ]; then
  echo "   exit 1  -> expected: assertions failed on the buggy code"
else
  echo "   UNEXPECTED: vitest failed without a failed assertion (did the test file load?):"
  tail -n 30 "$work/buggy.log"
  status=1
fi

echo "== 2. the code in src/ (fixed): the regression test must PASS"
if run_test "$root" fixed && [ "$(count numPassedTests fixed)" -ge 1 ] \
    && [ "$(count numFailedTests fixed)" -eq 0 ]; then
  echo "   exit 0  -> expected: the fix passes"
else
  echo "   UNEXPECTED: the regression test does not pass on the fixed code:"
  tail -n 30 "$work/fixed.log"
  status=1
fi

if [ "$status" -eq 0 ]; then
  echo "RESULT: OK - the regression test fails on the bug and passes on the fix"
else
  echo "RESULT: FAILED - see the UNEXPECTED lines above"
fi
exit "$status"
