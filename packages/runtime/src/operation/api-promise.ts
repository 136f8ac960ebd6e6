import type { ResponseMetadata } from '../http/request.js'

/**
 * The promise every provider call returns: awaited, it gives the body;
 * `withResponse()` gives the body and what the exchange took (status,
 * redacted headers, request id, attempts, duration), as Stainless SDKs do.
 */
export class APIPromise<Data, Facts = Record<string, unknown>> extends Promise<Data> {
  readonly #exchange: Promise<{ data: Data; response: ResponseMetadata<Facts> }>
  #data: Promise<Data> | undefined

  constructor(exchange: Promise<{ data: Data; response: ResponseMetadata<Facts> }>) {
    // The base promise is never used: then/catch/finally read the exchange, so a caller
    // who only asks for withResponse() leaves no second, unhandled rejection behind.
    super((resolve) => resolve(undefined as Data))
    this.#exchange = exchange
  }

  // Derived promises (`.then(...)`) are plain promises.
  static override get [Symbol.species]() {
    return Promise
  }

  /** The body together with the exchange's metadata. */
  withResponse(): Promise<{ data: Data; response: ResponseMetadata<Facts> }> {
    return this.#exchange
  }

  #body(): Promise<Data> {
    this.#data ??= this.#exchange.then(dataOf)
    return this.#data
  }

  // biome-ignore lint/suspicious/noThenProperty: it is a promise; awaiting it reads the exchange
  override then<Result1 = Data, Result2 = never>(
    onFulfilled?: ((value: Data) => Result1 | PromiseLike<Result1>) | null,
    onRejected?: ((reason: unknown) => Result2 | PromiseLike<Result2>) | null,
  ): Promise<Result1 | Result2> {
    return this.#body().then(onFulfilled, onRejected)
  }

  override catch<Result = never>(
    onRejected?: ((reason: unknown) => Result | PromiseLike<Result>) | null,
  ): Promise<Data | Result> {
    return this.#body().catch(onRejected)
  }

  override finally(onFinally?: (() => void) | null): Promise<Data> {
    return this.#body().finally(onFinally)
  }
}

function dataOf<Data>(result: { data: Data }): Data {
  return result.data
}
