import path from 'node:path';
import {defineCommand} from './shared/command.js';
import {helpText, interruptedExitCodes} from './shared/help-text.js';
import {hankoVersionHelp} from './shared/shared-flags.js';
import {checkTargetFlags, targetFlags, targetHelp} from './shared/target-flags.js';
import {UsageError} from './shared/usage-error.js';

/** `users.profile.ndjson` → `users.profile.failures.ndjson` beside it. */
export function defaultFailuresFile(file: string): string {
	const base = path.basename(file).replace(/\.(?:ndjson|jsonl|json)$/i, '');
	return path.join(path.dirname(file), `${base}.failures.ndjson`);
}

const {hankoVersion: _checkedNothing, ...flagsOfTarget} = targetFlags;

export const applyProfile = defineCommand({
	name: 'apply-profile',
	synopsis: 'apply-profile <file>',
	summary: 'after an import, set the names, pictures and metadata that convert --profile kept',
	flags: {
		...flagsOfTarget,
		failures: {type: 'string'},
	},
	help: helpText({
		about: [
			'Sets what the import file could not hold, line by line from the profile file convert --profile',
			'wrote: names and picture through PATCH /users/{id}, metadata through PATCH /users/{id}/metadata.',
			'Run it once the import file is imported: a user the project does not have fails its line (404).',
			'The file comes from: hanko-tui convert <export> --out users.json --profile users.profile.ndjson',
		],
		usage: ['apply-profile <file> --api-url <url>'],
		notes: [
			'An interrupted run keeps a checkpoint beside the failures file: the same command goes on from there',
			'and sends no request again that was answered. A 429 lowers the requests at once; busy servers and',
			'network blips are retried. Progress on stderr, the report on stdout.',
		],
		options: [
			// No import file is checked here: Hanko's version does not matter
			...targetHelp.filter(line => !hankoVersionHelp.includes(line)),
			'--failures <file>   the lines that failed, each with why (default <name>.failures.ndjson); a',
			'                    profile file itself: apply-profile takes it again once the cause is fixed',
		],
		exitCodes: [
			'0  every line was applied',
			'1  some lines failed (users not imported, values refused): the report and the failures file say why',
			'2  the file or the Admin API could not be read (a refused key, say), or a usage error',
			interruptedExitCodes,
		],
		examples: [
			'HANKO_API_KEY=… hanko-tui apply-profile users.profile.ndjson --api-url https://<project>.hanko.io/admin',
			'hanko-tui apply-profile users.profile.ndjson --api-url http://localhost:8001 --json > applied.json',
		],
	}),
	async run(input, flags) {
		if (input.length !== 1)
			throw new UsageError('apply-profile needs exactly one file: hanko-tui apply-profile <file> --api-url <url>');
		const {apiUrl, concurrency} = checkTargetFlags('apply-profile', flags);
		const file = input[0]!;
		const {applyProfileHeadless} = await import('./apply-profile-headless.js'); // loaded only now (see command-list.ts)
		return applyProfileHeadless(file, {...flags, apiUrl, concurrency, failures: flags.failures ?? defaultFailuresFile(file)});
	},
});
