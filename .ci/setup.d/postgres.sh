#!/usr/bin/env bash
# PostgreSQL for the registry tests (tests/MyeloDx.Web.Tests): Debian's server, started, with a test role that may
# create databases (each test run makes its own database and drops it). .ci/run exports MYELODX_TEST_POSTGRES.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
ver=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk '{print $1}' | grep -qx "$ver"; then
  pg_createcluster "$ver" main >/dev/null
fi
cluster=$(pg_lsclusters -h | awk -v v="$ver" '$1==v {print $2; exit}')
if ! pg_lsclusters -h | awk -v v="$ver" -v c="$cluster" '$1==v && $2==c {print $4}' | grep -q online; then
  pg_ctlcluster "$ver" "$cluster" start
fi
port=$(pg_lsclusters -h | awk -v v="$ver" -v c="$cluster" '$1==v && $2==c {print $3}')
for i in $(seq 1 30); do su postgres -c "psql -p $port -Atqc 'select 1'" >/dev/null 2>&1 && break; sleep 1; done
su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -q" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'myelodx_test') THEN
    CREATE ROLE myelodx_test LOGIN PASSWORD 'myelodx_test' CREATEDB;
  END IF;
END \$\$;
SQL
su postgres -c "psql -p $port -Atqc \"select 1 from pg_database where datname='myelodx_test'\"" | grep -q 1 \
  || su postgres -c "createdb -p $port -O myelodx_test myelodx_test"
echo "postgres $ver/$cluster on port $port: role and database myelodx_test ready"
