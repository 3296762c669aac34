#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL: a new cluster (initdb) in a temporary folder, on a free port on
# loopback, its address in MUSTER_TEST_POSTGRES; the cluster is stopped and deleted when the command ends, however
# it ends. `make test` runs the tests this way, so the storage suite runs on both backends; `make bench` runs the
# benchmarks this way with WITH_POSTGRES_DURABLE=1, which keeps fsync on (tests turn it off: nothing must survive).
# Beside it runs a streaming replica of it (pg_basebackup, a hot standby on a port of its own), its address in
# MUSTER_TEST_POSTGRES_REPLICA, for the tests that read answers from a replica; WITH_POSTGRES_REPLICA=0 (the
# benchmarks) leaves it out, so that replaying the primary's writes does not take a core from what is measured.
#   scripts/with-postgres.sh swift test
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "with-postgres: PostgreSQL is not installed (Debian's postgresql package)" >&2
    exit 1
fi

# PostgreSQL will not run as root: then the cluster belongs to the postgres user the package created.
as_owner=()
if [ "$(id -u)" = 0 ]; then as_owner=(runuser -u postgres --); fi

folder=$(mktemp -d "${TMPDIR:-/tmp}/muster-pg.XXXXXX")
chmod 755 "$folder"
[ ${#as_owner[@]} -gt 0 ] && chown postgres "$folder"
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
port=$(free_port)

stop() {
    for cluster in replica data; do
        [ -d "$folder/$cluster" ] && "${as_owner[@]}" "$bin/pg_ctl" -D "$folder/$cluster" -m immediate stop >/dev/null 2>&1 || true
    done
    rm -rf "$folder"
}
trap stop EXIT

# UTF-8 so that full text folds case beyond ASCII as SQLite's FTS5 does; trust on loopback, for a cluster that lives
# only as long as the tests.
"${as_owner[@]}" "$bin/initdb" -D "$folder/data" -U muster --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1 || {
    cat "$folder/initdb.log" >&2
    exit 1
}
durability="-c fsync=off -c synchronous_commit=off"
if [ "${WITH_POSTGRES_DURABLE:-0}" = 1 ]; then durability=""; fi
"${as_owner[@]}" "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w \
    -o "-p $port -k $folder -c listen_addresses=127.0.0.1 $durability -c max_connections=200" start >/dev/null || {
    cat "$folder/server.log" >&2
    exit 1
}
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

export MUSTER_TEST_POSTGRES="postgres://muster@127.0.0.1:$port/postgres"

# initdb's rules already let the cluster's owner in for replication on loopback; -R makes the copy a standby of it.
if [ "${WITH_POSTGRES_REPLICA:-1}" = 1 ]; then
    replica_port=$(free_port)
    "${as_owner[@]}" "$bin/pg_basebackup" -h 127.0.0.1 -p "$port" -U muster -D "$folder/replica" -R -X stream >"$folder/basebackup.log" 2>&1 || {
        cat "$folder/basebackup.log" >&2
        exit 1
    }
    "${as_owner[@]}" "$bin/pg_ctl" -D "$folder/replica" -l "$folder/replica.log" -w \
        -o "-p $replica_port -k $folder -c listen_addresses=127.0.0.1 $durability -c max_connections=200 -c hot_standby=on" start >/dev/null || {
        cat "$folder/replica.log" >&2
        exit 1
    }
    echo "with-postgres: a streaming replica of it on 127.0.0.1:$replica_port"
    export MUSTER_TEST_POSTGRES_REPLICA="postgres://muster@127.0.0.1:$replica_port/postgres"
fi
"$@"
