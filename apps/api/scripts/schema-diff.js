// Prints the SQL TypeORM would need to bring the migrated database in line with the entities.
// `--check` exits 1 when anything is missing (CI: migrations must match the entities).
// Runs on the built API: `node apps/api/scripts/schema-diff.js [--check]` with DATABASE_URL set.
const { DataSource } = require('typeorm');
const { dataSourceOptions } = require('../dist/database/data-source.js');

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  const sql = await ds.driver.createSchemaBuilder().log();
  await ds.destroy();
  for (const q of sql.upQueries) console.log(q.query + ';');
  if (process.argv.includes('--check') && sql.upQueries.length > 0) {
    console.error(`Schema drift: ${sql.upQueries.length} statement(s) missing from migrations`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
