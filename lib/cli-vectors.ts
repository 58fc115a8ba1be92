/**
 * `embedkit vectors ...`: word vector files from the command line, for every format WordVectors reads.
 *   embedkit vectors info model.fifu                 # format, dims, words, subwords, storage
 *   embedkit vectors metadata model.fifu             # the TOML metadata, as stored
 *   embedkit vectors convert cc.de.300.bin cc.de.300.fifu
 *   embedkit vectors similar model.fifu Berlin -k 5  # word<TAB>similarity lines
 *   echo "Paris Frankreich Berlin" | embedkit vectors analogy model.fifu
 * Queries come from the arguments, else one per line on stdin (as finalfusion-utils reads them).
 */
import * as fs from 'fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { argumentError } from './errors';
import { VectorsFormat, VectorsWriteFormat, WordVectors, WordSimilarity } from './word-vectors';

const READ_FORMATS = ['finalfusion', 'word2vec', 'word2vec-text', 'glove', 'fasttext', 'fasttext-vec', 'floret'];
const WRITE_FORMATS = ['finalfusion', 'word2vec', 'word2vec-text', 'glove', 'fasttext-vec', 'floret'];

interface OpenFlags { format?: VectorsFormat; mmap?: boolean; lossy?: boolean }

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

async function open(file: string, flags: OpenFlags): Promise<WordVectors> {
  return WordVectors.open(file, { format: flags.format, mmap: flags.mmap ?? false, lossy: flags.lossy ?? false });
}

function openOptions(cmd: Command, formatHelp = 'input format (default: sniffed)'): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', formatHelp).choices(READ_FORMATS))
    .option('--mmap', 'map finalfusion storage instead of reading it')
    .option('--lossy', 'replace invalid UTF-8 in words with U+FFFD instead of failing');
}

async function readStdinLines(): Promise<string[]> {
  if (process.stdin.isTTY) throw argumentError('no queries: give them as arguments or pipe one per line on stdin');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
}

function printResults(query: string, results: WordSimilarity[] | null, json: boolean | undefined): boolean {
  if (json) {
    process.stdout.write(JSON.stringify({ query, results }) + '\n');
    return results !== null;
  }
  if (results === null) {
    process.stderr.write(`embedkit: no embedding for ${query}\n`);
    return false;
  }
  process.stdout.write(results.map((r) => `${r.word}\t${r.similarity}\n`).join(''));
  return true;
}

// The output format from the file name where the name says it.
function formatFromName(file: string): VectorsWriteFormat {
  if (/\.fifu$/i.test(file)) return 'finalfusion';
  if (/\.vec$/i.test(file)) return 'fasttext-vec';
  if (/\.floret$/i.test(file)) return 'floret';
  if (/\.(bin|w2v)$/i.test(file)) return 'word2vec';
  return 'finalfusion';
}

export function registerVectorsCommands(program: Command): void {
  const vectors = program.command('vectors').description('word vectors: finalfusion, word2vec, GloVe, fastText, floret');

  openOptions(vectors.command('info').description('describe a vectors file').argument('<file>'))
    .option('--json', 'print one JSON object')
    .action(async (file: string, opts: OpenFlags & { json?: boolean }) => {
      const wv = await open(file, opts);
      const info = { ...wv.info, norms: wv.norms !== null, metadata: wv.metadata !== null };
      if (opts.json) process.stdout.write(JSON.stringify(info) + '\n');
      else process.stdout.write(Object.entries(info).map(([k, v]) => `${k}: ${v}\n`).join(''));
    });

  openOptions(vectors.command('metadata').description('print the metadata (TOML) as stored; nothing when there is none').argument('<file>'))
    .action(async (file: string, opts: OpenFlags) => {
      const m = (await open(file, opts)).metadata;
      if (m !== null) process.stdout.write(m.endsWith('\n') || m === '' ? m : m + '\n');
    });

  openOptions(vectors.command('convert').description('convert between formats (atomic write)').argument('<input>').argument('<output>'),
    'input format (default: sniffed)')
    .addOption(new Option('-t, --to <format>', 'output format (default: from the output name, else finalfusion)').choices(WRITE_FORMATS))
    .option('-m, --metadata <file>', 'finalfusion: use this TOML file as the metadata')
    .option('--no-metadata', 'finalfusion: leave the metadata out')
    .option('--no-unnormalize', 'text and word2vec output: write the unit-length rows instead of the original vectors')
    .action(async (input: string, output: string, opts: OpenFlags & { to?: VectorsWriteFormat; metadata?: string | boolean; unnormalize: boolean }) => {
      const wv = await open(input, opts);
      const metadata = typeof opts.metadata === 'string' ? fs.readFileSync(opts.metadata, 'utf8') : opts.metadata === false ? null : undefined;
      await wv.save(output, { format: opts.to ?? formatFromName(output), unnormalize: opts.unnormalize, ...(metadata === undefined ? {} : { metadata }) });
    });

  openOptions(vectors.command('similar').description('nearest words (word<TAB>similarity), query word left out')
    .argument('<file>').argument('[words...]', 'query words (default: one per line on stdin)'))
    .option('-k <k>', 'neighbours per query', nonNegativeInt, 10)
    .option('--json', 'one JSON line per query: {query, results}')
    .action(async (file: string, words: string[], opts: OpenFlags & { k: number; json?: boolean }) => {
      const wv = await open(file, opts);
      const queries = words.length ? words : await readStdinLines();
      let ok = true;
      for (const q of queries) ok = printResults(q, wv.similarity(q, { k: opts.k }), opts.json) && ok;
      if (!ok) process.exitCode = 2;
    });

  openOptions(vectors.command('analogy').description('a : b :: c : ? (word<TAB>similarity); a, b, c left out unless --include')
    .argument('<file>').argument('[words...]', 'a b c (default: lines of three words on stdin)'))
    .option('-k <k>', 'answers per query', nonNegativeInt, 10)
    .addOption(new Option('--include <which...>', 'allow these query words as answers').choices(['a', 'b', 'c']))
    .option('--json', 'one JSON line per query: {query, results}')
    .action(async (file: string, words: string[], opts: OpenFlags & { k: number; include?: string[]; json?: boolean }) => {
      if (words.length !== 0 && words.length !== 3) throw argumentError(`analogy needs three words a b c, got ${words.length}`);
      const wv = await open(file, opts);
      const lines = words.length ? [words.join(' ')] : await readStdinLines();
      const include = new Set(opts.include ?? []);
      const mask: [boolean, boolean, boolean] = [!include.has('a'), !include.has('b'), !include.has('c')];
      let ok = true;
      for (const line of lines) {
        const q = line.split(/\s+/);
        if (q.length !== 3) throw argumentError(`analogy needs three words per line, got "${line}"`);
        ok = printResults(line, wv.analogy(q as [string, string, string], { k: opts.k, mask }), opts.json) && ok;
      }
      if (!ok) process.exitCode = 2;
    });
}
