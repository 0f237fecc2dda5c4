/**
 * The `sh -c` script that runs a manifest's `start` command with the grader's arguments. A simple command
 * (`./app`, `java -jar app.jar`, `FOO=1 python3 main.py`) is `exec`ed, so the program replaces the shell: it is
 * the process the grader signals and whose exit code and signal the report gives (dash would otherwise keep
 * `sh` as the parent, and a SIGTERM to the group would end `sh` first). A pipeline, a list (`;`, `&&`, `||`,
 * `&`), a subshell or a compound command keeps its shell. Pure.
 */
export function startScript(start: string): string {
  const command = start.trim();
  return `${isSimpleCommand(command) ? execPrefixed(command) : command} "$@"`;
}

/** No unquoted control operator, subshell, newline or comment, and no reserved word in front. */
export function isSimpleCommand(command: string): boolean {
  if (!command || RESERVED_FIRST.test(command)) return false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '$' && command[i + 1] === '(') i = skipParens(command, i + 1);
    else if (c === '&' && (command[i - 1] === '>' || command[i - 1] === '<'))
      continue; // 2>&1
    else if ('|&;()\n`#'.includes(c)) return false;
  }
  return quote === undefined;
}

/** `A=1 B=2 ./app` -> `A=1 B=2 exec ./app`: assignments stay in front of `exec`, which passes them to the program. */
function execPrefixed(command: string): string {
  const words = command.match(/^((?:[A-Za-z_][A-Za-z0-9_]*=(?:'[^']*'|"(?:[^"\\]|\\.)*"|[^\s'"])*(?:\s+|$))*)(.*)$/s)!;
  const assignments = words[1] ?? '';
  const rest = words[2] ?? '';
  if (!rest || /^exec\b/.test(rest)) return command;
  return `${assignments}exec ${rest}`;
}

/** Index of the `)` closing the `(` at `open` (command substitutions may hold anything). */
function skipParens(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  return s.length;
}

const RESERVED_FIRST =
  /^(if|then|else|elif|fi|do|done|case|esac|while|until|for|in|function|select|\{|\}|!|\[\[)(\s|$)/;
