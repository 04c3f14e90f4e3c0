/** Small JSON helpers for talking to a real server in tests. */
export async function postJson(base: string, path: string, body: unknown, token?: string) {
  const res = await fetch(new URL(path, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  return { status: res.status, json: (await res.json()) as Record<string, any> }
}

export async function getJson(base: string, path: string, token?: string) {
  const res = await fetch(new URL(path, base), { headers: token ? { authorization: `Bearer ${token}` } : {} })
  return { status: res.status, json: (await res.json()) as Record<string, any> }
}
