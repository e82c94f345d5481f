import {useEffect, useEffectEvent, useState} from 'react';
import type {ValidationRun} from '../../core/engine/validation-run.js';
import {labelOfWho, whoOfText} from '../../core/engine/record-who.js';

/**
 * Who each visible row's user is (email, else user id or username). The run keeps that for the records
 * with problems while it checks them (`run.labels`); a record it has none for (past the labels' budget)
 * is read again from the file, for the rows in view only and only where that is quick (not a large
 * gzip file). `recordAt` gives the record of a list row; `version` must change whenever what it gives
 * does (problems arriving, a filter).
 */
export function useRowLabels(
	run: ValidationRun,
	from: number,
	to: number,
	version: string | number,
	recordAt: (row: number) => number | null,
): (record: number | null) => string {
	const [read, setRead] = useState(() => new Map<number, string>());
	const missingIn = useEffectEvent((from: number, to: number): number[] => {
		const missing: number[] = [];
		for (let i = from; i < to; i++) {
			const record = recordAt(i);
			if (record !== null && !run.labels?.has(record) && !read.has(record)) missing.push(record);
		}

		return missing;
	});
	useEffect(() => {
		const missing = missingIn(from, to);
		const reader = run.recordReader();
		if (missing.length === 0 || !reader?.quick) return;
		let current = true;
		void reader
			.readMany(missing)
			.then(found => {
				if (!current) return;
				setRead(previous => {
					// Keep the map small: labels of rows long out of view are read again if needed
					const next = new Map(previous.size > 2000 ? [] : previous);
					for (const record of missing) {
						const text = found.get(record)?.text;
						next.set(record, text === undefined ? '' : labelOfWho(whoOfText(text, run.ruleContext)));
					}

					return next;
				});
			})
			.catch(() => undefined);
		return () => {
			current = false;
		};
	}, [run, from, to, version]);
	return record => {
		if (record === null) return '';
		return run.labels?.has(record) ? run.labels.label(record) : (read.get(record) ?? '');
	};
}
