import fc from 'fast-check'

/** Values of every JSON type, so each field also gets the wrong ones. */
const anyJson = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 400 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1000, max: 1000 }),
  fc.string({ maxLength: 8 }),
)

const ratio = fc.oneof(
  fc.constantFrom(
    '0',
    '0.5',
    '0.55',
    '0.1500',
    '0.5500',
    '0.0000',
    '1.0000',
    '00.5000',
    '0.15000',
    '0.9999',
    '1',
    '1.5',
    '0.99999',
    '.5',
    '0.',
    '-0.1',
    ' 0.1',
    'abc',
    '',
  ),
  fc.stringMatching(/^0\.[0-9]{3,5}$/),
)

const field = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: anyJson })

/** Shoptet `data` objects: mostly plausible, often subtly wrong, sometimes with an unknown field. */
export const shoptetData = fc.record(
  {
    name: field(fc.oneof(fc.string({ maxLength: 10 }), fc.string({ minLength: 250, maxLength: 260 }))),
    description: field(fc.option(fc.string({ maxLength: 10 }))),
    defaultPricelistId: field(fc.option(fc.integer({ min: -3, max: 50 }))),
    emailNotification: field(fc.boolean()),
    authRequired: field(fc.boolean()),
    maxDiscount: field(fc.option(ratio)),
    defaultDueDays: field(fc.option(fc.integer({ min: -20, max: 400 }))),
    registrationAllowed: field(fc.boolean()),
    wholesale: field(fc.boolean()),
    tableLayout: field(fc.boolean()),
    fullProfileRequired: field(fc.boolean()),
    // Negative ids occur in Shoptet's own examples: no minimum.
    defaultOrderStatusId: field(fc.option(fc.integer({ min: -5, max: 50 }))),
    nmae: anyJson,
  },
  { requiredKeys: [] },
)

/** Xtrakit bodies, likewise. */
export const xtrakitBody = fc.record(
  {
    group_name: field(fc.string({ maxLength: 10 })),
    group_description: field(fc.string({ maxLength: 10 })),
    colour: anyJson,
  },
  { requiredKeys: [] },
)

const languageCodes = ['cs', 'sk', 'en', 'de-AT', 'Czech', 'c', 'cs_CZ', 'cs&x=1']

/** Language codes, valid and not. */
export const language = fc.option(fc.constantFrom(...languageCodes, ''), { nil: undefined })

/**
 * The same without the empty string: Prism reads `?language=` as no language
 * at all, while the client refuses an empty code rather than send it. That is
 * the one known difference, so the differential test leaves it out.
 */
export const languageForPrism = fc.option(fc.constantFrom(...languageCodes), { nil: undefined })
