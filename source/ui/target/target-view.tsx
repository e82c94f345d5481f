import {Text} from 'ink';
import {formLines} from '../export/export-view.js';
import {count, entry, fit, wrap} from '../kit/format.js';
import {Frame} from '../kit/frame.js';
import {visibleRange} from '../kit/list-window.js';
import {type TargetState, outcomeLines} from './target-state.js';

type Props = {
	state: TargetState;
	/** The JSON text of the entry shown in detail, as lines, when it could be read again. */
	recordLines: readonly string[] | undefined;
	/** Rows the body may take (the terminal's, less the title and the status bar). */
	bodyRows: number;
	columns: number;
	status: string;
};

const words = {
	preflight: {
		title: 'Check against the project',
		intro: "Check the file against the project's users before the import: users there already, and collisions.",
		out: 'Delta file',
		nothing: 'No collisions.',
	},
	verify: {
		title: 'Verify the import',
		intro: 'Compare the file with the project after the import: users missing, or not as the file gave them.',
		out: 'Retry file',
		nothing: 'Every user arrived.',
	},
} as const;

/** Lines of the list's header: where the cursor is among the rows. */
export function positionLine(state: TargetState): string {
	const {total, cursor} = state.list;
	const what = state.mode === 'preflight' ? 'collisions' : 'users missing or different';
	return total === 0 ? '' : `${what}: row ${count(cursor + 1)}/${count(total)} (Enter: detail)`;
}

function runLines(state: TargetState): string[] {
	const {progress} = state;
	if (state.mode === 'preflight') {
		const total = progress.projectTotal === undefined ? '' : `/${count(progress.projectTotal)}`;
		return [`project users read: ${count(progress.projectUsers)}${total}`, `file users checked: ${count(progress.fileUsers)}`];
	}

	return [`file users looked up: ${count(progress.fileUsers)}${state.form.deep ? ' (deep: each read whole)' : ''}`];
}

/** The rows the list of entries gets: the body's, less the outcome above it, a blank line and the position line. */
export function listRoom(state: TargetState, bodyRows: number, columns: number): number {
	return Math.max(3, bodyRows - 1 - outcomeLines(state).flatMap(line => wrap(line, columns)).length - 2);
}

function listLines(state: TargetState, rows: number, columns: number): string[] {
	const outcome = outcomeLines(state).flatMap(line => wrap(line, columns));
	if (state.entries.length === 0) return [...outcome, '', words[state.mode].nothing];
	const {from, to} = visibleRange(state.list);
	const shown = state.entries.slice(from, to).map((item, offset) => {
		const mark = from + offset === state.list.cursor ? '>' : ' ';
		return `${mark} ${entry(item.record).padEnd(14)} ${item.summary}`;
	});
	return [...outcome, '', positionLine(state), ...shown].slice(0, rows);
}

function detailLines(state: TargetState, recordLines: readonly string[] | undefined, rows: number): string[] {
	const item = state.entries[state.list.cursor];
	if (!item) return [];
	const width = Math.max(...item.fields.map(([label]) => label.length));
	const head = [
		`${entry(item.record)}  (row ${count(state.list.cursor + 1)}/${count(state.list.total)}; j/k: the next or previous)`,
		...item.fields.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
		'',
	];
	const body = recordLines ?? ['(the record is read again from the file…)'];
	const room = Math.max(1, rows - head.length);
	return body.length <= room
		? [...head, ...body]
		: [...head, ...body.slice(0, room - 1), `… ${count(body.length - room + 1)} more lines`];
}

/** The target screen: the form, the run's live counts, then the list of what was found and an entry's detail. */
export function TargetView({state, recordLines, bodyRows, columns, status}: Props) {
	const said = words[state.mode];
	const title = state.stage === 'form' ? `${said.title}: ${state.file}` : `${said.title}: ${state.file} → ${state.form.url}`;
	let body: string[];
	if (state.stage === 'form')
		body = [
			...formLines(state.form, columns, {
				intro: said.intro,
				out: said.out,
				deep: 'verify: did passwords and OTP secrets arrive (reads each user whole; Space)',
			}),
		];
	else if (state.stage === 'running') body = runLines(state);
	else if (state.stage === 'failed')
		body = [
			`The ${state.mode === 'preflight' ? 'check' : 'verification'} stopped: ${state.message}`,
			'',
			'Nothing was written. Enter goes back to the form.',
		].flatMap(line => wrap(line, columns));
	else if (state.detail) body = detailLines(state, recordLines, bodyRows - 1);
	else body = listLines(state, bodyRows - 1, columns);
	return (
		<Frame title={title} status={status} columns={columns}>
			{body.map((line, index) => (
				<Text key={`b-${index}`} wrap="truncate">
					{fit(line, columns) || ' '}
				</Text>
			))}
			<Text wrap="truncate">{state.stage === 'form' && state.form.message ? fit(`» ${state.form.message}`, columns) : ' '}</Text>
		</Frame>
	);
}
