import {Text} from 'ink';
import {shortPath} from '../kit/file-paths.js';
import {terminalSafe} from '../../core/text/terminal-safe.js';
import {fit} from '../kit/format.js';
import {fieldWindow} from '../kit/text-input.js';
import {Frame} from '../kit/frame.js';
import {SelectableLine} from '../kit/selectable-line.js';
import {type HomeItem, type HomeState, homeItems} from './home-state.js';

/** Lines of the home screen besides the recent files: `recentRows` fills the rest of the terminal. */
const chromeLines = 13;

export function recentRows(rows: number): number {
	return Math.max(1, rows - 1 - chromeLines);
}

type Props = {
	state: HomeState;
	columns: number;
	rows: number;
	status: string;
	hankoVersion?: string;
};

/** The end of `text` within `width`: a long path keeps its file name, an input keeps its cursor. */
function tail(text: string, width: number): string {
	const chars = [...text];
	return chars.length <= width ? text : `…${chars.slice(chars.length - width + 1).join('')}`;
}

function itemText(item: HomeItem, columns: number): string {
	switch (item.kind) {
		case 'open': {
			return `Open a file…      check an import file, or convert another provider's export`;
		}

		case 'export': {
			return `Export users      from the Admin API into Hanko's import format`;
		}

		case 'recent': {
			return tail(terminalSafe(shortPath(item.file)), columns - 4);
		}

		case 'quit': {
			return 'Quit';
		}
	}
}

/** The home screen: what hanko-tui can do, the files checked lately, and the path input. */
export function HomeView({state, columns, rows, status, hankoVersion}: Props) {
	const items = homeItems(state.recent);
	const line = (index: number) => (
		<SelectableLine
			key={`item-${index}`}
			text={itemText(items[index]!, columns)}
			selected={index === state.cursor && state.screen === 'home'}
			columns={columns}
		/>
	);

	// The recent files are windowed around the cursor when more of them are kept than the terminal shows
	const recentCount = state.recent.length;
	const room = recentRows(rows);
	const cursorInRecent = Math.min(Math.max(0, state.cursor - 2), Math.max(0, recentCount - 1));
	const firstRecent = Math.max(0, Math.min(cursorInRecent - room + 1, recentCount - room));
	// Where the cursor is among the recent files (they come after the two actions at the top)
	const onRecent = state.cursor >= 2 && state.cursor < 2 + recentCount;
	const shownRecent = Array.from({length: Math.min(room, recentCount)}, (_, offset) => 2 + firstRecent + offset);
	const label = 'File to check: ';
	const typed = terminalSafe(state.typed);
	const input =
		state.screen === 'path'
			? label + fieldWindow({value: state.typed, cursor: state.typedCursor}, columns - label.length, terminalSafe)
			: state.typed
				? label + tail(typed, columns - label.length - 13) + '  (o to edit)'
				: '';
	const more = state.candidates.length > 0 ? `  ${state.candidates.length} matches` : '';
	const candidates =
		state.candidates.length > 0 ? fit(`  ${terminalSafe(state.candidates.join('  '))}`, columns - more.length) + more : '';
	return (
		<Frame
			title={`hanko-tui · move user accounts into and out of Hanko${hankoVersion ? ` · checks against Hanko ${hankoVersion}` : ''}`}
			status={status}
			columns={columns}
		>
			<Text> </Text>
			{line(0)}
			{line(1)}
			<Text> </Text>
			<Text dimColor wrap="truncate">
				{recentCount === 0
					? 'Recent files: none yet'
					: fit(
							`Recent files${recentCount > room ? ` (${firstRecent + 1}–${firstRecent + shownRecent.length} of ${recentCount})` : ''}${onRecent ? ` · ${state.cursor - 1}/${recentCount}` : ''}`,
							columns,
						)}
			</Text>
			{shownRecent.map(index => line(index))}
			<Text> </Text>
			{line(items.length - 1)}
			<Text> </Text>
			<Text wrap="truncate">{fit(input, columns) || ' '}</Text>
			<Text wrap="truncate">{candidates || ' '}</Text>
			<Text wrap="truncate">{state.message ? fit(`» ${terminalSafe(state.message)}`, columns) : ' '}</Text>
		</Frame>
	);
}
