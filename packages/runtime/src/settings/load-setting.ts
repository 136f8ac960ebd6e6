import { InvalidArgumentError } from '../errors/invalid-argument-error.js'
import { assertHeaderSafe } from './header-value.js'

export interface SettingSource {
  /** The value passed in code; wins over the environment. */
  value: string | undefined
  /** Read at call time, never at import, so a default instance sees a variable set later. */
  environmentVariable: string
  /** The option's name in the settings object, for error messages. */
  settingName: string
  /** Who needs it, for error messages: e.g. `createXtrakit`. */
  context: string
}

export function readEnvironment(name: string): string | undefined {
  const value = globalThis.process?.env?.[name]
  return value === undefined || value === '' ? undefined : value
}

/** Resolves a required secret or setting; a missing one is an error naming both ways to provide it. */
export function loadSetting(source: SettingSource): string {
  const value = loadOptionalSetting(source)
  if (value === undefined) {
    throw new InvalidArgumentError(source.context, [
      {
        field: source.settingName,
        rule: 'required',
        message: `is missing: pass \`${source.settingName}\` or set the ${source.environmentVariable} environment variable`,
      },
    ])
  }
  return value
}

export function loadOptionalSetting(source: SettingSource): string | undefined {
  const value = source.value ?? readEnvironment(source.environmentVariable)
  if (value !== undefined) assertHeaderSafe(source.context, source.settingName, value)
  return value
}
