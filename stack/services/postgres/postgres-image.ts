import type { RoleRecipe } from '../image-recipe.js';
import { VERSIONS } from '../../versions.js';

// Stand-in for the official postgres image's entry point: POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB,
// PGDATA initialised on first start, the server run as the postgres user, `postgres ...` as the command.
const PG_ENTRYPOINT = `#!/bin/sh
set -e
if [ "$1" = postgres ] && [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    pw=$(mktemp)
    printf '%s\\n' "\${POSTGRES_PASSWORD:-postgres}" > "$pw"
    chown postgres "$pw"
    runuser -u postgres -- initdb -D "$PGDATA" -U "\${POSTGRES_USER:-postgres}" --auth=scram-sha-256 --pwfile="$pw" -E UTF8 --no-sync >/dev/null
    rm -f "$pw"
    echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    db="\${POSTGRES_DB:-\${POSTGRES_USER:-postgres}}"
    if [ "$db" != postgres ]; then
      echo "CREATE DATABASE \\"$db\\"" | runuser -u postgres -- postgres --single -D "$PGDATA" -j postgres >/dev/null
    fi
  fi
  exec runuser -u postgres -- "$@"
fi
exec "$@"
`;

/** The offline image: Debian's PostgreSQL, run like the official postgres image. */
export const POSTGRES_IMAGE: RoleRecipe = {
  role: 'postgres',
  from: 'base',
  dockerfile: (from) => `FROM ${from}
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENV PATH=/usr/lib/postgresql/${VERSIONS.postgres}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
ENV PGDATA=/var/lib/postgresql/data
STOPSIGNAL SIGINT
EXPOSE 5432
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
`,
  files: { 'docker-entrypoint.sh': PG_ENTRYPOINT },
  artifacts: {},
};
