// Small text helpers for the views: numbers, durations and fitting text into a terminal line.

import {terminalSafe} from '../../core/text/terminal-safe.js';

export {count} from '../../core/text/count.js';

export function duration(ms: number): string {
	const seconds = Math.max(0, Math.round(ms / 1000));
	return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * Cuts `text` to `width` characters, marking the cut with an ellipsis; made safe for the terminal
 * first (every line of a view goes through here).
 */
export function fit(text: string, width: number): string {
	if (width <= 0) return '';
	const safe = terminalSafe(text);
	const chars = [...safe];
	return chars.length <= width ? safe : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

/** `text` made safe and broken at spaces into lines of at most `width` characters (a longer word is cut). */
export function wrap(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	// A word longer than a line (a path, a URL) is broken into pieces rather than cut
	const words = terminalSafe(text)
		.split(' ')
		.flatMap(word => {
			const chars = [...word];
			if (chars.length <= width) return [word];
			const pieces: string[] = [];
			for (let at = 0; at < chars.length; at += width) pieces.push(chars.slice(at, at + width).join(''));
			return pieces;
		});
	for (const word of words) {
		const candidate = line ? `${line} ${word}` : word;
		if ([...candidate].length <= width || !line) {
			line = candidate;
		} else {
			lines.push(line);
			line = word;
		}
	}

	lines.push(line);
	return lines.map(each => fit(each, width));
}

/** `[#####-----]` of `width` characters for a fraction 0..1: shape, not colour, carries the meaning. */
export function bar(fraction: number, width: number): string {
	const inner = Math.max(0, width - 2);
	const filled = Math.round(Math.min(1, Math.max(0, fraction)) * inner);
	return `[${'#'.repeat(filled)}${'-'.repeat(inner - filled)}]`;
}

/**
 * A record as a person reads it: Hanko's import log counts entries from 1, so the screens do too
 * ("entry 17" is the record at index 16). The JSON report keeps the 0-based index.
 */
export function entry(record: number): string {
	return `entry ${(record + 1).toLocaleString('en-US')}`;
}
