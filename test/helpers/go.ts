// Real Go for the differential tests (test/core/go/*-differential.test.ts): finds a toolchain, builds
// one of our standard-library-only programs in test/go/<name>/main.go and runs it on a batch of input.
// Without a toolchain the tests skip, saying why: Go is a test oracle, not a dependency.
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export type GoToolchain = {
	/** What runs it: HANKO_TUI_GO, or `go` from PATH. */
	command: string;
	/** `go version`'s answer, e.g. "go version go1.23.5 linux/amd64". */
	version: string;
	/** Minor release of Go 1.x (19 for go1.19.8); Hanko builds with a much newer one. */
	minor: number;
};

export type GoLookup = {toolchain: GoToolchain; reason?: undefined} | {toolchain?: undefined; reason: string};

const programsDir = fileURLToPath(new URL('../go/', import.meta.url));

/** The toolchain to test against: env HANKO_TUI_GO if set, else `go` on PATH. */
export function findGo(): GoLookup {
	const command = process.env.HANKO_TUI_GO ?? 'go';
	let version: string;
	try {
		version = execFileSync(command, ['version'], {encoding: 'utf8', timeout: 30_000, env: goEnv()}).trim();
	} catch (error) {
		const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
		return {
			reason: `no Go toolchain (${process.env.HANKO_TUI_GO ? `HANKO_TUI_GO=${command}` : '`go` on PATH'}: ${why}); set HANKO_TUI_GO to run the differential tests against Go`,
		};
	}

	const match = /\bgo1\.(\d+)/.exec(version);
	if (!match) return {reason: `cannot read the Go release from \`${command} version\`: ${version}`};
	return {toolchain: {command, version, minor: Number(match[1])}};
}

/** Whether the toolchain is Go 1.`minor` or later. */
export function goAtLeast(toolchain: GoToolchain, minor: number): boolean {
	return toolchain.minor >= minor;
}

/** A short name for titles, e.g. "go1.23.5". */
export function goLabel(lookup: GoLookup): string {
	return lookup.toolchain ? (/\bgo1\.[\w.]+/.exec(lookup.toolchain.version)?.[0] ?? lookup.toolchain.version) : 'no Go';
}

/** Prints once per test file which Go is used, or why the differential tests are skipped. */
export function announceGo(lookup: GoLookup, what: string): void {
	if (lookup.toolchain) console.log(`${what}: against ${lookup.toolchain.version} (${lookup.toolchain.command})`);
	else console.warn(`${what}: SKIPPED, ${lookup.reason}`);
}

/**
 * Offline, module-free builds that work as root on a fresh CI machine: GOPATH mode (our programs
 * import only the standard library), no cgo (no C compiler needed for net/mail's imports), no
 * toolchain switching, and a build cache of our own when none is configured (a fresh machine may
 * have no HOME; the cache is kept between runs so that Go releases that compile the standard
 * library on first use, 1.20 and later, pay that once).
 */
function goEnv(): NodeJS.ProcessEnv {
	const scratch = path.join(tmpdir(), `hanko-tui-go-${process.getuid?.() ?? 'user'}`); // Go creates what is missing
	return {
		...process.env,
		GOCACHE: process.env.GOCACHE ?? path.join(scratch, 'cache'),
		GOPATH: process.env.GOPATH ?? path.join(scratch, 'path'),
		GO111MODULE: 'off',
		CGO_ENABLED: '0',
		GOTOOLCHAIN: 'local',
		GOFLAGS: '',
		// Times come out with the offset they were written with, never a local zone's
		TZ: 'UTC',
	};
}

export type GoProgram = {
	/** Runs the program with these arguments on `input` (its whole stdin) and returns its stdout. */
	run(args: readonly string[], input: string): string;
	/** Removes the built program. */
	dispose(): void;
};

/** Builds test/go/<name>/main.go into a temporary folder. */
export function buildGoProgram(toolchain: GoToolchain, name: string): GoProgram {
	const dir = mkdtempSync(path.join(tmpdir(), `hanko-tui-go-${name}-`));
	const env = goEnv();
	const binary = path.join(dir, name);
	const build = spawnSync(toolchain.command, ['build', '-o', binary, 'main.go'], {
		cwd: path.join(programsDir, name),
		env,
		encoding: 'utf8',
		timeout: 240_000,
	});
	if (build.status !== 0) {
		rmSync(dir, {recursive: true, force: true});
		throw new Error(`go build of test/go/${name} failed (${build.error?.message ?? `exit ${build.status}`}):\n${build.stderr}`);
	}

	return {
		run(args, input) {
			const result = spawnSync(binary, args, {input, env, encoding: 'utf8', maxBuffer: 1 << 30, timeout: 60_000});
			if (result.status !== 0)
				throw new Error(
					`test/go/${name} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stderr}`,
				);
			return result.stdout;
		},
		dispose() {
			rmSync(dir, {recursive: true, force: true});
		},
	};
}

/** Runs one input a line and returns one output line per input, checking that none is missing. */
export function runLines(program: GoProgram, args: readonly string[], lines: readonly string[]): string[] {
	const output = program.run(args, lines.length === 0 ? '' : `${lines.join('\n')}\n`);
	const results = output.split('\n');
	results.pop(); // After the last newline
	if (results.length !== lines.length) throw new Error(`expected ${lines.length} lines from the Go program, got ${results.length}`);
	return results;
}
