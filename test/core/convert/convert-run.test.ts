import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {UnknownSourceError, convertFile, defaultConvertFiles} from '../../../source/core/convert/convert-run.js';
import {Cancelled, CommitError} from '../../../source/core/errors.js';
import {expectedReport, writeSupabaseExport} from '../../helpers/provider-exports.js';
import {useTempDir} from '../../helpers/temp-dir.js';

describe('convertFile', () => {
	const temp = useTempDir();

	it('converts on worker threads (JSON) and on this thread (CSV), and puts the files in place on commit', async () => {
		for (const format of ['json', 'csv'] as const) {
			const dir = path.join(temp(), format);
			mkdirSync(dir);
			const exported = writeSupabaseExport(dir, format);
			const files = defaultConvertFiles(exported.file);

			const pending = await convertFile(exported.file, files, {includeDisabled: false, workers: 2});
			expect(pending.report).toEqual(expectedReport(exported));
			expect(existsSync(files.out)).toBe(false); // Nothing in place before the commit
			await pending.commit();
			expect((JSON.parse(readFileSync(files.out, 'utf8')) as unknown[]).length).toBe(pending.report.written);
		}
	});

	it('says a cancel is a cancel (not a failure) on either path, and leaves no file behind', async () => {
		for (const format of ['json', 'csv'] as const) {
			const dir = path.join(temp(), format);
			mkdirSync(dir);
			const exported = writeSupabaseExport(dir, format);
			const aborter = new AbortController();
			aborter.abort();

			const error = await convertFile(exported.file, defaultConvertFiles(exported.file), {
				includeDisabled: false,
				signal: aborter.signal,
			}).catch((error_: unknown) => error_);
			expect(error).toBeInstanceOf(Cancelled);
			expect(readdirSync(dir)).toEqual([path.basename(exported.file)]);
		}
	});

	it('a commit that fails part way is a CommitError naming the files already in place', async () => {
		const exported = writeSupabaseExport(temp(), 'json');
		const files = defaultConvertFiles(exported.file);
		const pending = await convertFile(exported.file, files, {includeDisabled: false});
		mkdirSync(files.out); // The import file, renamed last, cannot replace a folder
		const error = await pending.commit().catch((error_: unknown) => error_);
		expect(error).toBeInstanceOf(CommitError);
		expect((error as CommitError).written).toEqual([files.map, files.rejects]);
		expect(error).not.toBeInstanceOf(Cancelled);
	});

	it('refuses a file of no provider it knows with UnknownSourceError', async () => {
		const file = path.join(temp(), 'other.json');
		writeFileSync(file, '[{"something": "else"}]');
		await expect(convertFile(file, defaultConvertFiles(file), {includeDisabled: false})).rejects.toBeInstanceOf(UnknownSourceError);
	});
});
