import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, redactUrl } from './config.js';
import { ADVISORY_LOCKS } from './db/createOrm.js';
import { printHubSchema } from './graphql/schema.js';
import { startHub } from './hub.js';
import { listen } from './http/server.js';
import { createLogger, type Logger } from './logger.js';
import { runScanCommand } from './modules/anonymisation/scan-command.js';
import { IngestError, ingestContent } from './modules/ingest/ingest.service.js';
import { importLearningCsv, LearningImportError } from './modules/learning/csv-import.service.js';
import { commandLineActor, verifyAuditChain } from './modules/audit/audit.service.js';
import { ApiKeysService } from './modules/auth/api-keys.service.js';
import { isKeyRole, KEY_ROLES } from './modules/auth/roles.js';
import { HubError } from './graphql/errors.js';

interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Commands that parse their own arguments (and print their own help) get the raw argv. */
  ownArguments?: boolean;
  /** Commands that take file arguments after their options. */
  positionals?: boolean;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

const io = { stdout: (s: string) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`), stderr: (s: string) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`) };

const commands: Record<string, Command> = {
  serve: {
    summary: 'Start the hub: migrate, ingest bundled content into an empty database, answer GraphQL over HTTP.',
    usage: 'dcs-hub serve [--port N]',
    options: { port: { type: 'string' } },
    async run(values) {
      const config = loadConfig(values.port ? { ...process.env, PORT: String(values.port) } : process.env);
      const logger = createLogger(config);
      logger.info({ database: config.databaseUrl ? redactUrl(config.databaseUrl) : `pglite:${config.dataDir}` }, 'starting DCS Hub');
      const hub = await startHub(config, logger, { ingestWhenEmpty: true });
      const running = await listen(hub);
      logger.info({ url: `${running.url}/graphql` }, 'DCS Hub is answering');
      io.stdout(`DCS Hub ready: ${running.url}/graphql`);
      await new Promise<void>((resolve) => {
        const shutdown = (signal: string) => {
          logger.info({ signal }, 'shutting down');
          resolve();
        };
        process.once('SIGTERM', () => shutdown('SIGTERM'));
        process.once('SIGINT', () => shutdown('SIGINT'));
      });
      await running.stop();
      await hub.close();
      return 0;
    },
  },
  ingest: {
    summary: 'Validate content/ and load it in one transaction (all or nothing).',
    usage: 'dcs-hub ingest [--content DIR] [--dry-run]',
    options: { content: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    async run(values) {
      const config = loadConfig();
      const logger = createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
      const contentDir = (values.content as string | undefined) ?? config.contentDir;
      const hub = await startHub(config, logger, { ingestWhenEmpty: false });
      const progress = process.stderr.isTTY ? progressBar() : progressLog(logger);
      try {
        const report = await ingestContent(hub, { contentDir, dryRun: values['dry-run'] === true, onProgress: progress?.update, onChanges: hub.search.indexChanges });
        progress?.finish();
        if (!report.dryRun) await hub.search.drainOutbox();
        io.stdout(report.summaryLine);
        return 0;
      } catch (error) {
        progress?.finish();
        if (error instanceof IngestError) {
          io.stderr(error.message);
          return 1;
        }
        throw error;
      } finally {
        await hub.close();
      }
    },
  },
  reindex: {
    summary: 'Rebuild the search index from the database (PostgreSQL, and Meilisearch when MEILI_HOST is set).',
    usage: 'dcs-hub reindex',
    options: {},
    async run() {
      const config = loadConfig();
      const logger = createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
      const hub = await startHub(config, logger, { ingestWhenEmpty: false });
      try {
        const started = performance.now();
        // Two reindexes at once (an operator and a deploy hook, say) run one after the other, never interleaved.
        const report = await hub.db.withAdvisoryLock(ADVISORY_LOCKS.reindex, () => hub.search.reindex(hub.db.orm.em.fork()));
        const meili = report.meilisearch ? `; Meilisearch: ${report.meilisearch.indexed} documents (${report.meilisearch.removed} dropped), swapped in` : '';
        io.stdout(`Search index rebuilt. PostgreSQL: ${report.postgres.indexed} documents (${report.postgres.removed} dropped)${meili}; in ${((performance.now() - started) / 1000).toFixed(2)}s`);
        return 0;
      } finally {
        await hub.close();
      }
    },
  },
  scan: {
    summary: 'Look for patient and person identifiers in files (exit 1 when any are found).',
    usage: 'dcs-hub scan [--json] [--redact] [--out DIR] FILE...',
    options: {},
    ownArguments: true,
    run: (_values, argv) => runScanCommand(argv, io),
  },
  'import-learning': {
    summary: 'Import anonymised safety learnings from a CSV export of safety event records (all or nothing).',
    usage: 'dcs-hub import-learning FILE.csv [--dry-run]   (columns: docs/learning-import.md)',
    options: { 'dry-run': { type: 'boolean' } },
    positionals: true,
    async run(values, positionals) {
      if (positionals.length !== 1) {
        io.stderr('Give exactly one CSV file.\nUsage: dcs-hub import-learning FILE.csv [--dry-run]');
        return 2;
      }
      const [path] = positionals;
      const csv = await readFile(path).catch(() => null);
      if (!csv) {
        io.stderr(`Cannot read ${path}`);
        return 2;
      }
      const config = loadConfig();
      const logger = createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
      const hub = await startHub(config, logger, { ingestWhenEmpty: true });
      try {
        const report = await importLearningCsv(hub, { fileName: path, csv, dryRun: values['dry-run'] === true, onChanges: hub.search.indexChanges });
        io.stdout(report.summaryLine);
        return 0;
      } catch (error) {
        if (error instanceof LearningImportError) {
          io.stderr(error.message);
          return 1;
        }
        throw error;
      } finally {
        await hub.close();
      }
    },
  },
  keys: {
    summary: 'Create, list and revoke API keys (contributor, editor, admin); a key is shown once, only its hash is kept.',
    usage: `dcs-hub keys create --role ${KEY_ROLES.map((r) => r.toLowerCase()).join('|')} --name NAME\n       dcs-hub keys list\n       dcs-hub keys revoke PREFIX`,
    options: { role: { type: 'string' }, name: { type: 'string' } },
    ownArguments: true,
    async run(_values, argv) {
      const parsed = subcommandArguments(commands.keys, argv);
      if (typeof parsed === 'number') return parsed;
      const { values, positionals: [action, ...args] } = parsed;
      const role = String(values.role ?? '').toUpperCase();
      if (action === 'create' && (!isKeyRole(role) || !values.name || args.length > 0)) {
        io.stderr(`keys create needs --role (${KEY_ROLES.map((r) => r.toLowerCase()).join(', ')}) and --name.\nUsage: ${commands.keys.usage}`);
        return 2;
      }
      if ((action === 'list' && args.length > 0) || (action === 'revoke' && args.length !== 1) || !['create', 'list', 'revoke'].includes(action ?? '')) {
        io.stderr(`Usage: ${commands.keys.usage}`);
        return 2;
      }
      const config = loadConfig();
      const hub = await startHub(config, createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel }), { ingestWhenEmpty: false });
      try {
        const keys = new ApiKeysService(hub.db.orm.em.fork());
        if (action === 'create' && isKeyRole(role)) {
          const { key, record } = await keys.create(commandLineActor(), { role, name: String(values.name) });
          io.stdout(`Created ${record.role} key "${record.name}" (prefix ${record.prefix}). It is shown only this once; send it as "Authorization: Bearer <key>":\n${key}`);
        } else if (action === 'list') {
          const rows = await keys.list();
          if (rows.length === 0) io.stdout('No API keys.');
          for (const k of rows) io.stdout(`${k.prefix}  ${k.role.padEnd(11)} ${k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active'.padEnd(32)}  created ${k.createdAt.toISOString()}  ${k.name}`);
        } else {
          const record = await keys.revoke(commandLineActor(), args[0]);
          io.stdout(`Revoked ${record.role} key "${record.name}" (prefix ${record.prefix}); it stops working on its next request.`);
        }
        return 0;
      } catch (error) {
        if (error instanceof HubError) {
          io.stderr(error.message);
          return 1;
        }
        throw error;
      } finally {
        await hub.close();
      }
    },
  },
  audit: {
    summary: 'Verify the audit log\'s hash chain and report the first broken link (exit 1 when broken).',
    usage: 'dcs-hub audit verify',
    options: {},
    ownArguments: true,
    async run(_values, argv) {
      const parsed = subcommandArguments(commands.audit, argv);
      if (typeof parsed === 'number') return parsed;
      if (parsed.positionals.length !== 1 || parsed.positionals[0] !== 'verify') {
        io.stderr(`Usage: ${commands.audit.usage}`);
        return 2;
      }
      const config = loadConfig();
      const hub = await startHub(config, createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel }), { ingestWhenEmpty: false });
      try {
        const result = await verifyAuditChain(hub.db.orm.em.fork());
        if (result.firstBroken) {
          io.stderr(`Audit chain BROKEN at entry ${result.firstBroken.id}: ${result.firstBroken.reason}. ${result.checked} of ${result.total} entries verified before it.`);
          return 1;
        }
        io.stdout(`Audit chain verified: ${result.checked} entries, head ${result.headHash}`);
        return 0;
      } finally {
        await hub.close();
      }
    },
  },
  schema: {
    summary: 'Print the GraphQL schema (SDL), or write it to a file.',
    usage: 'dcs-hub schema [--out FILE]',
    options: { out: { type: 'string' } },
    async run(values) {
      const sdl = await printHubSchema();
      if (values.out) {
        await writeFile(values.out as string, sdl);
        io.stdout(`schema written to ${values.out}`);
      } else {
        process.stdout.write(sdl);
      }
      return 0;
    },
  },
};

