import {spawnSync} from 'node:child_process';
import {readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempDir} from '../../helpers/temp-dir.js';

describe('SplitArrayWriter', () => {
	const temp = useTempDir();

	it('a part that cannot be written out fails the add, and abort leaves no file behind, the next part included', () => {
		// The built module in a process of its own, limited to 1 MiB files: the first part's last bytes
		// fail as the part is closed, while the part after it is being opened. Opening a part first looks
		// for what killed runs left beside it: 20,000 other files in the folder make that the slower of the
		// two, so the open is still on its way when the add fails (in the other order abort finds the part)
		const out = path.join(temp(), 'out');
		const script = path.join(temp(), 'split.mjs');
		writeFileSync(
			script,
			`
import {closeSync, mkdirSync, openSync, readdirSync} from 'node:fs';
mkdirSync(${JSON.stringify(out)});
for (let i = 0; i < 20000; i++) closeSync(openSync(${JSON.stringify(out)} + '/other-' + i, 'w'));
const {SplitArrayWriter} = await import(${JSON.stringify(path.resolve('dist/core/split/users-array-writer.js'))});
const writer = await SplitArrayWriter.create(${JSON.stringify(path.join(out, 'users.json'))}, 1_500_000);
const record = JSON.stringify({user_id: 'x'.repeat(990)});
let failure = 'none';
try {
	for (let i = 0; i < 3000; i++) { const waiting = writer.add(record); if (waiting) await waiting; }
} catch (error) {
	failure = error.code;
	await writer.abort();
}
console.log(JSON.stringify({failure, left: readdirSync(${JSON.stringify(out)}).filter(name => !name.startsWith('other-'))}));`,
		);
		const result = spawnSync('bash', ['-c', 'trap "" XFSZ; ulimit -f 1024; exec "$0" "$@"', process.execPath, script], {
			encoding: 'utf8',
		});
		expect(result.stderr).toBe('');
		expect(JSON.parse(result.stdout)).toEqual({failure: 'EFBIG', left: []});
		expect(readdirSync(out).filter(name => !name.startsWith('other-'))).toEqual([]);
	});
});
