import {Text} from 'ink';
import {fit} from './format.js';
import {Frame} from './frame.js';
import {type Screen, helpRows, keysFor} from './keymap.js';

type Props = {
	screen: Screen;
	/** A part of the screen with keys of its own (the path input of the home screen). */
	also?: {title: string; screen: Screen};
	columns: number;
};

/** The keys of a screen, generated from the keymap the handlers use. */
export function HelpView({screen, also, columns}: Props) {
	const rows = helpRows(screen);
	const more = also ? helpRows(also.screen) : [];
	const width = Math.max(...[...rows, ...more].map(row => row.keys.length));
	const line = (row: {keys: string; description: string}, section: string) => (
		<Text key={`${section}-${row.keys}`} wrap="truncate">
			{fit(`  ${row.keys.padEnd(width)}  ${row.description}`, columns)}
		</Text>
	);
	return (
		<Frame title="Keys" columns={columns}>
			{rows.map(row => line(row, 'main'))}
			{also ? <Text bold>{also.title}</Text> : undefined}
			{more.map(row => line(row, 'also'))}
			<Text dimColor>{`${keysFor('help', ['help', 'back']).join(', ')}: back`}</Text>
		</Frame>
	);
}