/** Without a terminal (CI, cron, a supervisor) progress goes to the log at debug level, every 5%. */
function progressLog(logger: Logger) {
  let lastStep = -1;
  return {
    update(done: number, total: number) {
      const step = total ? Math.floor((done / total) * 20) : 20;
      if (step === lastStep) return;
      lastStep = step;
      logger.debug({ done, total }, 'ingest progress');
    },
    finish() {},
  };
}

/** Commands with subcommands (`keys create`, `audit verify`): their options, positionals, and `--help` anywhere. */
function subcommandArguments(command: Command, argv: string[]): number | { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(`${command.summary}\n\nUsage: ${command.usage}`);
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({ args: argv, options: command.options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    io.stderr(`${(error as Error).message}\nUsage: ${command.usage}`);
    return 2;
  }
}

function progressBar() {
  let last = '';
  return {
    update(done: number, total: number) {
      const width = 30;
      const filled = total ? Math.round((done / total) * width) : width;
      const line = `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} documents`;
      if (line !== last) process.stderr.write(line);
      last = line;
    },
    finish() {
      if (last) process.stderr.write('\n');
    },
  };
}

function helpText(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return `Usage: dcs-hub <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "dcs-hub <command> --help" for a command's options. Configuration comes from environment variables (see README).`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`Unknown command "${name}".\n\n${helpText()}`);
    return 2;
  }
  if (command.ownArguments) return command.run({}, rest);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.summary}\n\nUsage: ${command.usage}`);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: command.positionals ?? false, strict: true });
  } catch (error) {
    io.stderr(`${(error as Error).message}\nUsage: ${command.usage}`);
    return 2;
  }
  try {
    return await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(error.message);
      return 2;
    }
    // A failure the hub names (bad content, an unreachable database) is its message; a JavaScript engine error is a
    // defect, and its stack is what a report of it needs.
    const defect = error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error instanceof SyntaxError;
    io.stderr(`dcs-hub ${name} failed: ${defect ? (error as Error).stack : (error as Error).message}`);
    return 1;
  }
}
