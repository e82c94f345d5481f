import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {fit} from './format.js';
import {useSize} from './use-size.js';

/** The smallest terminal the layouts are made for: below it they would overlap or cut every line. */
export const minimumSize = {columns: 80, rows: 24};

/** The notice shown instead of a screen on a terminal below the minimum, or undefined when it fits. */
export function tooSmall(size: {columns: number; rows: number}): string | undefined {
	if (size.columns >= minimumSize.columns && size.rows >= minimumSize.rows) return undefined;
	return `terminal too small (need ${minimumSize.columns}x${minimumSize.rows}, this one is ${size.columns}x${size.rows})`;
}

type Props = {
	/** The first line, in bold, cut to the width. */
	title: string;
	/** The last line: the keys that matter here, or a question or notice in their place. */
	status?: string;
	columns: number;
	children?: ReactNode;
};

/**
 * The look every screen shares: a bold title line, the body, and the status bar at the bottom. On a
 * terminal below the minimum, a notice takes its place (the screen's state is kept: it comes back as it
 * was when the terminal grows).
 */
export function Frame({title, status, columns, children}: Props) {
	const size = useSize();
	const notice = tooSmall(size);
	if (notice) {
		const width = Math.max(1, size.columns - 1);
		return (
			<Box flexDirection="column" width={width}>
				<Text bold wrap="truncate">
					{fit(notice, width)}
				</Text>
				<Text wrap="truncate">{fit('Make the window larger; Ctrl+C quits.', width)}</Text>
			</Box>
		);
	}

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
