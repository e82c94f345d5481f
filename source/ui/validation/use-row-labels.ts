import {useEffect, useEffectEvent, useState} from 'react';
import type {ValidationRun} from '../../core/engine/validation-run.js';
import {recordLabel} from './record-label.js';

/**
 * Who each visible row's user is (user id or email), read again from the file for the rows in view
 * only. `recordAt` gives the record of a list row; `version` must change whenever what it gives does
 * (problems arriving, a filter): the rows' labels are looked at again then.
 */
export function useRowLabels(
	run: ValidationRun,
	from: number,
	to: number,
	version: string | number,
	recordAt: (row: number) => number | null,
): ReadonlyMap<number, string> {
	const [labels, setLabels] = useState(() => new Map<number, string>());
	// The records of rows `from` to `to` with no label yet: the labels read so far are a cache, not a trigger
	const missingIn = useEffectEvent((from: number, to: number): number[] => {
		const missing: number[] = [];
		for (let i = from; i < to; i++) {
			const record = recordAt(i);
			if (record !== null && !labels.has(record)) missing.push(record);
		}

		return missing;
	});
	useEffect(() => {
		const missing = missingIn(from, to);
		const reader = run.recordReader();
		// Where records are slow to read (a large gzip file), no labels rather than a slow list
		if (missing.length === 0 || !reader?.quick) return;
		let current = true;
		void reader
			.readMany(missing)
			.then(found => {
				if (!current) return;
				setLabels(previous => {
					// Keep the map small: labels of rows long out of view are read again if needed
					const next = new Map(previous.size > 2000 ? [] : previous);
					for (const record of missing) next.set(record, recordLabel(found.get(record)?.text));
					return next;
				});
			})
			.catch(() => undefined);
		return () => {
			current = false;
		};
	}, [run, from, to, version]);
	return labels;
}
