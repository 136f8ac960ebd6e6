import { execFile } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli, file, work } from '../test-support.js'
import { commandSpecs } from './command-line.js'

// End to end: the built bin, as people type it.

function shell(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? null), stdout, stderr }),
    )
  })
}

describe('usage errors', () => {
  it('print one line and where the help is, not the whole usage', async () => {
    for (const args of [
      ['update', '--provider', 'xtrakit'],
      ['apply'],
      ['get', '--provider', 'nope', '--id', '1'],
    ]) {
      const result = await cli(args)
      expect(result.code, args.join(' ')).toBe(2)
      const lines = result.stderr.trim().split('\n')
      expect(lines, args.join(' ')).toHaveLength(2)
      expect(lines[1]).toBe(`Run 'customer-groups ${args[0]} --help' for its usage.`)
      expect(result.stdout).toBe('')
    }
    expect((await cli(['update', '--provider', 'xtrakit'])).stderr).toContain('--id is required')
    expect((await cli(['apply'])).stderr).toContain('apply needs FILE')
  })

  it('name an unknown option in our words, suggesting the one meant', async () => {
    const unknown = await cli(['update', '--provider', 'xtrakit', '--id', '1', '--target', 'x'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toBe(
      "update has no option --target\nRun 'customer-groups update --help' for its usage.\n",
    )
    const typo = await cli(['update', '--provider', 'xtrakit', '--id', '1', '--descripion', 'x'])
    expect(typo.stderr).toContain('update has no option --descripion; did you mean --description?')
    const missing = await cli(['update', '--provider', 'xtrakit', '--id'])
    expect(missing.stderr).toContain('--id needs a value (ID)')
    const twice = await cli(['update', '--provider', 'xtrakit', '--id', '1', '--id', '2'])
    expect(twice.stderr).toContain('--id is given twice')
    // Node's own parser text had an unbalanced quote: "Unknown option '--target'. To specify a positional…"
    for (const result of [unknown, typo, missing, twice]) expect(result.stderr).not.toMatch(/'--|positional/)
  })

  it('suggest the command meant', async () => {
    const result = await cli(['lst'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'Unknown command "lst"; did you mean list?\nRun \'customer-groups --help\' for the commands.\n',
    )
    expect((await cli(['synk'])).stderr).toContain('did you mean sync?')
    expect((await cli(['frobnicate'])).stderr).not.toContain('did you mean')
  })
})

describe('help', () => {
  it.each(commandSpecs.map((command) => command.name))(
    '%s --help shows its usage and every option',
    async (name) => {
      const command = commandSpecs.find((spec) => spec.name === name)
      const result = await cli([name, '--help'])
      expect(result).toMatchObject({ code: 0, stderr: '' })
      expect(result.stdout).toMatch(new RegExp(`^Usage: customer-groups ${name} `))
      for (const option of command?.options ?? []) expect(result.stdout).toContain(`--${option.name}`)
      expect((await cli(['help', name])).stdout).toBe(result.stdout)
    },
  )

  it('sync takes a DESIRED file or --plan: its argument may be left out', async () => {
    expect((await cli(['sync', '--help'])).stdout).toMatch(
      /^Usage: customer-groups sync \[DESIRED\] \[options\]/,
    )
    const neither = await cli(['sync', '--yes'])
    expect(neither.code).toBe(2)
    expect(neither.stderr).toContain('sync takes a DESIRED file or --plan PLAN.json (one of them)')
  })

  it('--help lists every command', async () => {
    const result = await cli(['--help'])
    expect(result.code).toBe(0)
    for (const command of commandSpecs) expect(result.stdout).toMatch(new RegExp(`^  ${command.name} `, 'm'))
  })
})

/** CI installs zsh and fish (.ci/run); elsewhere a missing shell skips its test, saying so. */
const missingShell = (name: string) =>
  process.env.CI !== 'true' && !(process.env.PATH ?? '').split(':').some((dir) => existsSync(join(dir, name)))

describe('completion', () => {
  const scripts = {} as Record<'bash' | 'zsh' | 'fish', string>
  const scriptFile = async (name: 'bash' | 'zsh' | 'fish') => {
    if (scripts[name] === undefined) {
      const result = await cli(['completion', name])
      expect(result).toMatchObject({ code: 0, stderr: '' })
      scripts[name] = file(`completion.${name}`, result.stdout)
    }
    return scripts[name]
  }

  it('bash completes commands, options, option values and files', async () => {
    const script = await scriptFile('bash')
    writeFileSync(join(work, 'changes-to-complete.yaml'), '')
    const complete = async (...words: string[]) => {
      const result = await shell('bash', [
        '--norc',
        '--noprofile',
        '-c',
        `source "$0"; cd "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _customer_groups; printf '%s\\n' "\${COMPREPLY[@]}"`,
        script,
        work,
        'customer-groups',
        ...words,
      ])
      expect(result.stderr).toBe('')
      return result.stdout.trim().split('\n')
    }
    expect(await complete('upd')).toEqual(['update'])
    expect(await complete('update', '--pro')).toEqual(['--provider'])
    expect(await complete('update', '--provider', '')).toEqual(['xtrakit', 'shoptet'])
    expect(await complete('apply', 'changes-to-comp')).toEqual(['changes-to-complete.yaml'])
    expect(await complete('apply', '--format', 'js')).toEqual(['json', 'jsonl'])
    expect(await complete('completion', '')).toEqual(['bash', 'zsh', 'fish'])
    expect(await complete('help', 'syn')).toEqual(['sync'])
    expect(await complete('plan', '--format', 'm')).toEqual(['markdown'])
    expect(await complete('plan', '--ou')).toEqual(['--out'])
    expect(await complete('sync', '--pl')).toEqual(['--plan'])
    expect(await complete('sync', '--ta')).toEqual(['--target'])
  })

  it.skipIf(missingShell('fish'))('fish completes commands, options and option values', async () => {
    const script = await scriptFile('fish')
    const complete = async (line: string) => {
      const result = await shell('fish', [
        '--no-config',
        '-c',
        `source $argv[1]; complete -C'${line}'`,
        script,
      ])
      expect(result.stderr).toBe('')
      return result.stdout
        .trim()
        .split('\n')
        .map((entry) => entry.split('\t')[0])
    }
    expect(await complete('customer-groups upd')).toEqual(['update'])
    expect(await complete('customer-groups update --prov')).toEqual(['--provider'])
    expect(await complete('customer-groups update --provider ')).toEqual(['shoptet', 'xtrakit'])
    expect(await complete('customer-groups plan --pru')).toEqual(['--prune'])
    expect(await complete('customer-groups completion ')).toEqual(['bash', 'fish', 'zsh'])
  })

  it.skipIf(missingShell('zsh'))(
    'zsh loads the script and hands _arguments every option of the command',
    async () => {
      const script = await scriptFile('zsh')
      expect((await shell('zsh', ['-n', script])).code).toBe(0)
      // zsh's completion system needs a terminal; its entry points are stood in for, to see what they are given.
      const result = await shell('zsh', [
        '-f',
        '-c',
        [
          'compdef() { print -r -- "compdef $*" }',
          '_arguments() { print -rl -- "$@" }',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a zsh expansion
          '_describe() { print -rl -- "${(@P)argv[-1]}" }',
          'source "$0"',
          'words=(customer-groups update --pro); CURRENT=3; _customer_groups',
          'print -- ---',
          'words=(customer-groups up); CURRENT=2; _customer_groups',
        ].join('\n'),
        script,
      ])
      expect(result.stderr).toBe('')
      const [updateSpecs = '', commands = ''] = result.stdout.split('---\n')
      expect(updateSpecs).toContain('compdef _customer_groups customer-groups')
      expect(updateSpecs).toContain('--provider[The provider]:xtrakit|shoptet:(xtrakit shoptet)')
      expect(updateSpecs).toContain('*--option[')
      expect(commands.trim().split('\n')).toContain('update:Change one group')
      // Installed in $fpath as _customer-groups and autoloaded, the first call completes at once.
      const folder = join(work, 'zsh-functions')
      mkdirSync(folder, { recursive: true })
      copyFileSync(script, join(folder, '_customer-groups'))
      const autoloaded = await shell('zsh', [
        '-f',
        '-c',
        [
          'compdef() { print -r -- "compdef $*" }',
          '_arguments() { print -rl -- "$@" }',
          'fpath=("$0" $fpath); autoload -U _customer-groups',
          'words=(customer-groups plan --pr); CURRENT=3; _customer-groups',
        ].join('\n'),
        folder,
      ])
      expect(autoloaded.stderr).toBe('')
      expect(autoloaded.stdout).toContain('--prune[')
      expect(autoloaded.stdout).not.toContain('compdef')
    },
  )

  it('every shell gets every command and option from the one description', async () => {
    for (const shellName of ['bash', 'zsh', 'fish'] as const) {
      const result = await cli(['completion', shellName])
      for (const command of commandSpecs) {
        expect(result.stdout, `${shellName} ${command.name}`).toContain(command.name)
        for (const option of command.options)
          expect(result.stdout, `${shellName} ${command.name} --${option.name}`).toMatch(
            shellName === 'fish'
              ? new RegExp(`using ${command.name}' -l ${option.name} `)
              : new RegExp(`--${option.name}\\b`),
          )
      }
    }
  })
})
