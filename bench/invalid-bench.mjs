// Peak RSS of `hanko-tui validate` (text and --json, default --max-issues) on files whose every record
// is invalid (a user_id that is not a UUID), 1M and 5M records: memory must not grow with the number
// of problems, only the counts do. Target: 256 MB each. Part of `npm run bench`.
//
// Options: --records N[,M...] (default 1000000,5000000), --dir DIR (default $HANKO_BENCH_DIR or
// <tmpdir>/hanko-tui-bench); the files (about 160 MB a million) are kept there for the next run.

import {existsSync, mkdirSync, openSync, renameSync, writeSync, closeSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {measureNode, peakRssMethod} from './measure-child.mjs';
import {defaultDir} from './generate.mjs';

const repoDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const targetMB = 256;

function option(name, fallback) {
	const at = process.argv.indexOf(name);
	return at >= 0 ? process.argv[at + 1] : fallback;
}

/** Written a megabyte at a time, so that generating 5M records needs no more memory than 1M. */
function ensureFile(dir, records) {
	const file = path.join(dir, `users-invalid-${records}.json`);
	if (existsSync(file)) return file;
	mkdirSync(dir, {recursive: true});
	const partial = `${file}.partial`;
	const fd = openSync(partial, 'w');
	let text = '[\n';
	for (let i = 0; i < records; i++) {
		text += `  {"user_id": "not-a-uuid-${i}", "emails": [{"address": "user${i}@example.com", "is_primary": true, "is_verified": true}], "created_at": "2023-07-11T13:41:50Z"}${i + 1 < records ? ',' : ''}\n`;
		if (text.length > 1 << 20) {
			writeSync(fd, text);
			text = '';
		}
	}

	writeSync(fd, `${text}]\n`);
	closeSync(fd);
	renameSync(partial, file);
	return file;
}

const dir = option('--dir', defaultDir());
const sizes = option('--records', '1000000,5000000').split(',').map(Number);
console.log(`All-invalid records, default --max-issues; peak RSS by ${peakRssMethod}; target <= ${targetMB} MB`);
let failed = 0;
for (const records of sizes) {
	const file = ensureFile(dir, records);
	for (const json of [false, true]) {
		const result = await measureNode([path.join(repoDir, 'dist/cli.js'), 'validate', file, ...(json ? ['--json'] : [])]);
		const ok = result.code === 1 && result.peakRssMB <= targetMB;
		if (!ok) failed++;
		console.log(
			`  ${ok ? 'PASS' : 'FAIL'} ${records.toLocaleString('en-US')} records${json ? ' --json' : ''}: ${result.peakRssMB.toFixed(0)} MB, ${result.seconds.toFixed(1)} s, exit ${result.code}${result.code === 1 ? '' : ` ${result.stderr.trim().split('\n').at(-1)}`}`,
		);
	}
}

process.exitCode = failed === 0 ? 0 : 1;
