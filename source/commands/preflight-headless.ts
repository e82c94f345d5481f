import process from 'node:process';
import {type PreflightReport, preflightFile} from '../core/target/preflight-run.js';
import {count} from '../core/text/count.js';
import {terminalSafeLines} from '../core/text/terminal-safe.js';
import {type TargetCommandOptions, runTargetCommand} from './shared/target-command.js';

export type PreflightHeadlessOptions = TargetCommandOptions & {delta: string};

export function describePreflight(report: PreflightReport): string {
	const shown = 50;
	return [
		`${report.file}: ${count(report.users)} users; the project has ${count(report.targetUsers)} (listed) users`,
		`already in the project (imported before): ${count(report.alreadyPresent.length)}`,
		`colliding with another user of the project: ${count(new Set(report.collisions.map(collision => collision.record)).size)}`,
		...report.collisions
			.slice(0, shown)
			.map(
				collision =>
					`  entry ${count(collision.record + 1)}  ${collision.field} ${collision.value} is held by ${collision.existingUserId}`,
			),
		...(report.collisions.length > shown ? [`  … and ${count(report.collisions.length - shown)} more (--json lists them all)`] : []),
		...(report.unreadable.length > 0 ? [`not users (fix the file first): ${count(report.unreadable.length)} records`] : []),
		`the ${count(report.deltaUsers)} users that can be imported: ${report.delta ?? '(not written)'}`,
		...(report.resumedAt === undefined
			? []
			: [`(went on from entry ${count(report.resumedAt + 1)}, where an interrupted run stopped)`]),
		report.collisions.length > 0
			? 'Hanko would refuse this file: import the delta file, and resolve the collisions listed.'
			: report.alreadyPresent.length > 0
				? 'Nothing collides; users imported before would make the whole file fail: import the delta file.'
				: 'Nothing collides: Hanko will take the file as it is.',
	].join('\n');
}

/** `hanko-tui preflight`: the file against the project before an import. */
export async function preflightHeadless(file: string, options: PreflightHeadlessOptions): Promise<number> {
	return runTargetCommand(file, [['--delta', options.delta]], options, async ({client, concurrency, context, signal, line}) => {
		const report = await preflightFile(file, client, {
			context,
			delta: options.delta,
			// Beside the delta file: the same command goes on where an interrupted one stopped
			checkpoint: `${options.delta}.checkpoint`,
			concurrency,
			signal,
			onProgress(progress) {
				line.update(
					progress.phase === 'target'
						? `reading the project: ${count(progress.done)}${progress.total === undefined ? '' : `/${count(progress.total)}`} users`
						: `checking the file: ${count(progress.done)} users`,
				);
			},
		});
		line.clear();
		process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${terminalSafeLines(describePreflight(report))}\n`);
		return report.collisions.length > 0 ? 1 : 0;
	});
}
