# Sourced by test.sh and bench/run.sh: installs PostgreSQL if it is missing, starts a throwaway cluster on a free
# port, exports FEEBRIDGE_PG_ADMIN (a connection string to its `postgres` database) and removes the cluster on exit.
# PG_DURABLE=1 keeps fsync on (benchmarks); otherwise fsync is off, since the cluster is thrown away.

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
# PostgreSQL refuses to run as root; as root the cluster belongs to the postgres user.
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
  echo "== installing PostgreSQL"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PGBIN=$(pg_bin)

PGDIR=$(mktemp -d /tmp/feebridge-pg.XXXXXX)
if [ "$(id -u)" -eq 0 ]; then chown postgres "$PGDIR"; fi
free_port() {
  if command -v python3 >/dev/null; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
  else
    local p
    while :; do p=$((20000 + RANDOM % 40000)); (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo $p; return; }; done
  fi
}
PGPORT=$(free_port)

stop_throwaway_postgres() {
  run_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
trap stop_throwaway_postgres EXIT

PGOPTS="-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDIR -c max_connections=300 -c shared_buffers=256MB"
if [ "${PG_DURABLE:-0}" != "1" ]; then PGOPTS="$PGOPTS -c fsync=off -c synchronous_commit=off -c full_page_writes=off"; fi
# For profiling, e.g. PG_EXTRA_OPTS="-c shared_preload_libraries=pg_stat_statements".
PGOPTS="$PGOPTS ${PG_EXTRA_OPTS:-}"

echo "== starting PostgreSQL on 127.0.0.1:$PGPORT"
run_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 >/dev/null
run_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w -o "$PGOPTS" start >/dev/null

export FEEBRIDGE_PG_ADMIN="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"
