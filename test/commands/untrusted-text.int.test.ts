import {spawnSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempDir} from '../helpers/temp-dir.js';

const cli = path.resolve('dist/cli.js');

/** Anything a terminal would act on: C0 (line breaks aside), DEL and C1 controls. */
const controls = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;

describe('text from the file reaches the terminal only as escapes', () => {
	const temp = useTempDir();

	it('in the text report and the fix summary: keys, values and messages that hold escape sequences', () => {
		const file = path.join(temp(), 'escapes.json');
		// Raw control characters in keys and values: a title change, a screen clear, colours, a C1 CSI
		const user = {
			user_id: '11111111-1111-4111-8111-111111111111',
			username: 'ann',
			'\u001B]0;PWNED\u0007\u001B[2J': 1,
			webauthn_credentials: [{id: 'a', public_key: 'p', attestation_type: 'n', transports: ['u\u001B[41m', 'u\u001B[41m']}],
			emails: [{address: '\u009B31m@x.com', is_primary: true, is_verified: true}],
		};
		writeFileSync(file, JSON.stringify([user]));
		const validate = spawnSync(process.execPath, [cli, 'validate', file], {encoding: 'utf8'});
		expect(validate.status).toBe(1);
		expect(validate.stdout).toContain(String.raw`/\u001b]0;PWNED\u0007\u001b[2J`);
		expect(validate.stdout).toContain(String.raw`transport "u\u001b[41m" is repeated`);
		expect(validate.stdout).not.toMatch(controls);
		const fix = spawnSync(process.execPath, [cli, 'fix', file, '--out', path.join(temp(), 'fixed.json')], {encoding: 'utf8'});
		expect(`${fix.stdout}${fix.stderr}`).not.toMatch(controls);
	});

	it('in a fatal line naming the file', () => {
		const file = path.join(temp(), 'bad\u001B[31mname.json');
		writeFileSync(file, '[{"user_id": ');
		const validate = spawnSync(process.execPath, [cli, 'validate', file], {encoding: 'utf8'});
		expect(validate.status).toBe(2);
		expect(validate.stderr).toContain(String.raw`bad\u001b[31mname.json`);
		expect(`${validate.stdout}${validate.stderr}`).not.toMatch(controls);
	});
});
