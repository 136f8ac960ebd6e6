// A Cloudflare Worker around the smoke program: the request's body is its configuration, the answer its report.
import { runSmoke, type SmokeConfig } from './smoke.js'

export default {
  async fetch(request: Request): Promise<Response> {
    const config = (await request.json()) as SmokeConfig
    return Response.json(await runSmoke(config))
  },
}
