import { describe, expect, it } from 'vitest';
import { createOrm } from '../src/db/createOrm.js';

describe('createOrm on PGlite', () => {
  it('migrates and reads back', async () => {
    const db = await createOrm({ dataDir: 'memory://' });
    await db.migrate();
    const rows = await db.orm.em.fork().getConnection().execute(`select to_tsvector('en_unaccent', 'Hazárd logs') as v`);
    expect(String(rows[0].v)).toContain('hazard');
    await db.close();
  });
});
