// One baseline in its own process: parse the file with a general-purpose JSON parser and validate each
// user with the shared ajv schema, counting records and invalid ones.
//
// Usage: node bench/baseline.mjs <jsonparse|jsonstream|stream-json|streamparser> <file>
// Prints one JSON line on stdout: {records, invalid, seconds} or {error}; exit 0, or 3 on failure.

import {createReadStream, readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import process from 'node:process';
import {pipeline} from 'node:stream/promises';
import {compileUserValidator} from './ajv-validator.mjs';

const require = createRequire(import.meta.url);
const chunkSize = 1 << 20; // the same read size as hanko-tui's reader

const [kind, file] = process.argv.slice(2);
const validate = compileUserValidator();
let records = 0;
let invalid = 0;
const check = user => {
	records++;
	if (!validate(user)) invalid++;
};

const baselines = {
	// The whole file as one string, then one JSON.parse.
	async jsonparse() {
		const users = JSON.parse(readFileSync(file, 'utf8'));
		if (!Array.isArray(users)) throw new Error('not a JSON array');
		for (const user of users) check(user);
	},

	// JSONStream (on jsonparse), every element of the top-level array.
	async jsonstream() {
		const JSONStream = require('JSONStream');
		const parser = JSONStream.parse('*');
		parser.on('data', check);
		await pipeline(createReadStream(file, {highWaterMark: chunkSize}), parser);
	},

	// stream-json 1.x: token parser + StreamArray assembling each element.
	async 'stream-json'() {
		const {parser} = require('stream-json');
		const {streamArray} = require('stream-json/streamers/StreamArray');
		const elements = streamArray();
		elements.on('data', ({value}) => check(value));
		await pipeline(createReadStream(file, {highWaterMark: chunkSize}), parser(), elements);
	},

	// @streamparser/json: JSONParser emitting each element of the top-level array.
	async streamparser() {
		const {JSONParser} = await import('@streamparser/json');
		const parser = new JSONParser({paths: ['$.*'], keepStack: false});
		let failure;
		parser.onValue = ({value}) => check(value);
		parser.onError = error => {
			failure ??= error;
		};

		for await (const chunk of createReadStream(file, {highWaterMark: chunkSize})) {
			parser.write(chunk);
			if (failure) throw failure;
		}

		if (!parser.isEnded) parser.end();
		if (failure) throw failure;
	},
};

if (!baselines[kind] || !file) {
	process.stderr.write(`usage: node bench/baseline.mjs <${Object.keys(baselines).join('|')}> <file>\n`);
	process.exit(2);
}

const started = performance.now();
try {
	await baselines[kind]();
	process.stdout.write(`${JSON.stringify({records, invalid, seconds: (performance.now() - started) / 1000})}\n`);
} catch (error) {
	const reason = error instanceof Error ? `${error.code ? `${error.code}: ` : ''}${error.message.split('\n')[0]}` : String(error);
	process.stdout.write(`${JSON.stringify({error: reason, records, invalid})}\n`);
	process.exitCode = 3;
}
