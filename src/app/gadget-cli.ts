import path from 'node:path';
import { GadgetFileStore, gadgetFilesRoot } from '../gadgets/index.ts';
import { type CommandLine, UsageError } from './options/index.ts';

/**
 * `switchboard gadget add DIR [--name NAME]`, `gadget list`, `gadget remove NAME`: third-party
 * gadgets in `<data-dir>/3rdpartygadget/files/` (Finesse's SFTP upload, done locally). The files
 * are read at each request, so a running node serves them at once.
 */
export async function runGadgetCli(cl: CommandLine, out: (text: string) => void): Promise<number> {
  const files = new GadgetFileStore(gadgetFilesRoot(cl.config.dataDir));
  const [sub, ...args] = cl.positionals;
  switch (sub) {
    case 'add': {
      const [dir, ...more] = args;
      if (!dir || more.length)
        throw new UsageError(dir ? `one folder at a time, not ${more[0]}` : 'which folder?');
      const source = path.resolve(dir);
      const name = (cl.values.name as string | undefined) ?? path.basename(source);
      const r = files.addDirectory(source, name);
      if (!r.ok) {
        out(`gadget add: ${r.message}\n`);
        return 1;
      }
      out(`added ${r.value.length} files to /3rdpartygadget/files/${name}/\n`);
      for (const f of r.value.filter((x) => x.path.endsWith('.xml')))
        out(`  gadget spec: /3rdpartygadget/files/${f.path}\n`);
      return 0;
    }
    case 'list': {
      if (args.length) throw new UsageError(`gadget list takes no argument, not ${args[0]}`);
      const list = files.list();
      for (const f of list)
        out(
          `${String(f.size).padStart(10)}  ${new Date(f.mtimeMs).toISOString()}  /3rdpartygadget/files/${f.path}\n`,
        );
      if (list.length === 0) out(`no gadget files in ${files.root}\n`);
      return 0;
    }
    case 'remove': {
      const [name, ...more] = args;
      if (!name || more.length)
        throw new UsageError(name ? `one at a time, not ${more[0]}` : 'which gadget (folder or file)?');
      const r = files.remove(name);
      if (!r.ok) {
        out(`gadget remove: ${r.message}\n`);
        return 1;
      }
      out(`removed /3rdpartygadget/files/${name}\n`);
      return 0;
    }
    default:
      throw new UsageError(
        sub
          ? `unknown gadget command ${sub} (add, list, remove)`
          : 'which gadget command? (add, list, remove)',
      );
  }
}
