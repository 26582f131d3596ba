#!/usr/bin/env bash
# Validates every compose file in the repository, once plain and once per profile it declares,
# with whichever compose is installed (v2 plugin preferred; Debian's docker-compose v1 in CI).
set -euo pipefail
cd "$(dirname "$0")/.."

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
else
  echo "check-compose: neither 'docker compose' nor 'docker-compose' is installed" >&2
  exit 1
fi

mapfile -t files < <(find . -path ./node_modules -prune -o -type f \( -name 'docker-compose*.yml' -o -name 'docker-compose*.yaml' -o -name 'compose*.yml' -o -name 'compose*.yaml' \) -print | sort)
if [ "${#files[@]}" -eq 0 ]; then
  echo "check-compose: no compose files found" >&2
  exit 1
fi

for file in "${files[@]}"; do
  "${compose[@]}" -f "$file" config -q
  echo "ok   $file"
  # Services in a profile are skipped by a plain config; name each profile so they are checked too.
  mapfile -t profiles < <(grep -oE 'profiles:[[:space:]]*\[[^]]*\]' "$file" | grep -oE '"[^"]+"' | tr -d '"' | sort -u)
  for profile in "${profiles[@]}"; do
    "${compose[@]}" -f "$file" --profile "$profile" config -q
    echo "ok   $file --profile $profile"
  done
done
