import {defaultDeltaFile} from '../core/target/output-names.js';
import {defineCommand} from './shared/command.js';
import {helpText, interruptedExitCodes} from './shared/help-text.js';
import {checkedHankoVersion} from './shared/shared-flags.js';
import {checkTargetFlags, targetFlags, targetHelp} from './shared/target-flags.js';
import {UsageError} from './shared/usage-error.js';

export const preflight = defineCommand({
	name: 'preflight',
	synopsis: 'preflight <file>',
	summary: 'check a file against the project before an import: users there already, collisions',
	flags: {
		...targetFlags,
		delta: {type: 'string'},
	},
	help: helpText({
		about: [
			"Checks every user of an import file against the project's users before the import: users there",
			'already (same user_id and primary email: imported before), and collisions, where another user of the',
			"project holds the file user's user_id, email, username or credential id. Hanko imports a file in one",
			'transaction: one such user rolls the whole file back.',
		],
		usage: ['preflight <file> --api-url <url>'],
		notes: ["The project's users are read once, page by page, into memory (about 240 bytes a user with one address)."],
		options: [
			...targetHelp,
			'--delta <file>      the users neither present nor colliding, as an import file',
			'                    (default <name>.delta.json)',
		],
		exitCodes: [
			'0  nothing collides (users present already are left out of the delta file)',
			'1  users collide with users of the project (the report lists them)',
			'2  the file or the Admin API could not be read, or a usage error',
			interruptedExitCodes,
		],
		examples: [
			'HANKO_API_KEY=… hanko-tui preflight users.fixed.json --api-url https://<project>.hanko.io/admin',
			'hanko-tui preflight users.fixed.manifest.json --api-url http://localhost:8001 --json > preflight.json',
		],
	}),
	async run(input, flags) {
		if (input.length !== 1) throw new UsageError('preflight needs exactly one file: hanko-tui preflight <file> --api-url <url>');
		const {apiUrl, concurrency} = checkTargetFlags('preflight', flags);
		const file = input[0]!;
		const {preflightHeadless} = await import('./preflight-headless.js'); // undici with it: see target-flags.ts
		return preflightHeadless(file, {
			...flags,
			apiUrl,
			concurrency,
			hankoVersion: checkedHankoVersion(flags.hankoVersion),
			delta: flags.delta ?? defaultDeltaFile(file),
		});
	},
});
