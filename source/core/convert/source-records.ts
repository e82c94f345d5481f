import {CsvError, parse} from 'csv-parse';
import {describeIoError, maxRecordBytes, readBatches, smallBatchBytes} from '../engine/read-batches.js';
import {type InputStream, openInputStream} from '../files/input-stream.js';
import type {Fatal} from '../framing/frame-types.js';
import {firebaseUserFromCsv} from './providers/firebase.js';
import {auth0UserFromCsv} from './providers/auth0-csv.js';
import {framedRecords} from './framed-records.js';
import {type SourceContainer, type SourceKind, arrayKeyOf} from './source-kinds.js';
import {hideEscapedCommas, restoreEscapedCommas} from './cognito-escapes.js';

// The users of another provider's export, in file order and in batches, whatever the layout: JSON is
// framed by the validator's own reader (records parsed here, one by one), CSV by csv-parse.

export type SourceRecord = {
	/** Position in the file, from 0. */
	index: number;
	/** Line the record starts on. */
	line: number;
	/** The user as an object keyed by field name, or undefined when the record could not be read. */
	value: unknown;
	/** Why the record could not be read. */
	error?: string;
	/** What was read instead, for the rejects file: the text of a record that is no JSON, the cells of a CSV row. */
	raw?: unknown;
};

export type RecordHandlers = {
	/** May return a promise to hold reading back. */
	batch(records: SourceRecord[]): void | Promise<void>;
	/** Bytes of the file on disk read so far, and its size. */
	progress?(bytesRead: number, size: number): void;
};

const csvBatch = 1000;
// firebase-tools has written 27, 28 and 29 cells a line over its versions (each line ends with a
// comma), and 53 since 15.19.0, when six more sign-in providers got their four cells each
const isFirebaseWidth = (cells: number) => (cells >= 26 && cells <= 29) || cells === 52 || cells === 53;
const firebaseWidthsSaid = '27 to 29, or 53';

async function readJson(file: string, container: SourceContainer, handlers: RecordHandlers, kind?: SourceKind): Promise<Fatal | undefined> {
	let size = 0;
	const outcome = await readBatches(
		file,
		{
			header(header) {
				size = header.bytes;
			},
			progress(bytesRead) {
				handlers.progress?.(bytesRead, size);
			},
			async batch(batch) {
				await handlers.batch([...framedRecords(batch)]);
			},
		},
		{arrayKey: arrayKeyOf({kind, container}), batchBytes: smallBatchBytes},
	);
	return outcome.fatal;
}

const widthSample = 64;

/** The width most rows have among Firebase's own widths, or undefined when none has one of them. */
function usualWidth(rows: ReadonlyArray<{cells: readonly string[]}>): number | undefined {
	const counts = new Map<number, number>();
	for (const {cells} of rows) if (isFirebaseWidth(cells.length)) counts.set(cells.length, (counts.get(cells.length) ?? 0) + 1);
	let best: number | undefined;
	for (const [width, n] of counts)
		if (best === undefined || n > counts.get(best)! || (n === counts.get(best)! && width < best)) best = width;
	return best;
}

