// `hanko-tui mock-api` in a process of its own, for the benches that talk to an Admin API: resolves
// with the child and its URL once it listens.
import {spawn} from 'node:child_process';
import process from 'node:process';

export function startMock(cli, args) {
	const child = spawn(process.execPath, [cli, 'mock-api', ...args], {stdio: ['ignore', 'pipe', 'inherit']});
	return new Promise((resolve, reject) => {
		let text = '';
		child.stdout.setEncoding('utf8').on('data', chunk => {
			text += chunk;
			const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
			if (url) resolve({child, url});
		});
		child.once('exit', code => reject(new Error(`mock-api exited ${code}`)));
	});
}
