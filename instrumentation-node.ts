import { getConnection } from './db/index';

try {
  const { path } = getConnection();
  console.log(`Database ready at ${path}`);
} catch (err) {
  console.error(`\nThe tracker cannot start.\n${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
