import {Text} from 'ink';
import {fit} from './format.js';

type Props = {
	text: string;
	selected: boolean;
	columns: number;
};

/** A line of a menu: the chosen one is marked with > (not only by colour) and shown inverse. */
export function SelectableLine({text, selected, columns}: Props) {
	return (
		<Text wrap="truncate" inverse={selected}>
			{fit(`${selected ? '>' : ' '} ${text}`, columns)}
		</Text>
	);
}
