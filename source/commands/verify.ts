import {defaultRetryFile} from '../core/target/output-names.js';
import {defineCommand} from './shared/command.js';
import {helpText, interruptedExitCodes} from './shared/help-text.js';
import {checkedHankoVersion} from './shared/shared-flags.js';
import {checkTargetFlags, targetFlags, targetHelp} from './shared/target-flags.js';
import {UsageError} from './shared/usage-error.js';

export const verify = defineCommand({
	name: 'verify',
	synopsis: 'verify <file>',
	summary: 'check after an import that every user of the file arrived as the file gave it',
	flags: {
		...targetFlags,
		retry: {type: 'string'},
		deep: {type: 'boolean', default: false},
	},
	help: helpText({
		about: [
			'Compares an import file with the project after the import: every user is looked up by user_id (by',
			'primary email when the file gave none) and its emails, primary, verified flags, username and',
			'credential ids compared. A split manifest is read as the one file its parts make.',
		],
		usage: ['verify <file> --api-url <url>'],
		notes: ['An interrupted verify keeps a checkpoint beside the retry file: the same command goes on from there.'],
		options: [
			...targetHelp,
			'--retry <file>      the missing users as an import file (default <name>.retry.json), written',
			'                    when some are missing',
			'--deep              also read each user (GET /users/{id}): did its password and OTP secret arrive?',
		],
		exitCodes: [
			'0  every user is in the project as the file gave it',
			'1  users are missing or differ (the report lists them)',
			'2  the file or the Admin API could not be read, or a usage error',
			interruptedExitCodes,
		],
		examples: [
			'HANKO_API_KEY=… hanko-tui verify users.fixed.json --api-url https://<project>.hanko.io/admin',
			'hanko-tui verify users.fixed.manifest.json --api-url http://localhost:8001 --deep --json > verify.json',
		],
	}),
	async run(input, flags) {
		if (input.length !== 1) throw new UsageError('verify needs exactly one file: hanko-tui verify <file> --api-url <url>');
		const {apiUrl, concurrency} = checkTargetFlags('verify', flags);
		const file = input[0]!;
		const {verifyHeadless} = await import('./verify-headless.js'); // undici with it: see target-flags.ts
		return verifyHeadless(file, {
			...flags,
			apiUrl,
			concurrency,
			hankoVersion: checkedHankoVersion(flags.hankoVersion),
			retry: flags.retry ?? defaultRetryFile(file),
		});
	},
});
