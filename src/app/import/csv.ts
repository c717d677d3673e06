/**
 * RFC 4180 CSV for rosters, strict: quoted fields may hold commas and doubled quotes, but a
 * malformed quote stops the file with its line number instead of silently merging rows (#12
 * High 5: an unclosed quote once swallowed the next row). No roster field holds a line break, so
 * a quoted field that runs over one is taken for what it almost always is: a quote never closed.
 * Pure: text in, rows with their line numbers out.
 */

export interface CsvRow {
  /** 1-based line of the file the row is on. */
  line: number;
  fields: string[];
}

export type CsvResult = { ok: true; rows: CsvRow[] } | { ok: false; line: number; message: string };

export function parseCsv(text: string): CsvResult {
  const rows: CsvRow[] = [];
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a spreadsheet's byte order mark
  while (i <= text.length) {
    const fields: string[] = [];
    const rowLine = line;
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        const opened = line;
        i++;
        for (;;) {
          if (i >= text.length) return refuse(opened, 'a quote opened on this line is never closed');
          const c = text[i];
          if (c === '"' && text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else if (c === '"') {
            i++;
            break;
          } else if (c === '\n' || c === '\r') {
            return refuse(opened, 'a quoted field runs over a line break (a quote not closed?)');
          } else {
            field += c;
            i++;
          }
        }
        const next = text[i];
        if (i < text.length && next !== ',' && next !== '\n' && next !== '\r')
          return refuse(line, `text after a closing quote (${JSON.stringify(text.slice(i, i + 10))})`);
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"')
            return refuse(line, 'a quote inside an unquoted field (quote the whole field)');
          field += text[i];
          i++;
        }
      }
      fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    i++;
    line++;
    if (fields.some((f) => f !== '')) rows.push({ line: rowLine, fields });
  }
  return { ok: true, rows };
}

const refuse = (line: number, message: string): CsvResult => ({ ok: false, line, message });
