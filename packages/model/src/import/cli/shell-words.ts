// Just enough of the POSIX shell to read the App Mesh walkthroughs' deploy scripts: commands split
// at newlines, `;`, `&&`, `|` and `||` (backslash-newline continues a line, `#` starts a comment), words
// with single and double quotes, and `$VAR`, `${VAR}` and `${VAR:-default}` from the script's own
// assignments. What only a running shell knows (`$(...)`, backquotes, unset variables) is marked.

/** A word's text, and why it cannot be known without running the script, if it cannot. */
export interface Word {
  text: string;
  unknown?: string;
}

export interface ShellCommand {
  /** 1-based line the command starts on. */
  line: number;
  words: Word[];
}

const assignment = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=/;

/** Splits a script into commands of words, expanding variables as the script assigns them. */
export function shellCommands(text: string, env: Record<string, string> = {}): ShellCommand[] {
  const vars: Record<string, string> = { ...env };
  const commands: ShellCommand[] = [];
  let words: Word[] = [];
  let word: Word | undefined;
  let line = 1;
  let start = 1;
  const flush = () => {
    if (word) words.push(word);
    word = undefined;
  };
  const end = () => {
    flush();
    if (words.length) commands.push({ line: start, words });
    // An assignment alone on its line (`MESH=shop`, `export MESH=shop`) sets a variable for what follows.
    const [first, second] = words;
    const candidate = first?.text === 'export' && second && words.length === 2 ? second : words.length === 1 ? first : undefined;
    const m = candidate ? assignment.exec(candidate.text) : null;
    if (candidate && m?.[1] && candidate.unknown === undefined) vars[m[1]] = candidate.text.slice(m[0].length);
    words = [];
  };
  const add = (s: string) => {
    word ??= { text: '' };
    word.text += s;
  };
  const mark = (why: string) => {
    word ??= { text: '' };
    word.unknown ??= why;
  };
  const expand = (i: number): number => {
    // text[i] is '$'; returns the index after the expansion.
    const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/.exec(text.slice(i));
    const plain = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i));
    const m = braced ?? plain;
    if (!m?.[1]) {
      if (text[i + 1] === '(') {
        mark('$(...) is computed when the script runs');
        let depth = 0;
        for (let j = i + 1; j < text.length; j++) {
          if (text[j] === '(') depth++;
          if (text[j] === ')' && --depth === 0) return j + 1;
        }
        return text.length;
      }
      add('$');
      return i + 1;
    }
    const value = vars[m[1]] ?? m[2];
    if (value === undefined) mark(`$${m[1]} is not set in the script (set it with ${m[1]}=... before running the import)`);
    else add(value);
    return i + m[0].length;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      line++;
    } else if (c === '\n' || c === ';' || c === '|' || (c === '&' && text[i + 1] === '&')) {
      end();
      if (c === '\n') line++;
      i += c === text[i + 1] && c !== '\n' && c !== ';' ? 2 : 1;
      start = line;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      flush();
      i++;
    } else if (c === '#' && word === undefined) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const body = text.slice(i + 1, close < 0 ? text.length : close);
      add(body);
      line += body.split('\n').length - 1;
      i = close < 0 ? text.length : close + 1;
    } else if (c === '"') {
      add('');
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1] ?? '')) {
          add(text[i + 1] ?? '');
          i += 2;
        } else if (text[i] === '$') i = expand(i);
        else {
          if (text[i] === '\n') line++;
          add(text[i] ?? '');
          i++;
        }
      }
      i++;
    } else if (c === '$') i = expand(i);
    else if (c === '`') {
      mark('`...` is computed when the script runs');
      const close = text.indexOf('`', i + 1);
      i = close < 0 ? text.length : close + 1;
    } else if (c === '\\') {
      add(text[i + 1] ?? '');
      i += 2;
    } else {
      add(c);
      i++;
    }
  }
  end();
  return commands;
}
