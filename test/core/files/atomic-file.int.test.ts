import {spawnSync} from 'node:child_process';
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {AtomicFile} from '../../../source/core/files/atomic-file.js';
import {useTempDir} from '../../helpers/temp-dir.js';

describe('AtomicFile', () => {
	const temp = useTempDir();

	it('writes beside the target under a hidden name that carries this process id, for the user only', async () => {
		const target = path.join(temp(), 'users.json');
		const file = await AtomicFile.create(target);
		expect(path.dirname(file.temporary)).toBe(temp());
		expect(path.basename(file.temporary)).toMatch(new RegExp(`^\\.users\\.json\\.${process.pid}-[0-9a-f]{12}\\.partial$`));
		expect(statSync(file.temporary).mode & 0o777).toBe(0o600);
		await file.abort();
	});

	it('leaves the previous file until commit, then replaces it whole', async () => {
		const target = path.join(temp(), 'users.json');
		writeFileSync(target, 'before');
		const file = await AtomicFile.create(target);
		file.write('aft');
		file.write(Buffer.from('er'));
		expect(readFileSync(target, 'utf8')).toBe('before');
		await file.commit();
		expect(readFileSync(target, 'utf8')).toBe('after');
		expect(readdirSync(temp())).toEqual(['users.json']);
	});

	it('keeps the order of writes larger than its buffer', async () => {
		const target = path.join(temp(), 'big.bin');
		const file = await AtomicFile.create(target, {sync: false});
		const big = Buffer.alloc(3 << 20, 0x62);
		file.write('a');
		await file.write(big);
		file.write('c');
		await file.commit();
		const written = readFileSync(target);
		expect(written.length).toBe(big.length + 2);
		expect([written[0], written[1], written.at(-2), written.at(-1)]).toEqual([0x61, 0x62, 0x62, 0x63]);
	});

	it('abort removes the temporary file and leaves the target as it was', async () => {
		const target = path.join(temp(), 'users.json');
		writeFileSync(target, 'before');
		const file = await AtomicFile.create(target);
		file.write('half');
		await file.abort();
		expect(readdirSync(temp())).toEqual(['users.json']);
		expect(readFileSync(target, 'utf8')).toBe('before');
	});

	it('removeLeftoversSync removes the temporary files still open, not the committed ones', async () => {
		const done = await AtomicFile.create(path.join(temp(), 'done.json'));
		await done.commit();
		const open = [await AtomicFile.create(path.join(temp(), 'a.json')), await AtomicFile.create(path.join(temp(), 'b.json'))];
		expect(readdirSync(temp())).toHaveLength(3);
		AtomicFile.removeLeftoversSync();
		expect(readdirSync(temp())).toEqual(['done.json']);
		// The process goes on here: their handles are closed (a handle left to the garbage collector is
		// a deprecation warning in whichever test runs next)
		await Promise.all(open.map(async file => file.abort()));
		expect(readdirSync(temp())).toEqual(['done.json']);
	});

	it('removes what killed runs left beside its target (their pid is gone), before its first file there', async () => {
		const target = path.join(temp(), 'users.fixed.json');
		const dead = path.join(temp(), '.users.fixed.json.2147483646-0123456789ab.partial');
		const live = path.join(temp(), `.users.fixed.json.${process.pid}-0123456789ab.partial`);
		const other = path.join(temp(), '.other.json.2147483646-0123456789ab.partial');
		for (const file of [dead, live, other]) writeFileSync(file, 'user data');
		const file = await AtomicFile.create(target);
		file.write('[]');
		await file.commit();
		expect(readdirSync(temp()).toSorted()).toEqual([path.basename(other), path.basename(live), 'users.fixed.json'].toSorted());
	});

	it('fails at a file size limit instead of renaming a file cut short into place', () => {
		// The built module in a process of its own, limited to 2 MB files (the last write is a short one)
		const script = path.join(temp(), 'write.mjs');
		const target = path.join(temp(), 'big.bin');
		writeFileSync(
			script,
			`
const {AtomicFile} = await import(${JSON.stringify(path.resolve('dist/core/files/atomic-file.js'))});
const file = await AtomicFile.create(${JSON.stringify(target)});
try {
	for (let i = 0; i < 30000; i++) { const waiting = file.write('x'.repeat(99) + '\\n'); if (waiting) await waiting; }
	await file.commit();
	console.log('committed');
} catch (error) {
	console.log(error.code);
}`,
		);
		const result = spawnSync('bash', ['-c', 'trap "" XFSZ; ulimit -f 2048; exec "$0" "$@"', process.execPath, script], {
			encoding: 'utf8',
		});
		expect(result.stdout.trim()).toBe('EFBIG');
		expect(readdirSync(temp()).toSorted()).toEqual(['write.mjs']);
	});

	it('replace writes text whole', async () => {
		const target = path.join(temp(), 'state.json');
		await AtomicFile.replace(target, '{"a":1}', {sync: false});
		await AtomicFile.replace(target, '{"a":2}', {sync: false});
		expect(readFileSync(target, 'utf8')).toBe('{"a":2}');
		expect(readdirSync(temp())).toEqual(['state.json']);
	});
});
