#!/usr/bin/env node
/**
 * embedkit command line.
 *   embedkit embed "some text" "more text"        # JSON lines on stdout
 *   embedkit embed --file texts.txt --format npy --output vectors.npy
 *   cat texts.txt | embedkit embed --model minishlab/potion-base-8M
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, InvalidArgumentError } from 'commander';
import { StaticModel, DEFAULT_MODEL_PATH } from './static-model';
import { npyBytes } from './npy';
import { ProgressBar } from './progress';
import { Embeddings } from './embeddings';
import { registerVectorsCommands } from './cli-vectors';

const PROGRESS_THRESHOLD = 5000;

function readLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

/** Writes to a temp file beside the target, then renames: never a half-written output. */
function writeAtomic(file: string, bytes: Buffer | string): void {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

function toJsonLines(emb: Embeddings): string {
  let out = '';
  for (let i = 0; i < emb.rows; i++) out += JSON.stringify(Array.from(emb.row(i))) + '\n';
  return out;
}

async function embedCommand(texts: string[], opts: { file?: string; model: string; format: string; output?: string; maxLength?: number; normalize?: boolean; progress?: boolean }): Promise<void> {
  let inputs = texts;
  if (opts.file) inputs = readLines(opts.file === '-' ? await readStdin() : fs.readFileSync(opts.file, 'utf8'));
  else if (inputs.length === 0) {
    if (process.stdin.isTTY) throw Object.assign(new Error('no input: give texts as arguments, --file FILE, or pipe lines on stdin'), { code: 'ERR_EMBEDKIT_ARGUMENT' });
    inputs = readLines(await readStdin());
  }
  const model = await StaticModel.fromPretrained(opts.model, opts.normalize === undefined ? {} : { normalize: opts.normalize });
  const bar = new ProgressBar(inputs.length);
  const showProgress = opts.progress ?? inputs.length >= PROGRESS_THRESHOLD;
  const emb = await model.encode(inputs, {
    maxLength: opts.maxLength,
    onProgress: showProgress && bar.enabled ? (done) => bar.update(done) : undefined,
  });
  const format = opts.format ?? (opts.output?.endsWith('.npy') ? 'npy' : 'jsonl');
  const bytes = format === 'npy' ? npyBytes(emb.data, emb.rows, emb.dim) : toJsonLines(emb);
  if (opts.output) writeAtomic(opts.output, bytes);
  else process.stdout.write(bytes);
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command();
  program.name('embedkit').description('Text to vectors with native speed.').version(require('../package.json').version);
  program
    .command('embed')
    .description('embed texts (arguments, --file with one text per line, or stdin) with a static model')
    .argument('[texts...]', 'texts to embed')
    .option('-f, --file <file>', 'read one text per line from a file (- for stdin)')
    .option('-m, --model <model>', 'model folder or hub id', DEFAULT_MODEL_PATH)
    .option('--format <format>', 'output format: jsonl or npy (default: from --output, else jsonl)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--max-length <n>', 'token limit per text (default: the model\'s own, usually 512)', positiveInt)
    .option('--normalize', 'force L2 normalization on')
    .option('--no-normalize', 'force L2 normalization off')
    .option('--progress', 'show a progress bar even for short inputs')
    .action(embedCommand);
  registerVectorsCommands(program);
  await program.parseAsync(argv);
}

if (require.main === module) {
  main(process.argv).catch((err: Error & { code?: string }) => {
    process.stderr.write(`embedkit: ${err.message}${err.code ? ` (${err.code})` : ''}\n`);
    process.exitCode = 1;
  });
}
