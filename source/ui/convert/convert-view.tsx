import path from 'node:path';
import {Text} from 'ink';
import {lossReportLines, nothingWrittenReason} from '../../core/convert/describe-loss-report.js';
import {containerName, sourceNames} from '../../core/convert/source-kinds.js';
import {terminalSafe} from '../../core/text/terminal-safe.js';
import {type ConvertState, asideLabel} from './convert-state.js';
import {bar, count, fit} from '../kit/format.js';
import {Frame} from '../kit/frame.js';
import {fieldWindow} from '../kit/text-input.js';

type Props = {state: ConvertState; columns: number; status: string};

const asideHints = {
	auth0: "Auth0's password-hash export; without it passwords need a reset",
	firebase: 'scrypt parameters from the console; without them passwords are dropped',
} as const;

function formLines(state: ConvertState, columns: number): string[] {
	const {layout} = state;
	const label = asideLabel(layout);
	const field = (name: typeof state.field, title: string, value: string) =>
		`${state.field === name ? '>' : ' '} ${title.padEnd(16)} ${value}`;
	// The field being edited shows its cursor, and the part of a long path around it
	const text = (name: 'out' | 'aside', value: string, empty = '') =>
		state.field !== name ? value || empty : value ? fieldWindow({value, cursor: state.cursor}, columns - 20) : `▏${empty}`;
	return [
		`${path.basename(state.file)} is an export of ${sourceNames[layout.kind]} (${containerName(layout)}), not a Hanko import file.`,
		"Convert it into Hanko's import format? The export itself is never changed.",
		'',
		field('out', 'Output file', text('out', state.out)),
		...(label
			? [
					field('aside', label, text('aside', state.aside, '(none)')),
					`  ${' '.repeat(16)} ${asideHints[layout.kind as keyof typeof asideHints]}`,
				]
			: []),
		field(
			'disabled',
			'Disabled users',
			`[${state.includeDisabled ? 'x' : ' '}] keep them (space flips); otherwise they go to the rejects`,
		),
	];
}

function runLines(state: ConvertState, columns: number): string[] {
	const progress = state.progress;
	if (!progress) return ['reading…'];
	const fraction = progress.size > 0 ? Math.min(1, progress.bytesRead / progress.size) : 0;
	return [`${bar(fraction, Math.max(10, Math.min(40, columns - 30)))} ${Math.floor(fraction * 100)}%  users ${count(progress.users)}`];
}

/** The convert screen: the offer, the run, the loss report before anything is written, or why it stopped. */
export function ConvertView({state, columns, status}: Props) {
	const title = `Convert ${path.basename(state.file)} → ${state.out}`;
	let body: string[];
	if (state.stage === 'form') body = formLines(state, columns);
	else if (state.stage === 'running') body = runLines(state, columns);
	else if (state.stage === 'report' && state.report && state.files) {
		const nothing = nothingWrittenReason(state.report, state.files, false);
		body = [
			...lossReportLines(state.report, state.files, false),
			...(nothing ? [`Warning: ${nothing}; written, the session exits 1.`] : []),
			'',
			state.committing ? 'writing…' : 'Nothing is written yet: Enter writes these files and checks the import file; d drops them.',
		];
	} else
		body = [
			'The conversion stopped:',
			`  ${state.message}`,
			'',
			state.partlyWritten ? 'The files named above were written; the import file was not.' : 'Nothing was written.',
		];
	return (
		<Frame title={title} status={status} columns={columns}>
			{/* The loss report wraps (every count matters); the form's lines are cut to the width */}
			{body.map((line, index) => (
				<Text key={`b-${index}`} wrap={state.stage === 'report' ? 'wrap' : 'truncate'}>
					{terminalSafe(line) || ' '}
				</Text>
			))}
			<Text wrap="truncate">{state.message && state.stage !== 'failed' ? fit(`» ${state.message}`, columns) : ' '}</Text>
		</Frame>
	);
}
