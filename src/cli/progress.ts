// Progress on stderr, only when stderr is a terminal (never in CI logs or piped output).

export interface Progress {
  step(message: string): void;
  done(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function createProgress(enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY) return { step: () => undefined, done: () => undefined };
  let message = '';
  let frame = 0;
  const draw = () => process.stderr.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${message}`);
  const timer = setInterval(draw, 100);
  timer.unref();
  return {
    step(next: string) {
      message = next;
      draw();
    },
    done() {
      clearInterval(timer);
      process.stderr.write('\r\x1b[2K');
    },
  };
}
