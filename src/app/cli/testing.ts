/**
 * Test helper: runs one CLI command in this process (no tsx start-up) and captures what it writes.
 * `process.exit` is turned into a thrown error so the exit code can be returned.
 */
import { Command } from 'commander';
import { vi } from 'vitest';

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Registers a command module on a fresh program and parses `args` (the command name first). */
export async function runCommandInProcess(
  register: (program: Command) => void,
  args: string[],
): Promise<CommandRun> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    stdout += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
  vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw Object.assign(new Error('exit'), { exitCode: code });
  });
  const program = new Command().exitOverride();
  register(program);
  try {
    await program.parseAsync(args, { from: 'user' });
    return { code: 0, stdout, stderr };
  } catch (err) {
    return { code: (err as { exitCode?: number }).exitCode ?? -1, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}
