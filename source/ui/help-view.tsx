import {Box, Text} from 'ink';
import {fit} from './format.js';
import {type Screen, helpRows} from './keymap.js';

/** The keys of a screen, generated from the keymap the handlers use. */
export function HelpView({screen, columns}: {screen: Screen; columns: number}) {
	const rows = helpRows(screen);
	const width = Math.max(...rows.map(row => row.keys.length));
	return (
		<Box flexDirection='column' width={columns}>
			<Text bold>Keys</Text>
			{rows.map(row => <Text key={row.keys} wrap='truncate'>{fit(`  ${row.keys.padEnd(width)}  ${row.description}`, columns)}</Text>)}
			<Text dimColor>? or q: back</Text>
		</Box>
	);
}
