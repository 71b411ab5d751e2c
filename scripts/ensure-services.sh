#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer on the addresses Switchyard uses (DATABASE_URL / REDIS_URL, default
# 127.0.0.1:5432 and 127.0.0.1:6379). Where one is installed but stopped, it is started; where one is missing,
# one line says how to get it. Exits 0 when both answer. Used by `pnpm demo` and .ci/run.
set -uo pipefail

db_url=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/switchyard}
redis_url=${REDIS_URL:-redis://127.0.0.1:6379}
# host and port from the URLs (user:pass@ and the path are ignored)
hostport() { local rest=${1#*://}; rest=${rest##*@}; rest=${rest%%/*}; echo "$rest"; }
pg_hp=$(hostport "$db_url"); pg_host=${pg_hp%%:*}; pg_port=${pg_hp##*:}; [ "$pg_port" = "$pg_hp" ] && pg_port=5432
rd_hp=$(hostport "$redis_url"); rd_host=${rd_hp%%:*}; rd_port=${rd_hp##*:}; [ "$rd_port" = "$rd_hp" ] && rd_port=6379

pg_up() { if command -v pg_isready >/dev/null; then pg_isready -h "$pg_host" -p "$pg_port" -q; else (exec 3<>"/dev/tcp/$pg_host/$pg_port") 2>/dev/null; fi; }
redis_up() { if command -v redis-cli >/dev/null; then redis-cli -h "$rd_host" -p "$rd_port" ping >/dev/null 2>&1; else (exec 3<>"/dev/tcp/$rd_host/$rd_port") 2>/dev/null; fi; }
local_host() { [ "$1" = 127.0.0.1 ] || [ "$1" = localhost ]; }

problems=0
if ! pg_up; then
  if local_host "$pg_host" && command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    echo "starting PostgreSQL ($(ls /etc/postgresql | head -n1)/main)"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  elif local_host "$pg_host" && command -v brew >/dev/null; then
    echo "starting PostgreSQL (brew services)"; brew services start postgresql >/dev/null || true
  elif ! local_host "$pg_host"; then
    echo "PostgreSQL does not answer at $pg_host:$pg_port (DATABASE_URL): start it there, or fix DATABASE_URL"; problems=1
  else
    echo "PostgreSQL is not running at $pg_host:$pg_port and not installed here: apt-get install -y postgresql (or brew install postgresql), or point DATABASE_URL at one"
    problems=1
  fi
fi
if ! redis_up; then
  if local_host "$rd_host" && command -v redis-server >/dev/null; then
    echo "starting Redis on $rd_host:$rd_port"
    redis-server --daemonize yes --bind "$rd_host" --port "$rd_port" --save "" --appendonly no >/dev/null
  elif ! local_host "$rd_host"; then
    echo "Redis does not answer at $rd_host:$rd_port (REDIS_URL): start it there, or fix REDIS_URL"; problems=1
  else
    echo "Redis is not running at $rd_host:$rd_port and not installed here: apt-get install -y redis-server (or brew install redis), or point REDIS_URL at one"
    problems=1
  fi
fi
[ "$problems" -eq 0 ] || exit 1

for _ in $(seq 1 30); do
  pg_up && redis_up && exit 0
  sleep 1
done
pg_up || echo "PostgreSQL still does not answer at $pg_host:$pg_port after 30 s"
redis_up || echo "Redis still does not answer at $rd_host:$rd_port after 30 s"
exit 1
