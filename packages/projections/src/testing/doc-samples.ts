// The samples of a docs page: TypeScript blocks (run by a test) and SQL blocks (run against a store).
import { readFileSync } from 'node:fs';

export interface DocBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The fence's info string: `ts`, `sql`, `sql sqlite`, `sql postgres`. */
  readonly info: string;
  readonly code: string;
}

export function docBlocks(markdownFile: string): DocBlock[] {
  const lines = readFileSync(markdownFile, 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^```(\S.*)$/.exec(lines[index]?.trim() ?? '');
    if (open === null) continue;
    const end = lines.findIndex((line, after) => after > index && line.trim() === '```');
    if (end === -1) throw new Error(`${markdownFile}:${index + 1}: a code block is never closed`);
    blocks.push({ line: index + 1, info: open[1] ?? '', code: lines.slice(index + 1, end).join('\n') });
    index = end;
  }
  return blocks;
}

/** The SQL blocks a database runs: portable `sql` ones and those marked for it. */
export const sqlSamples = (markdownFile: string, database: 'sqlite' | 'postgres'): DocBlock[] =>
  docBlocks(markdownFile).filter((block) => block.info === 'sql' || block.info === `sql ${database}`);
