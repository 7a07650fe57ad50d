// The CLI's output channels, injectable so commands can be tested without a process.
export interface Io { stdout: (s: string) => void; stderr: (s: string) => void }

export const processIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};
