import {appendFileSync, renameSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {stampOf, unchangedSince} from '../../../source/core/files/source-stamp.js';
import {useTempDir} from '../../helpers/temp-dir.js';

const anHourAgo = new Date(Date.now() - 3_600_000);
const statsOf = (file: string) => statSync(file, {bigint: true});

describe('the stamp of a source file', () => {
	const temp = useTempDir();

	it('says a file is unchanged only when it is the same file, of the same size and time of change, settled before it was stamped', () => {
		const file = path.join(temp(), 'users.json');
		writeFileSync(file, '[]\n');
		expect(unchangedSince(stampOf(file), statsOf(file))).toBe(false); // Changed just now: it may change again unseen
		utimesSync(file, anHourAgo, anHourAgo);
		const stamp = stampOf(file);
		expect(unchangedSince(stamp, statsOf(file))).toBe(true);

		appendFileSync(file, ' ');
		expect(unchangedSince(stamp, statsOf(file))).toBe(false);
		utimesSync(file, anHourAgo, anHourAgo);
		expect(unchangedSince(stamp, statsOf(file))).toBe(false); // Another size

		writeFileSync(file, '[]\n');
		utimesSync(file, anHourAgo, anHourAgo);
		expect(unchangedSince(stamp, statsOf(file))).toBe(true); // Put back as it was: what the stamp can tell
		utimesSync(file, anHourAgo, new Date(anHourAgo.getTime() + 1));
		expect(unchangedSince(stamp, statsOf(file))).toBe(false);

		// Another file renamed over it, alike in all but its inode
		const other = path.join(temp(), 'other.json');
		writeFileSync(other, '[]\n');
		utimesSync(other, anHourAgo, anHourAgo);
		renameSync(other, file);
		expect(unchangedSince(stamp, statsOf(file))).toBe(false);

		expect(stampOf(temp())).toBeUndefined();
		expect(stampOf(path.join(temp(), 'missing.json'))).toBeUndefined();
		expect(unchangedSince(undefined, statsOf(file))).toBe(false);
	});
});
