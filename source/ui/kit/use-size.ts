import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

type Size = {columns: number; rows: number};

const sizeOf = (stdout: NodeJS.WriteStream): Size => ({columns: stdout.columns || 80, rows: stdout.rows || 24});

/** The terminal's size, following resizes (ink-testing-library has no rows: 24 then). */
export function useSize(): Size {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => sizeOf(stdout));
	useEffect(() => {
		const onResize = () => {
			setSize(sizeOf(stdout));
		};

		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}