async function readCsv(file: string, headerless: boolean, handlers: RecordHandlers, kind?: SourceKind): Promise<Fatal | undefined> {
	let input: InputStream;
	try {
		input = await openInputStream(file, 256 * 1024);
	} catch (error) {
		return {offset: 0, line: 1, column: 1, message: `cannot read the file: ${describeIoError(error)}`};
	}

	const {size, file: raw} = input;
	// Firebase quotes a cell with a comma without doubling the quotes inside: relax_quotes reads it
	// Cognito escapes a comma in a value as `\,`: hidden from the parser, given back to the cells
	const escapes = kind === 'cognito' ? hideEscapedCommas() : undefined;
	if (escapes) input.stream.on('error', (error: Error) => escapes.destroy(error));
	const rows = (escapes ? input.stream.pipe(escapes) : input.stream).pipe(
		parse({
			bom: true,
			relax_quotes: true,
			relax_column_count: true,
			skip_empty_lines: true,
			info: true,
			max_record_size: maxRecordBytes,
		}),
	);
	(escapes ?? input.stream).on('error', (error: Error) => rows.destroy(error));
	let header: string[] | undefined;
	let width: number | undefined;
	let index = 0;
	let nextLine = 1;
	let emptyLines = 0;
	let records: SourceRecord[] = [];
	let delivering = false;
	const early: Array<{cells: string[]; line: number}> = [];
	// A row wider than the header (or, without one, than Firebase's layout) has its cells shifted:
	// Firebase quotes a name with a comma but not the quotes inside it, so such a name splits. Read on,
	// it would give every later column the wrong value
	const take = async (cells: string[], line: number) => {
		const expected = header?.length ?? width;
		if (expected === undefined || cells.length > expected || (headerless && cells.length !== expected)) {
			const shape = header ? `the header has ${expected}` : `Firebase writes ${expected ?? firebaseWidthsSaid}`;
			records.push({
				index: index++,
				line,
				value: undefined,
				error: `a CSV row of ${cells.length} cells where ${shape}: a quote inside a quoted cell?`,
				raw: cells,
			});
		} else {
			const value = headerless
				? firebaseUserFromCsv(cells)
				: kind === 'auth0'
					? auth0UserFromCsv(header!, cells)
					: Object.fromEntries(header!.map((name, at) => [name, cells[at] ?? '']));
			records.push({index: index++, line, value});
		}

		if (records.length >= csvBatch) {
			delivering = true;
			await handlers.batch(records);
			delivering = false;
			records = [];
			handlers.progress?.(raw.bytesRead, size);
		}
	};

	try {
		for await (const {record: parsed, info} of rows as AsyncIterable<{record: string[]; info: {lines: number; empty_lines: number}}>) {
			const cells = escapes ? restoreEscapedCommas(parsed) : parsed;
			// Blank lines skipped before the record push its start down
			const line = nextLine + info.empty_lines - emptyLines;
			emptyLines = info.empty_lines;
			nextLine = info.lines + 1;
			if (!headerless && !header) {
				header = cells.map(name => name.trim());
				continue;
			}

			if (headerless && width === undefined) {
				// Firebase's width (its version's) is the one most of the first rows have: one odd first row must not set it
				early.push({cells, line});
				if (early.length < widthSample) continue;
				width = usualWidth(early);
				for (const row of early.splice(0)) await take(row.cells, row.line);
				continue;
			}

			await take(cells, line);
		}
	} catch (error) {
		// The handler's own failure (the output's disk is full) is not a fault of this file
		if (delivering) throw error;
		if (!(error instanceof CsvError))
			return {offset: 0, line: nextLine, column: 1, message: `cannot read the file: ${describeIoError(error)}`};
		if (error.code === 'CSV_MAX_RECORD_SIZE')
			return {
				offset: 0,
				line: nextLine,
				column: 1,
				message: `the record that starts on line ${nextLine} is longer than ${maxRecordBytes >> 20} MB: a quote is probably not closed`,
			};
		const {lines, empty_lines: empties} = error as CsvError & {lines?: number; empty_lines?: number};
		if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
			// The quote runs to the end of the file, where csv-parse stops: the place to look is where its record starts
			const start = nextLine + (empties ?? emptyLines) - emptyLines;
			return {
				offset: 0,
				line: start,
				column: 1,
				message: `a quoted cell of the record that starts on line ${start} is never closed: the file is truncated or a quote is missing`,
			};
		}

		return {
			offset: 0,
			line: lines ?? nextLine,
			column: 1,
			message: error.message.replace(/^Invalid Record Length: /, '').split('\n')[0]!,
		};
	}

	if (early.length > 0) {
		width = usualWidth(early);
		for (const row of early.splice(0)) await take(row.cells, row.line);
	}

	if (!header && index === 0) return {offset: 0, line: 1, column: 1, message: 'the file is empty'};
	if (records.length > 0) await handlers.batch(records);
	handlers.progress?.(size, size);
	return undefined;
}

/** Reads every user of the file; a fault that stops reading is returned with its place. */
export async function readSourceRecords(
	file: string,
	container: SourceContainer,
	handlers: RecordHandlers,
	kind?: SourceKind,
): Promise<Fatal | undefined> {
	if (container === 'csv' || container === 'headerless-csv') return readCsv(file, container === 'headerless-csv', handlers, kind);
	return readJson(file, container, handlers, kind);
}
