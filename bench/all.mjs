// `npm run bench`: every bench in turn, each to its end even when an earlier one misses a target; the
// exit code says whether any did. Options (like --big) go to the validation bench.
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
let failed = 0;
for (const script of ['run.mjs', 'invalid-bench.mjs', 'export-bench.mjs', 'convert-bench.mjs', 'target-bench.mjs']) {
	const options = script === 'run.mjs' ? process.argv.slice(2) : [];
	const {status} = spawnSync(process.execPath, [path.join(benchDir, script), ...options], {stdio: 'inherit'});
	if (status !== 0) failed++;
}

process.exitCode = failed === 0 ? 0 : 1;
