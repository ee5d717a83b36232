/** The prefix of the loop projection's counts on counter items: `l.d`, `l.c`, `l.w`, `l.s`, `l.h<minutes>`. */
export const LOOP_PREFIX = 'l.';

/** True for a count the loop projection keeps on a counter item. */
export const isLoopName = (name: string): boolean => name.startsWith(LOOP_PREFIX);
