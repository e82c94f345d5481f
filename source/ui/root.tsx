import path from 'node:path';
import {useApp} from 'ink';
import {useState} from 'react';
import type {ValidationRun} from '../core/engine/validation-run.js';
import {App} from './app.js';
import {Home} from './home.js';
import type {RecentFiles} from './recent-files.js';
import {RunStore} from './run-store.js';

type Props = {
	/** A file to check at once (`validate <file>`, `--demo`), or the home screen first. */
	file: string | undefined;
	recent: RecentFiles;
	cwd: string;
	startRun: (file: string) => ValidationRun;
	/** Told of every run as it starts, so a signal can stop it, and of the return to the home screen. */
	onRun: (run: ValidationRun | undefined) => void;
};

/** The session: the home screen and the validation screens opened from it, one at a time. */
export function Root({file, recent, cwd, startRun, onRun}: Props) {
	const {exit} = useApp();
	const [store, setStore] = useState<RunStore | undefined>(() => {
		if (file === undefined) return undefined;
		const run = startRun(file);
		onRun(run);
		return new RunStore(run);
	});
	const [banner, setBanner] = useState<string[]>([]);

	if (store) {
		return (
			<App
				key={store.run.file}
				store={store}
				banner={banner}
				onWritten={({files, counts}) => {
					// The output is checked again at once, on the same screen, with what was written above it
					const reasons = Object.entries(counts.rejectedBy).map(([reason, n]) => `${n} ${reason}`).join(', ');
					setBanner([
						`Wrote ${counts.written.toLocaleString('en-US')} records (${counts.fixed.toLocaleString('en-US')} fixed), checked again below; ${counts.idsReplaced.toLocaleString('en-US')} ids replaced (${path.basename(files.map)})`,
						`Rejected ${counts.rejected.toLocaleString('en-US')} (${path.basename(files.rejects)})${reasons ? `: ${reasons}` : ''}`,
					]);
					const run = startRun(files.out);
					onRun(run);
					setStore(new RunStore(run));
				}}
				onClose={how => {
					// A screen opened from the home screen goes back to it; one opened directly ends the session
					if (how === 'all' || file !== undefined) {
						exit();
						return;
					}

					onRun(undefined);
					setStore(undefined);
					setBanner([]);
				}}
			/>
		);
	}

	return (
		<Home
			recent={recent}
			cwd={cwd}
			onOpen={chosen => {
				recent.add(chosen);
				const run = startRun(chosen);
				onRun(run);
				setStore(new RunStore(run));
			}}
			onQuit={() => {
				exit();
			}}
		/>
	);
}
