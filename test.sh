#!/usr/bin/env bash
# Runs every FeeBridge test, on both stores. Needs only the .NET 10 SDK and Node.js/npm: installs PostgreSQL and
# Chromium if they are missing, starts a throwaway PostgreSQL cluster on a free port and removes it afterwards; the
# build installs the npm packages (dkfds, axe-core) from package-lock.json. Exits non-zero on any failure.
# Extra arguments go to `dotnet test` (e.g. --filter "store=sqlite").
set -euo pipefail
cd "$(dirname "$0")"

source scripts/throwaway-postgres.sh
source scripts/chromium.sh
source scripts/smtp.sh
# Each test class creates its own database on this cluster.
export FEEBRIDGE_TEST_POSTGRES="$FEEBRIDGE_PG_ADMIN;Maximum Pool Size=40"

echo "== building (Release, warnings are errors)"
dotnet build FeeBridge.slnx -c Release -nologo -v quiet

echo "== testing"
dotnet test FeeBridge.slnx -c Release --no-build -nologo "$@"
