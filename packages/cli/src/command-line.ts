// The one description of the command line: every command, its arguments and options. The parser,
// the global usage, each command's --help and the bash, zsh and fish completions are made from it.
import { providerEntries } from '@customer-groups/registry'
import type { OperationName } from '@customer-groups/runtime'
import { formats } from './input/source.js'
import { planFormats } from './plan-output.js'
import { capabilitiesOf, flagOf, providerNames } from './providers.js'

/** What an option's or argument's value is, for help and completion. */
export type ValueKind =
  /** A path: shells complete file names. */
  | { kind: 'file' }
  /** One of a fixed list: shells complete it; `open`: a list of suggestions, others are taken too. */
  | { kind: 'choice'; choices: readonly string[]; open?: boolean }
  /** Free text: shells complete nothing. */
  | { kind: 'text' }

export interface OptionSpec {
  /** Without the dashes: `provider` is `--provider`. */
  name: string
  /** A one-letter alias, e.g. `h` for `--help`. */
  short?: string
  /** The value's name in help (`ID`, `FILE`); no value: a switch. */
  value?: string
  /** What the value is, for completion; defaults to free text. */
  values?: ValueKind
  /** May be given more than once. */
  multiple?: boolean
  /** One line for --help. */
  description: string
}

export interface ArgumentSpec {
  /** As shown in help: `FILE`, `SHELL`, `PROVIDER[:PORT]`. */
  name: string
  /** Any number of them (none included) rather than exactly one. */
  variadic?: boolean
  /** At most one, which may be left out (the command says what it takes instead, e.g. `sync --plan`). */
  optional?: boolean
  values: ValueKind
  description: string
}

export interface CommandSpec {
  name: string
  /** One line, for the list of commands. */
  summary: string
  /** Paragraphs shown by the command's --help below the synopsis. */
  details?: string
  arguments: ArgumentSpec[]
  /** Options that must be given: each entry lists alternatives, one of which is needed. */
  required: string[][]
  options: OptionSpec[]
}

const providerValue: ValueKind = { kind: 'choice', choices: providerNames }
const file: ValueKind = { kind: 'file' }

function credentialOptions(): OptionSpec[] {
  const settings = new Map<string, string[]>()
  for (const entry of providerEntries())
    for (const credential of entry.credentials)
      settings.set(credential.setting, [
        ...(settings.get(credential.setting) ?? []),
        `${entry.id}, else ${credential.environmentVariable}`,
      ])
  return [...settings].map(([setting, uses]) => ({
    name: flagOf(setting),
    value: 'SECRET',
    description: `Credential of the default account (${uses.join('; ')}); never printed`,
  }))
}

/** Options every command that talks to a provider takes. */
export const commonOptions: OptionSpec[] = [
  ...credentialOptions(),
  { name: 'max-retries', value: 'N', description: 'Retries after a failed attempt (default 2)' },
  { name: 'timeout-ms', value: 'N', description: 'Time limit of each attempt, in milliseconds' },
  { name: 'verbose', description: 'A debug line per request on stderr, secrets redacted' },
  { name: 'json', description: 'Print the result, or the error, as JSON on stdout' },
  {
    name: 'env-file',
    value: 'FILE',
    values: file,
    multiple: true,
    description: 'Read environment variables from a .env file first; the environment wins',
  },
  { name: 'help', short: 'h', description: "Show this command's help" },
]

const oneAccount: OptionSpec[] = [
  { name: 'provider', value: providerNames.join('|'), values: providerValue, description: 'The provider' },
  {
    name: 'base-url',
    value: 'URL',
    description: "Send to this server instead of the provider's (a mock, say)",
  },
]

/**
 * `--option PROVIDER.OPTION=VALUE`: the options each provider declares for the operation (from its
 * spec, through its capabilities), offered to shells as `PROVIDER.OPTION=`.
 */
function providerOption(operation: OperationName): OptionSpec {
  const declared = providerNames.flatMap((provider) =>
    (capabilitiesOf(provider).operations[operation]?.providerOptions ?? []).map(
      (key) => `${provider}.${key}=`,
    ),
  )
  return {
    name: 'option',
    value: 'PROVIDER.OPTION=VALUE',
    values: { kind: 'choice', choices: declared, open: true },
    multiple: true,
    description:
      "An option the provider declares, read as its spec types it (OPTION=VALUE alone: --provider's)",
  }
}

