/** How a push source delivers events: the endpoint, the headers, and how the signature is made. */
export function PushEndpoint({ code, secretSet }: { code: string; secretSet: boolean }) {
  return (
    <div className="space-y-3 text-sm" data-testid="push-endpoint">
      <p>
        Send events with <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs">POST /api/events</code> (JSON body: one event or{" "}
        <code className="font-mono text-xs">{'{ "events": [ … ] }'}</code>, up to 1 MB).
      </p>
      <table className="w-full text-left text-xs">
        <caption className="sr-only">Request headers for pushed events</caption>
        <thead className="text-slate-500">
          <tr>
            <th scope="col" className="pr-3 font-medium">Header</th>
            <th scope="col" className="font-medium">Value</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          <tr>
            <th scope="row" className="py-1.5 pr-3 font-mono font-normal">Content-Type</th>
            <td className="py-1.5 font-mono">application/json</td>
          </tr>
          <tr>
            <th scope="row" className="py-1.5 pr-3 font-mono font-normal">X-Workbench-Source</th>
            <td className="py-1.5 font-mono">{code}</td>
          </tr>
          <tr>
            <th scope="row" className="py-1.5 pr-3 font-mono font-normal">X-Workbench-Timestamp</th>
            <td className="py-1.5">Unix time in seconds; must be within 5 minutes of the server clock.</td>
          </tr>
          <tr>
            <th scope="row" className="py-1.5 pr-3 font-mono font-normal">X-Workbench-Signature</th>
            <td className="py-1.5">
              <code className="font-mono">sha256=</code> + hex HMAC-SHA256 of <code className="font-mono">&quot;&lt;timestamp&gt;.&lt;body&gt;&quot;</code> with the signing secret.
            </td>
          </tr>
          <tr>
            <th scope="row" className="py-1.5 pr-3 font-mono font-normal">Idempotency-Key</th>
            <td className="py-1.5">Optional, 1–200 characters; a repeated delivery with the same key is stored once.</td>
          </tr>
        </tbody>
      </table>
      <p className="text-xs text-slate-600">
        Answers: 202 accepted, 200 duplicate (also a replay of the same signed request), 401 bad signature or timestamp, 413 over 1 MB,
        415 not JSON, 400 not UTF-8 (nothing is stored for these), 422 not an event envelope (kept in quarantine).
        {secretSet ? "" : " No signing secret is set yet: every request is refused until one is."}
      </p>
    </div>
  );
}
