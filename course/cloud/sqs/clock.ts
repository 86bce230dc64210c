// The engine's time. A time scale below 1 runs every SQS duration (visibility
// timeouts, delays, long polls, retention, the deduplication window) faster,
// so tests can watch redrives happen; the public service always runs at 1.

export class Clock {
  readonly timeScale: number;

  constructor(timeScale = 1) {
    if (!(timeScale > 0)) throw new Error(`timeScale must be positive, got ${timeScale}`);
    this.timeScale = timeScale;
  }

  now(): number {
    return Date.now();
  }

  /** the engine's milliseconds for a duration SQS states in seconds */
  ms(seconds: number): number {
    return seconds * 1000 * this.timeScale;
  }
}
