import {mouseFlag, mouseHelp} from './shared/shared-flags.js';
import {copyFileSync, mkdtempSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {defineCommand} from './shared/command.js';
import {interruptedExitCodes, helpText} from './shared/help-text.js';
import {onTerminal} from './shared/on-terminal.js';
import {runScreen} from './shared/run-screen.js';
import {reportFlags, reportHelp, reportOptions} from './shared/report-flags.js';
import {UsageError} from './shared/usage-error.js';

export const demo = defineCommand({
	name: 'demo',
	synopsis: 'demo',
	summary: 'validate a bundled example with problems of every kind',
	flags: {...reportFlags, ...mouseFlag},
	help: helpText({
		about: [
			'Validates an example import file that ships with hanko-tui and has problems of every kind.',
			'On a terminal the validation screen opens, then the home screen, whose export screen is pointed',
			'at a mock Admin API; elsewhere, or with --json, it prints the report as validate does.',
		],
		usage: ['demo', '--demo'],
		options: [...reportHelp, mouseHelp],
		exitCodes: [
			'1  without a terminal: the example has records Hanko would refuse, as it should',
			'2  a usage error',
			interruptedExitCodes,
		],
		examples: ['hanko-tui demo', 'hanko-tui demo --json | head -40'],
	}),
	async run(input, flags) {
		if (input.length > 0) throw new UsageError('demo takes no file: its example ships with hanko-tui');
		const options = reportOptions(flags);
		const {hankoVersion} = options;
		// The example ships in the package: found next to dist/, wherever it is installed
		const example = fileURLToPath(new URL('../../fixtures/broken.json', import.meta.url));
		if (!onTerminal(flags.json)) {
			const {validateHeadless} = await import('./validate-headless.js'); // loaded only now (see command-list.ts)
			return validateHeadless(example, options);
		}

		// The home screen follows, with the export screen pointed at a mock API on loopback
		const {MockAdminApi} = await import('../mock-api/mock-admin-api.js');
		const mock = new MockAdminApi({users: 2000, key: 'demo-key', faults: {latencyMs: 5, rate429: 0.02, retryAfter: 1}});
		const url = await mock.listen();
		try {
			// The demo works in a fresh private folder: the fixed file that `w` writes beside the example,
			// and the export, land there, not in the installed package (nor under a fixed name in a shared
			// /tmp, which could be taken first)
			const folder = mkdtempSync(path.join(os.tmpdir(), 'hanko-tui-demo-'));
			const copy = path.join(folder, path.basename(example));
			copyFileSync(example, copy);
			return await runScreen({
				file: copy,
				remember: false,
				homeAfter: true,
				hankoVersion,
				mouse: flags.mouse,
				exportDefaults: {url, key: 'demo-key', out: path.join(folder, 'users.json'), rememberUrl: false},
			});
		} finally {
			await mock.close();
		}
	},
});
