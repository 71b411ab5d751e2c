// `tsx packages/engine/src/migrate/cli.ts create <name> | apply | drift`, as the owner: MIGRATE_DATABASE_URL, else
// DATABASE_URL's database as user postgres (DATABASE_URL names the app role, which may create nothing).
import { applyMigrations, appRoleFromUrl, checkDrift, createMigration, defaultOwnerUrl, ensureDatabase } from './index';
import { redactUrl } from './connection';

const DEFAULT_URL = 'postgresql://switchyard_app@127.0.0.1:5432/switchyard';
const USAGE = 'usage: cli.ts create <name> | apply | drift';

async function main(argv: string[]): Promise<number> {
  const appUrl = process.env['DATABASE_URL'] || DEFAULT_URL;
  const databaseUrl = process.env['MIGRATE_DATABASE_URL'] || defaultOwnerUrl(appUrl);
  const log = process.env['MIGRATE_VERBOSE'] ? (msg: string) => console.error(msg) : undefined;
  const [command, ...rest] = argv;
  switch (command) {
    case 'create': {
      const name = rest[0];
      if (!name) throw new Error(`missing migration name; ${USAGE}`);
      const { directory } = await createMigration({ databaseUrl, name, log });
      console.log(directory ? `created ${directory}` : 'no schema changes: no migration created');
      return 0;
    }
    case 'apply': {
      await ensureDatabase(databaseUrl);
      const { applied } = await applyMigrations({ databaseUrl, log, appRole: appRoleFromUrl(appUrl) });
      console.log(
        applied.length
          ? `applied ${applied.length} migration(s) to ${redactUrl(databaseUrl)}: ${applied.join(', ')}`
          : `database ${redactUrl(databaseUrl)} is up to date`,
      );
      return 0;
    }
    case 'drift': {
      const { drift, script } = await checkDrift({ databaseUrl, log });
      if (!drift) {
        console.log('no drift: schema.prisma matches the migrations');
        return 0;
      }
      console.error(script.trimEnd());
      console.log('drift: schema.prisma differs from the migrations; run `pnpm db:migration:new <name>`');
      return 1;
    }
    default:
      throw new Error(command ? `unknown command "${command}"; ${USAGE}` : USAGE);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`migrate failed: ${message.split('\n')[0]}`);
    if (process.env['MIGRATE_VERBOSE'] && error instanceof Error) console.error(error.stack);
    process.exit(1);
  },
);
