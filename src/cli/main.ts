// The fabric-lens command: dispatches `check` and `topo` subcommands and sets the exit code.
import { runCheck } from './check';
import { runTopo } from './topo';
import { processIo, type Io } from './io';
import { rerunWithLargerHeap } from './heap';
import { VERSION } from './version';

const USAGE = `usage: fabric-lens <command> [options]
commands:
  check [--arch ARCH|all] [--format text|json|sarif] [--fail-on error|warning|information|never] [--rule ID=off|SEVERITY]...
        [--config FILE] [--topology FILE] [--device-map FILE|MAP] [--no-kbuild] [--jobs N] PATH...
        in a Linux tree, findings keep only the architectures Kconfig/Makefiles build the file for and, for a
        device-tree-only driver, those whose in-tree DTs name its compatibles (--no-kbuild: all)
  topo p2p|import|capture|show ...   (PCIe topology: see 'fabric-lens topo --help')
`;

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'check': return runCheck(rest, io, __dirname);
    case 'topo': return runTopo(rest, io);
    case '--help': case '-h': case 'help': io.stdout(USAGE); return 0;
    case '--version': io.stdout(`fabric-lens ${VERSION}\n`); return 0;
    default: io.stderr(`fabric-lens: unknown command '${cmd ?? ''}'\n${USAGE}`); return 2;
  }
}

/** Runs the command for a process: sets the exit code, reports internal errors (used by bin/fabric-lens.js). */
export function run(argv: string[]): Promise<void> {
  if (argv[0] === 'check') {
    const code = rerunWithLargerHeap(__filename, argv);
    if (code !== undefined) { process.exitCode = code; return Promise.resolve(); }
  }
  return main(argv).then(
    (code) => { process.exitCode = code; },
    (err) => { process.stderr.write(`fabric-lens: internal error: ${err instanceof Error ? err.stack : String(err)}\n`); process.exitCode = 2; },
  );
}

// `node dist/cli.js ...`; the npm bin (bin/fabric-lens.js, reached through node_modules/.bin symlinks) calls run().
if (require.main === module) void run(process.argv.slice(2));
