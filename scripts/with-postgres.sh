#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster, then stop and remove the cluster
# whatever happened. The command sees DATABASE_URL (an empty database named safetyquiz,
# superuser postgres, trust authentication, 127.0.0.1 on a spare port).
#
#   scripts/with-postgres.sh CMD [ARG...]
#
# Installs Debian's postgresql package when no server binaries are found (as root).
# The cluster runs as the postgres user, since initdb refuses root, in a temporary folder.
# fsync is off by default: the cluster is thrown away, and its durability is not what is
# being tested. PG_FSYNC=on turns it back on; PG_OPTIONS adds server options.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 CMD [ARG...]" >&2
    exit 2
fi

find_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

PGBIN="${PGBIN:-$(find_bin)}"
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "No PostgreSQL server found: install Debian's postgresql package (as root)." >&2
        exit 1
    fi
    echo "Installing Debian's postgresql package" >&2
    # Only the binaries are wanted: no default cluster started on 5432 behind our back.
    mkdir -p /etc/postgresql-common/createcluster.d
    echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.d/no-main.conf
    "$(dirname "$0")/apt-install.sh" postgresql  # waits for apt's lock if it is held
    PGBIN="$(find_bin)"
fi

as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"  # already an ordinary user: run the cluster as ourselves
    fi
}

PGDIR="$(mktemp -d "${TMPDIR:-/tmp}/safetyquiz-pg.XXXXXX")"
if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$PGDIR"
fi

stop_cluster() {
    local status=$?
    trap - EXIT INT TERM
    if [ -f "$PGDIR/data/postmaster.pid" ]; then
        as_postgres "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
            as_postgres "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PGDIR"
    exit "$status"
}
trap stop_cluster EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

spare_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

as_postgres "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --no-locale \
    >"$PGDIR/initdb.log" 2>&1 || { cat "$PGDIR/initdb.log" >&2; exit 1; }

started=""
for _ in 1 2 3; do
    PGPORT="$(spare_port)"
    if as_postgres "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 start \
        -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=${PG_FSYNC:-off} \
            -c full_page_writes=${PG_FSYNC:-off} ${PG_OPTIONS:-}" >/dev/null; then
        started=1
        break
    fi
done
if [ -z "$started" ]; then
    cat "$PGDIR/server.log" >&2
    echo "PostgreSQL did not start." >&2
    exit 1
fi

as_postgres "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres safetyquiz
export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/safetyquiz"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT (throwaway)" >&2

# Not exec: the trap must run after the command, whatever it returns.
"$@"
