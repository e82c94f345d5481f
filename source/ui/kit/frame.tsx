import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {fit} from './format.js';

type Props = {
	/** The first line, in bold, cut to the width. */
	title: string;
	/** The last line: the keys that matter here, or a question or notice in their place. */
	status?: string;
	columns: number;
	children?: ReactNode;
};

/** The look every screen shares: a bold title line, the body, and the status bar at the bottom. */
export function Frame({title, status, columns, children}: Props) {
	return (
		<Box flexDirection="column" width={columns}>
			<Text bold wrap="truncate">
				{fit(title, columns)}
			</Text>
			{children}
			{status === undefined ? undefined : <Text wrap="truncate">{fit(status, columns)}</Text>}
		</Box>
	);
}
