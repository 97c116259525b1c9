// string-width as the bundle gives it to Ink (bin/bundle.mjs): narrowFirst over the real one.
import real from 'string-width';
import stripAnsi from 'strip-ansi';
import { narrowFirst } from '../../views/present/narrow.ts';

export default narrowFirst(() => real, stripAnsi);
