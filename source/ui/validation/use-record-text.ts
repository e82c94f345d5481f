import {ioReason} from '../../core/files/open-private-file.js';
import {useEffect, useState} from 'react';
import type {ValidationRun} from '../../core/engine/validation-run.js';
import {type PrettyLine, prettyLines} from './pretty-record.js';

/** A record read again for the detail view: its lines, and its value when it is JSON (the fixes read it). */
export type RecordText = {
	record: number | null;
	lines: PrettyLine[];
	value: unknown;
	/** Where the record starts in the file: a syntax error's position is found in the text from it. */
	start?: {line: number; column: number};
};

/**
 * The record of the problem the detail view shows, read again from the file by its index (the engine
 * keeps positions); undefined until read. `problem` is the open problem's row, undefined when none is open.
 */
export function useRecordText(run: ValidationRun, problem: number | undefined, record: number | null): RecordText | undefined {
	const [loaded, setLoaded] = useState<RecordText | undefined>();
	useEffect(() => {
		if (problem === undefined) return;
		let current = true;
		const show = (lines: PrettyLine[], value: unknown, start?: {line: number; column: number}) => {
			if (!current) return;
			setLoaded({record, lines, value, start});
		};

		if (record === null) {
			show([], undefined);
		} else if (run.stats.header?.seekable === false) {
			// Its bytes went by once: the problems stand, the text is gone
			show(
				[{text: 'read from a pipe or FIFO, which cannot be read again: save the input to a file to see the record', pointer: ''}],
				undefined,
			);
		} else {
			void run
				.recordReader()
				?.read(record)
				.then(found => {
					try {
						const value: unknown = JSON.parse(found?.text ?? 'null');
						show(prettyLines(value), value, found ? {line: found.line, column: found.column} : undefined);
					} catch {
						// A record with a syntax error is shown as it is in the file
						show(
							(found?.text ?? '').split('\n').map(text => ({text, pointer: ''})),
							undefined,
							found ? {line: found.line, column: found.column} : undefined,
						);
					}
				})
				.catch((error: unknown) => {
					// The file was moved, deleted or changed since it was checked: the problems stand
					show([{text: `cannot read the record again: ${ioReason(error)}`, pointer: ''}], undefined);
				});
		}

		return () => {
			current = false;
		};
	}, [run, problem, record]);
	return loaded;
}
