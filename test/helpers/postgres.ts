import {type SpawnOptions, execFileSync, spawn, spawnSync} from 'node:child_process';
import {chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import pg from 'pg';

// A throwaway PostgreSQL server for tests: its own data directory in a temporary folder, reached only
// through a unix socket in that folder (no TCP port to collide with anything), fsync off. As root
// (CI, containers) it runs as the `postgres` system user, because initdb and postgres refuse root.

export const schemaFile = path.resolve('test/db/hanko-import-schema.sql');

/** Where PostgreSQL's server binaries are: $HANKO_TUI_PG_BIN, else Debian's /usr/lib/postgresql/<version>/bin, 15 first. */
function findBinDir(): string | undefined {
	const fromEnv = process.env.HANKO_TUI_PG_BIN;
	if (fromEnv) return fromEnv;
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter(name => /^\d+$/.test(name))
		.map(Number);
	// Hanko's own compose files use postgres:12-alpine; VARCHAR(n), NUL and integer behave alike in every version since
	const version = versions.includes(15) ? 15 : Math.max(...versions);
	return Number.isFinite(version) ? path.join(root, String(version), 'bin') : undefined;
}

type Runner = {uid: number; gid: number} | undefined;

/** The uid and gid to run the server as: the postgres user when we are root, ourselves otherwise. */
function findRunner(): Runner | string {
	if (process.getuid?.() !== 0) return undefined;
	try {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], {encoding: 'utf8'}).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], {encoding: 'utf8'}).trim());
		return {uid, gid};
	} catch {
		return 'running as root and there is no `postgres` system user to run the server as';
	}
}

const binDir = findBinDir();
const runner = findRunner();

/** Why the PostgreSQL tests cannot run here, or undefined when they can. */
export const postgresUnavailable: string | undefined = (() => {
	if (binDir === undefined)
		return 'PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin; set HANKO_TUI_PG_BIN or apt-get install postgresql)';
	for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
		if (!existsSync(path.join(binDir, tool))) return `PostgreSQL's ${tool} is missing from ${binDir}`;
	}

	return typeof runner === 'string' ? runner : undefined;
})();

/** Runs one of PostgreSQL's programs (as the server's user) to completion; throws with its output when it fails. */
function runTool(tool: string, args: string[], cwd: string): Promise<void> {
	const options: SpawnOptions = {cwd, stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, LC_ALL: 'C'}};
	if (typeof runner === 'object') Object.assign(options, runner);
	return new Promise((resolve, reject) => {
		const child = spawn(path.join(binDir!, tool), args, options);
		let output = '';
		child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', reject);
		child.on('close', code =>
			code === 0 ? resolve() : reject(new Error(`${tool} ${args.join(' ')} exited with ${code}:\n${output}`)),
		);
	});
}

export class TempPostgres {
	private stopped = false;
	private readonly stopAtExit = () => this.stopNow();

	private constructor(
		readonly dir: string,
		readonly version: string,
	) {
		// A test worker that dies without afterAll must not leave a server behind
		process.once('exit', this.stopAtExit);
	}

	private get dataDir(): string {
		return path.join(this.dir, 'data');
	}

	/** initdb, start, and wait until it takes connections. Removes everything again when a step fails. */
	static async start(): Promise<TempPostgres> {
		if (postgresUnavailable) throw new Error(postgresUnavailable);
		const dir = mkdtempSync(path.join(tmpdir(), 'hanko-tui-pg-'));
		if (typeof runner === 'object') chownSync(dir, runner.uid, runner.gid);
		// `postgres --version` is answered before the check for root
		const version = execFileSync(path.join(binDir!, 'postgres'), ['--version'], {encoding: 'utf8'}).trim();
		const server = new TempPostgres(dir, version);
		try {
			// UTF8 like Hanko's databases: VARCHAR(n) then counts characters, not bytes
			await runTool(
				'initdb',
				['-D', server.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'],
				dir,
			);
			const settings = [`-k ${dir}`, '-c listen_addresses=', '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'];
			// -w: pg_ctl returns once the server reports itself ready (it reads postmaster.pid, no fixed sleep)
			await runTool(
				'pg_ctl',
				['-D', server.dataDir, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', settings.join(' '), 'start'],
				dir,
			);
			await server.waitForConnections();
			return server;
		} catch (error) {
			await server.stop();
			throw error;
		}
	}

	/** A client of `database` (connected), through the unix socket. */
	async connect(database = 'postgres'): Promise<pg.Client> {
		const client = new pg.Client({host: this.dir, user: 'postgres', database});
		await client.connect();
		return client;
	}

	/** A new database with our copy of Hanko's tables (test/db/hanko-import-schema.sql) and a client of it. */
	async createHankoDatabase(name: string): Promise<pg.Client> {
		const admin = await this.connect();
		try {
			await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE template0 ENCODING 'UTF8'`);
		} finally {
			await admin.end();
		}

		const client = await this.connect(name);
		try {
			await client.query(readFileSync(schemaFile, 'utf8'));
		} catch (error) {
			// Closed here: the caller never gets the client, and a connection the server drops at stop is an unhandled error
			await client.end();
			throw error;
		}

		return client;
	}

	/** The server's log, for a failure message. */
	log(): string {
		try {
			return readFileSync(path.join(this.dir, 'server.log'), 'utf8');
		} catch {
			return '';
		}
	}

	/** Stops the server at once (nothing in it is worth a clean shutdown) and removes the folder. */
	async stop(): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		process.off('exit', this.stopAtExit);
		try {
			if (existsSync(path.join(this.dataDir, 'postmaster.pid')))
				await runTool('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop'], this.dir);
		} finally {
			rmSync(this.dir, {recursive: true, force: true});
		}
	}

	/** The same, synchronously, for process exit. */
	private stopNow(): void {
		if (this.stopped) return;
		this.stopped = true;
		const options = typeof runner === 'object' ? {...runner, stdio: 'ignore' as const} : {stdio: 'ignore' as const};
		spawnSync(path.join(binDir!, 'pg_ctl'), ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop'], {...options, cwd: this.dir});
		rmSync(this.dir, {recursive: true, force: true});
	}

	/** pg_ctl -w has seen the server ready; a first connection can still race its socket, so retry a few times. */
	private async waitForConnections(): Promise<void> {
		let lastError: unknown;
		for (let attempt = 0; attempt < 50; attempt++) {
			try {
				const client = await this.connect();
				await client.end();
				return;
			} catch (error) {
				lastError = error;
				await new Promise(resolve => {
					setTimeout(resolve, 100);
				});
			}
		}

		throw new Error(`PostgreSQL did not take connections: ${String(lastError)}\n${this.log()}`);
	}
}
