import {spawn, spawnSync} from 'node:child_process';
import {createServer} from 'node:net';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const cli = path.resolve('dist/cli.js');

function run(...args: string[]) {
	const result = spawnSync(process.execPath, [cli, 'mock-api', ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe('hanko-tui mock-api', () => {
	it('serves its users until a signal, then exits 0', async () => {
		const tenant = '1c8f7e2a-5b3d-4e6f-9a0b-2c4d6e8f0a1b';
		const child = spawn(process.execPath, [cli, 'mock-api', '--users', '3', '--no-auth', '--tenant', tenant], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const exited = new Promise<number | null>(resolve => {
			child.once('exit', resolve);
		});
		let stdout = '';
		const url = await new Promise<string>((resolve, reject) => {
			child.stdout.setEncoding('utf8').on('data', (text: string) => {
				stdout += text;
				const found = /at (http:\/\/127\.0\.0\.1:\d+\/\S+) \(no authentication/.exec(stdout);
				if (found) resolve(found[1]!);
			});
			child.once('exit', code => reject(new Error(`exited ${code}: ${stdout}`)));
		});
		expect(url).toMatch(new RegExp(`/${tenant}$`));
		const response = await fetch(`${url}/users`);
		expect(response.status).toBe(200);
		expect(response.headers.get('x-total-count')).toBe('3');
		expect(stdout).toContain(`Try: hanko-tui export --api-url ${url} --out users.json`);
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
	});

	it('says in one line that its port is taken, exit code 2', async () => {
		const taken = createServer();
		await new Promise<void>(resolve => {
			taken.listen(0, '127.0.0.1', resolve);
		});
		const {port} = taken.address() as {port: number};
		try {
			expect(run('--port', String(port))).toMatchObject({
				code: 2,
				stdout: '',
				stderr: `hanko-tui: cannot listen on 127.0.0.1:${port}: the port is in use (choose another --port, or --port 0 for any free one)\n`,
			});
		} finally {
			taken.close();
		}
	});

	it.each([
		[['--no-auth', '--key', 'k'], '--no-auth and --key exclude each other'],
		[['--key', ''], '--key must not be empty'],
		[['--tenant', 'acme'], '--tenant: "acme" is not a UUID'],
		[['--port', '70000'], '--port must be a whole number from 0 to 65535'],
		[['--users', '-1'], '--users must be a whole number'],
		[['--faults', 'fire=1'], '--faults: "fire=1" is not one of'],
		[['users.json'], 'mock-api takes no file argument'],
	])('refuses %j with exit code 2', (args, message) => {
		const result = run(...args);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(
			new RegExp(`^hanko-tui: ${message.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\(see hanko-tui mock-api --help\\)\\n$`),
		);
	});
});
