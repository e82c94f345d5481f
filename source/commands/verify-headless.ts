import process from 'node:process';
import {type VerifyReport, verifyFile} from '../core/target/verify-run.js';
import {count} from '../core/text/count.js';
import {terminalSafeLines} from '../core/text/terminal-safe.js';
import {type TargetCommandOptions, runTargetCommand} from './shared/target-command.js';

export type VerifyHeadlessOptions = TargetCommandOptions & {retry: string; deep: boolean};

/** The report as text: the counts, then each user missing or different (the first 50 of each). */
export function describeVerify(report: VerifyReport): string {
	const shown = 50;
	const more = (n: number) => (n > shown ? [`  … and ${count(n - shown)} more (--json lists them all)`] : []);
	return [
		`${report.file}: ${count(report.users)} users; in the project as the file gave them: ${count(report.matched)}; missing: ${count(report.missing.length)}; different: ${count(report.mismatched.length)}${report.deep ? '' : ' (passwords and OTP secrets not checked: --deep)'}`,
		...report.missing.slice(0, shown).map(user => `  missing   entry ${count(user.record + 1)}  ${user.userId ?? user.email ?? ''}`),
		...more(report.missing.length),
		...report.mismatched
			.slice(0, shown)
			.map(user => `  differs   entry ${count(user.record + 1)}  ${user.userId}: ${user.fields.join(', ')}`),
		...more(report.mismatched.length),
		...(report.unreadable.length > 0 ? [`not users (fix the file first): ${count(report.unreadable.length)} records`] : []),
		...(report.retry ? [`the missing users, as an import file: ${report.retry}`] : []),
		...(report.resumedAt === undefined
			? []
			: [`(went on from entry ${count(report.resumedAt + 1)}, where an interrupted run stopped)`]),
		report.missing.length + report.mismatched.length === 0 ? 'Every user arrived.' : 'Not every user arrived as the file gave it.',
	].join('\n');
}

/** `hanko-tui verify`: the file against the project after an import. */
export async function verifyHeadless(file: string, options: VerifyHeadlessOptions): Promise<number> {
	return runTargetCommand(file, [['--retry', options.retry]], options, async ({client, concurrency, context, signal, line}) => {
		const report = await verifyFile(file, client, {
			context,
			deep: options.deep,
			concurrency,
			retry: options.retry,
			// Beside the retry file: the same command goes on where an interrupted one stopped
			checkpoint: `${options.retry}.checkpoint`,
			signal,
			onProgress(checked) {
				line.update(`verifying: ${count(checked)} users looked up`);
			},
		});
		line.clear();
		process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${terminalSafeLines(describeVerify(report))}\n`);
		return report.missing.length + report.mismatched.length === 0 && report.unreadable.length === 0 ? 0 : 1;
	});
}