const accounts: OptionSpec = {
  name: 'accounts',
  value: 'FILE',
  values: file,
  description:
    'The accounts file (default: CUSTOMER_GROUPS_ACCOUNTS, else ./customer-groups.accounts.yaml, else the config folder)',
}

const target: OptionSpec = {
  name: 'target',
  value: 'NAME',
  multiple: true,
  description: "Only this target: an account, or a provider's default account; the others are not contacted",
}

const concurrency: OptionSpec = {
  name: 'concurrency',
  value: 'N',
  description: 'Requests in flight at once per account, 1 to 1000 (default 3)',
}

const forceResume: OptionSpec = {
  name: 'force-resume',
  description: 'Go on with a journal written for another file',
}

const helpOnly: OptionSpec[] = [{ name: 'help', short: 'h', description: "Show this command's help" }]

/** Every command, in the order help lists them. */
export const commandSpecs: CommandSpec[] = [
  {
    name: 'list',
    summary: 'List the groups of an account',
    details: 'A table on a terminal, tab-separated lines with a header row otherwise.',
    arguments: [],
    required: [['provider']],
    options: [...oneAccount, providerOption('list'), ...commonOptions],
  },
  {
    name: 'get',
    summary: 'Show one group, by id or by name',
    arguments: [],
    required: [['provider'], ['id', 'name']],
    options: [
      ...oneAccount,
      { name: 'id', value: 'ID', description: "The group's id" },
      { name: 'name', value: 'NAME', description: "The group's exact name; refused when two groups have it" },
      ...commonOptions,
    ],
  },
  {
    name: 'create',
    summary: 'Create a group',
    arguments: [],
    required: [['provider'], ['name']],
    options: [
      ...oneAccount,
      { name: 'name', value: 'NAME', description: "The new group's name" },
      { name: 'description', value: 'TEXT', description: 'Its description' },
      providerOption('create'),
      ...commonOptions,
    ],
  },
  {
    name: 'update',
    summary: 'Change one group',
    arguments: [],
    required: [['provider'], ['id']],
    options: [
      ...oneAccount,
      { name: 'id', value: 'ID', description: "The group's id" },
      { name: 'name', value: 'NAME', description: 'A new name' },
      { name: 'description', value: 'TEXT', description: 'A new description' },
      { name: 'clear-description', description: 'Remove the description, where the provider allows it' },
      providerOption('update'),
      ...commonOptions,
    ],
  },
  {
    name: 'delete',
    summary: 'Delete one group, by id or by name, where the provider can',
    details:
      'Asks first on a terminal, naming the group; without a terminal it needs --yes. Its customers move to the default group.',
    arguments: [],
    required: [['provider'], ['id', 'name']],
    options: [
      ...oneAccount,
      { name: 'id', value: 'ID', description: "The group's id" },
      { name: 'name', value: 'NAME', description: "The group's exact name; refused when two groups have it" },
      { name: 'yes', description: 'Do not ask' },
      ...commonOptions,
    ],
  },
  {
    name: 'apply',
    summary: 'Apply the changes a file lists, checked first, with a journal to resume from',
    details:
      'FILE is YAML, JSON, JSON Lines or CSV listing { provider, account?, id, name?, description?, providerOptions? }.',
    arguments: [{ name: 'FILE', values: file, description: 'The changes' }],
    required: [],
    options: [
      concurrency,
      accounts,
      { name: 'dry-run', description: 'Check everything, send nothing' },
      {
        name: 'journal',
        value: 'FILE',
        values: file,
        description: 'Where to record the run (default: FILE.journal.jsonl)',
      },
      {
        name: 'resume',
        value: 'JOURNAL',
        values: file,
        description: 'Go on from a run that stopped: rows it did are skipped',
      },
      forceResume,
      { name: 'report', value: 'FILE', values: file, description: 'Write the results as JSON to FILE' },
      {
        name: 'format',
        value: formats.join('|'),
        values: { kind: 'choice', choices: formats },
        description: "FILE's format, when its name does not tell",
      },
      ...commonOptions,
    ],
  },
  {
    name: 'plan',
    summary: 'Show what sync would change, sending nothing but list calls',
    details:
      'DESIRED (YAML or JSON) is { targets: [{ provider } | { account }], groups: [{ name, description?, providerOptions?, renamedFrom?: [old names] }], matchNames?: exact|ignore-case-and-whitespace }.\n--out saves the plan (no credential or URL in it) for sync --plan; --format markdown prints it for a pull request, html as one page with a grid of groups × targets.\nExit 0: nothing would change; 3: something would; 1: a target could not be planned; 2: bad usage or file.',
    arguments: [{ name: 'DESIRED', values: file, description: 'The desired state' }],
    required: [],
    options: [
      accounts,
      { name: 'prune', description: 'Delete groups the file does not list, where the provider can' },
      target,
      {
        name: 'out',
        value: 'PLAN.json',
        values: file,
        description: 'Save the plan, to apply exactly it with sync --plan',
      },
      {
        name: 'format',
        value: planFormats.join('|'),
        values: { kind: 'choice', choices: planFormats },
        description: 'How to print the plan (default text; --json is --format json)',
      },
      ...commonOptions,
    ],
  },
  {
    name: 'sync',
    summary: 'Make every target match a desired-state file, or apply a saved plan',
    details:
      'Plans as plan does (or reads the plan saved by plan --out, with --plan), shows it, asks (or takes --yes), then sends only what differs, with a journal. Each target is listed again first: a change whose group changed since the plan is stale, not sent (exit 1). A plan made for other shops or by another version is refused (exit 2).',
    arguments: [
      { name: 'DESIRED', optional: true, values: file, description: 'The desired state (or --plan)' },
    ],
    required: [],
    options: [
      {
        name: 'plan',
        value: 'PLAN.json',
        values: file,
        description: 'Apply exactly this plan, saved by plan --out, instead of a DESIRED file',
      },
      accounts,
      { name: 'prune', description: 'Delete groups the file does not list, where the provider can' },
      {
        name: 'allow-near-matches',
        description: 'With --prune, delete even groups whose names nearly match desired ones',
      },
      target,
      { name: 'yes', description: 'Do not ask' },
      concurrency,
      {
        name: 'journal',
        value: 'FILE',
        values: file,
        description:
          'Where to record the run (default: DESIRED.sync-journal.jsonl or PLAN.json.sync-journal.jsonl)',
      },
      forceResume,
      ...commonOptions,
    ],
  },
  {
    name: 'mock',
    summary: 'Serve mocks of the provider APIs, for trying the CLI without accounts',
    details:
      'Serves Prism mocks of the provider specs until Ctrl-C. With --stateful the mocks remember: groups are created, listed, updated and deleted in memory (one shop per token, starting with the spec examples), so plan and sync can be tried; Prism still checks every request and answer against the spec. Needs @customer-groups/testing.',
    arguments: [
      {
        name: 'PROVIDER[:PORT]',
        variadic: true,
        values: providerValue,
        description: 'Which mocks, each on a free port unless PORT is given (default: all)',
      },
    ],
    required: [],
    options: [{ name: 'stateful', description: 'Mocks that remember what was written' }, ...helpOnly],
  },
  {
    name: 'completion',
    summary: 'Print a shell completion script',
    details: [
      'bash:  source <(customer-groups completion bash)          (in ~/.bashrc)',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a zsh expansion, shown as typed
      'zsh:   customer-groups completion zsh > "${fpath[1]}/_customer-groups"',
      'fish:  customer-groups completion fish > ~/.config/fish/completions/customer-groups.fish',
    ].join('\n'),
    arguments: [
      {
        name: 'SHELL',
        values: { kind: 'choice', choices: ['bash', 'zsh', 'fish'] },
        description: 'The shell',
      },
    ],
    required: [],
    options: helpOnly,
  },
]

export function commandSpec(name: string): CommandSpec | undefined {
  return commandSpecs.find((command) => command.name === name)
}
