/** A one-line progress bar on stderr, drawn only when stderr is a terminal. */
export class ProgressBar {
  private lastDraw = 0;
  private readonly started = Date.now();
  constructor(private readonly total: number, private readonly label = 'embedding', private readonly stream = process.stderr) {}

  get enabled(): boolean {
    return Boolean(this.stream.isTTY);
  }

  update(done: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (done < this.total && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const width = 30;
    const filled = Math.round((done / Math.max(1, this.total)) * width);
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${this.total} ${rate}/s`);
    if (done >= this.total) this.stream.write('\n');
  }
}
