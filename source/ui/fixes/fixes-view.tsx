import {Text} from 'ink';
import type {FixChoice} from './fix-choices.js';
import {fit} from '../kit/format.js';
import {Frame} from '../kit/frame.js';
import {SelectableLine} from '../kit/selectable-line.js';
import {type PendingState, type Proposal, describePending} from './fixes-state.js';
import {count} from '../../core/text/count.js';

/** Rows of `items` around `cursor` that fit in `height`: long menus scroll with their cursor. */
function windowOf<T>(items: readonly T[], cursor: number, height: number): {first: number; shown: readonly T[]} {
	const first = Math.max(0, Math.min(cursor - Math.floor(height / 2), items.length - height));
	return {first, shown: items.slice(first, first + height)};
}

type Frame = {rows: number; columns: number; status: string};

export function FixMenuView({
	title,
	choices,
	cursor,
	rows,
	columns,
	status,
}: Frame & {title: string; choices: readonly FixChoice[]; cursor: number}) {
	const {first, shown} = windowOf(choices, cursor, Math.max(1, rows - 4));
	return (
		<Frame title={title} status={status} columns={columns}>
			<Text dimColor wrap="truncate">
				{fit(
					choices.length === 0
						? 'No fix applies here: fix the data at its source, or leave the record to the rejects file.'
						: `Choose a fix (${cursor + 1}/${choices.length}); Enter shows what it does before anything is added.`,
					columns,
				)}
			</Text>
			{shown.map((choice, index) => (
				<SelectableLine key={`c-${first + index}`} text={choice.label} selected={first + index === cursor} columns={columns} />
			))}
		</Frame>
	);
}

export function PreviewView({title, lines, rows, columns, status}: Frame & {title: string; lines: readonly string[] | undefined}) {
	const body = lines ?? ['reading the records again…'];
	const room = Math.max(1, rows - 3);
	const shown = body.length > room ? [...body.slice(0, room - 1), `… ${body.length - room + 1} more lines`] : body;
	return (
		<Frame title={title} status={status} columns={columns}>
			{shown.map((line, index) => (
				<Text key={`p-${index}`} wrap="truncate">
					{fit(line, columns) || ' '}
				</Text>
			))}
		</Frame>
	);
}

export function PendingView({pending, rows, columns, status}: Frame & {pending: PendingState}) {
	const {first, shown} = windowOf(pending.fixes, pending.cursor, Math.max(1, rows - 4));
	return (
		<Frame
			title={`Pending fixes (${pending.fixes.length === 0 ? 0 : `${pending.cursor + 1}/${pending.fixes.length}`}): written by w, each can be taken back with u until then`}
			status={status}
			columns={columns}
		>
			<Text dimColor wrap="truncate">
				{fit('Records with errors that no chosen fix resolves go to the rejects file, not into the output.', columns)}
			</Text>
			{pending.fixes.length === 0 ? <Text> none yet: open a problem (Enter), then a to choose a fix</Text> : undefined}
			{shown.map((fix, index) => (
				<SelectableLine
					key={`f-${fix.id}`}
					text={describePending(fix)}
					selected={first + index === pending.cursor}
					columns={columns}
				/>
			))}
		</Frame>
	);
}

export function SafeFixesView({proposal, rows, columns, status}: Frame & {proposal: Proposal}) {
	const {first, shown} = windowOf(proposal.fixes, proposal.cursor, Math.max(1, rows - 4));
	const problems = proposal.fixes.reduce((sum, fix) => sum + fix.problems, 0);
	const counted = (n: number, what: string) => `${count(n)} ${what}${n === 1 ? '' : what.endsWith('x') ? 'es' : 's'}`;
	return (
		<Frame
			title={`Every safe fix: ${counted(proposal.fixes.length, 'fix')} for ${counted(problems, 'problem')}, what hanko-tui fix applies`}
			status={status}
			columns={columns}
		>
			<Text dimColor wrap="truncate">
				{fit(
					'y adds them to the pending fixes (z takes them back); records with other errors still go to the rejects file.',
					columns,
				)}
			</Text>
			{shown.map((fix, index) => (
				<SelectableLine
					key={`s-${fix.code}`}
					text={describePending(fix)}
					selected={first + index === proposal.cursor}
					columns={columns}
				/>
			))}
		</Frame>
	);
}
