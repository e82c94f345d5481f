import {Text} from 'ink';
import {describeSummary} from '../../core/export/describe-summary.js';
import type {ExportState} from './export-state.js';
import {bar, count, duration, fit, wrap} from '../kit/format.js';
import {Frame} from '../kit/frame.js';
import {fieldWindow} from '../kit/text-input.js';

type Props = {state: ExportState; columns: number; status: string};

/** What a form built on the export's (the target screen's) says in place of the export's words. */
export type FormWords = {intro: string; out: string; deep: string};

const exportWords: FormWords = {
	intro: "Export every user from Hanko's Admin API into its import format. The key is never saved.",
	out: 'Output file',
	deep: 'read every user once more to count passwords and OTP secrets (Space)',
};

/** The form's lines: URL, masked key, output file and (when the form has it) the Deep checkbox. */
export function formLines(state: ExportState, columns: number, words: FormWords = exportWords): string[] {
	// The field being edited shows its cursor, and the part of a long value around it
	const field = (name: typeof state.field, label: string, value: string, show: (text: string) => string = text => text) =>
		`${state.field === name ? '>' : ' '} ${label.padEnd(12)} ${state.field === name ? fieldWindow({value, cursor: state.cursor}, columns - 16, show) : show(value)}`;
	const dots = (text: string) => '•'.repeat([...text].length);
	const shown = state.fields ?? ['url', 'key', 'out', 'deep'];
	return [
		words.intro,
		'',
		field('url', 'API URL', state.url),
		state.keyFromEnv
			? `${state.field === 'key' ? '>' : ' '} ${'API key'.padEnd(12)} (given: HANKO_API_KEY, --api-key-file or the demo; not shown)`
			: state.key
				? field('key', 'API key', state.key, dots)
				: `${field('key', 'API key', '')}(none: for a self-hosted Admin API without authentication)`,
		field('out', words.out, state.out),
		...(shown.includes('deep')
			? [`${state.field === 'deep' ? '>' : ' '} ${'Deep'.padEnd(12)} [${state.deep ? 'x' : ' '}] ${words.deep}`]
			: []),
	];
}

function runLines(state: ExportState, columns: number): string[] {
	const progress = state.progress;
	if (!progress) return ['connecting…'];
	const width = Math.max(10, Math.min(40, columns - 40));
	if (progress.phase === 'check') {
		const fraction = progress.toCheck > 0 ? progress.checked / progress.toCheck : 1;
		return [
			`${bar(fraction, width)} ${Math.floor(fraction * 100)}%  looking up users walk ${progress.walk} did not see: ${count(progress.checked)}/${count(progress.toCheck)}`,
			`${progress.concurrency} at once  requests ${count(progress.requests)}  retries ${count(progress.retries)}`,
		];
	}

	if (progress.phase === 'write') return [`writing ${state.out} (${count(progress.users)} users)…`];
	const total = progress.total;
	const fraction = total !== undefined && total > 0 ? Math.min(1, progress.users / total) : 0;
	const remaining =
		total !== undefined && progress.usersPerSecond > 0
			? duration((Math.max(0, total - progress.users) / progress.usersPerSecond) * 1000)
			: '–';
	return [
		`${bar(fraction, width)} ${Math.floor(fraction * 100)}%  users ${count(progress.users)}/${total === undefined ? '?' : count(total)}  pages ${count(progress.page)}/${progress.pages > 0 ? count(progress.pages) : '?'}`,
		`${count(progress.usersPerSecond)} users/s  ETA ${remaining}  walk ${progress.walk}  ${progress.concurrency} at once  retries ${count(progress.retries)}  429s ${count(progress.rateLimited)}${state.paused ? '  PAUSED (p goes on)' : ''}`,
	];
}

/** The export screen: the form, then the run with its progress and recent events, then the summary. */
export function ExportView({state, columns, status}: Props) {
	const title = state.stage === 'form' ? 'Export users' : `Export ${state.url} → ${state.out}`;
	let body: string[];
	if (state.stage === 'form') body = formLines(state, columns);
	else if (state.stage === 'running')
		body = [...runLines(state, columns), '', 'Recent events', ...state.events.map(event => `  ${event}`)];
	// The summary's caveats are the point of it: wrapped, never cut
	else if (state.stage === 'done' && state.summary)
		body = describeSummary(state.summary)
			.split('\n')
			.flatMap(line => wrap(line, columns));
	else {
		// The message says what went wrong and what helps: wrapped, never cut
		const message = wrap(state.message, Math.max(10, columns - 2)).map(line => `  ${line}`);
		const next = state.restartOffered
			? 'r discards the interrupted export and starts over; Enter goes back to the form.'
			: 'The checkpoint is kept: Enter goes back to the form, where Enter resumes.';
		body = ['The export stopped:', ...message, '', ...wrap(next, columns)];
	}
	return (
		<Frame title={title} status={status} columns={columns}>
			{body.map((line, index) => (
				<Text key={`b-${index}`} wrap="truncate">
					{fit(line, columns) || ' '}
				</Text>
			))}
			<Text wrap="truncate">{state.message && state.stage !== 'failed' ? fit(`» ${state.message}`, columns) : ' '}</Text>
		</Frame>
	);
}
