#!/usr/bin/env bash
# Runs a benchmark scenario against a fresh, durable (fsync on) throwaway PostgreSQL and a fresh SQLite file.
#   bench/run.sh intake [--claims 100000] [--clients 8]
set -euo pipefail
cd "$(dirname "$0")/.."
PG_DURABLE=${PG_DURABLE:-1} source scripts/throwaway-postgres.sh
dotnet build FeeBridge.slnx -c Release -nologo -v quiet
dotnet bench/FeeBridge.Bench/bin/Release/net10.0/FeeBridge.Bench.dll "$@" --postgres "$FEEBRIDGE_PG_ADMIN"
